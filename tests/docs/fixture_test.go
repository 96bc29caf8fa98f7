package docs

// fixtures are the names fragments use without declaring them: the
// guide's models (docs/relationships.md), and the values a snippet's surrounding code would hold.
// A fragment that declares one of these names itself replaces it.
var fixtures = map[string]string{
	"User":            "type User struct {\n\trx.Model\n\tUsername string `rx:\"unique\"`\n\tEmail    string\n\tPassword string\n\tPosts    []Post\n}",
	"Post":            "type Post struct {\n\trx.Model\n\tTitle  string\n\tVotes  int64\n\tUserID int64 `rx:\"fk=user.id,ondelete=cascade\"`\n\tUser   *User\n\tTags   []*Tag `rx:\"through=post_tag\"`\n}",
	"Tag":             "type Tag struct {\n\trx.Model\n\tLabel string `rx:\"unique\"`\n}",
	"PostTag":         "type PostTag struct {\n\tPostID int64 `rx:\"pk,fk=post.id,ondelete=cascade\"`\n\tTagID  int64 `rx:\"pk,fk=tag.id,ondelete=restrict\"`\n}",
	"Account":         "type Account struct {\n\trx.Model\n\tBalance int64\n\tVersion int64 `rx:\"version\"`\n}",
	"ErrDuplicateURL": "var ErrDuplicateURL = errors.New(\"duplicate URL\")",
	"Bookmark":        "type Bookmark struct {\n\trx.Model\n\tURL   string `rx:\"unique\"`\n\tTitle string\n}",
	"Book":            "type Book struct {\n\trx.Model\n\tISBN   string `db:\"isbn\" rx:\"unique\"`\n\tTitle  string\n\tAuthor string `rx:\"index\"`\n\tYear   int\n}", // the rx examples' model
}

// bodyFixtures are in scope only for "body" fragments: a program's values.
var bodyFixtures = map[string]string{
	"ctx":         "var ctx = context.Background()",
	"db":          "var db *rx.DB",
	"s":           "var s *rx.Session",
	"x":           "var x *sqlx.DB",
	"id":          "var id int64",
	"fromID":      "var fromID int64",
	"amount":      "var amount int64",
	"email":       "var email string",
	"dsn":         "var dsn string",
	"order":       "var order User",
	"logger":      "var logger = slog.Default()",
	"myTracer":    "var myTracer rx.QueryHook",
	"newBalance":  "func newBalance(*Account) int64 { return 0 }",
	"legacyAudit": "func legacyAudit(context.Context, *sqlx.Tx, string) error { return nil }",
	"u1":          "var u1 User",
	"u2":          "var u2 User",
}

// knownImports are the packages a fragment without an import block may use
// by their usual name.
var knownImports = map[string]string{
	"context": "context",
	"errors":  "errors",
	"fmt":     "fmt",
	"log":     "log",
	"os":      "os",
	"slog":    "log/slog",
	"sql":     "database/sql",
	"sqlx":    "github.com/jmoiron/sqlx",
	"pq":      "github.com/lib/pq",
	"time":    "time",
	"rx":      "github.com/rxgo/rxdb/rx",
	"migrate": "github.com/rxgo/rxdb/migrate",
	"rxotel":  "github.com/rxgo/rxdb/otel",
}
