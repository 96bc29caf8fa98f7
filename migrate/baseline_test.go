package migrate_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type blAuthor struct {
	rx.Model
	Name string
}

func (blAuthor) TableName() string { return "bl_author" }

type blBook struct {
	rx.Model
	AuthorID int64 `rx:"fk=bl_author.id"`
	Title    string
}

func (blBook) TableName() string { return "bl_book" }

// runNext runs, as printed, every command of the Next line of a db
// command's output ("Next: `prog db x`, then `prog db y`"), each of which
// must succeed.
func runNext(t *testing.T, cfg rx.Config, out string, models ...any) {
	t.Helper()
	next := regexp.MustCompile("(?m)^Next: .*$").FindString(out)
	cmds := regexp.MustCompile("`[^` ]+ (db [^`]*)`").FindAllStringSubmatch(next, -1)
	if len(cmds) == 0 {
		t.Fatalf("no command printed:\n%s", out)
	}
	for _, c := range cmds {
		got, err := runPrinted(t, cfg, "myapp "+c[1], models...)
		if err != nil {
			t.Fatalf("%s, as printed by\n%s\nfailed: %v\n%s", c[1], out, err, got)
		}
	}
}

// TestInitBaselinesExisting runs db init on databases that already hold
// the models' tables: with other tables and a composite unique index
// beside them, the first migration is recorded as applied, and init says
// so; with a table differing from its model and another missing, the
// first migration holds the live tables, recorded as applied, and init
// prints steps that work as printed. Either way check ends clean, the
// folder replaying from empty included.
func TestInitBaselinesExisting(t *testing.T) {
	if err := rx.Register(&blAuthor{}, &blBook{}); err != nil {
		t.Fatal(err)
	}
	models := []any{&blAuthor{}, &blBook{}}
	for _, differ := range []bool{false, true} {
		name := map[bool]string{false: "same", true: "differ"}[differ]
		t.Run(name, func(t *testing.T) {
			eachDialect(t, func(t *testing.T, cfg rx.Config) {
				db := openDB(t, cfg)
				if err := db.CreateAll(ctx(t), models...); err != nil {
					t.Fatal(err)
				}
				q := db.Dialect().Quote
				stmts := []string{
					"CREATE TABLE bl_side (id INT PRIMARY KEY)",
					"CREATE UNIQUE INDEX bl_book_author_title ON bl_book (author_id, " + q("title") + ")",
					"INSERT INTO bl_author (name) VALUES ('a')",
				}
				if differ {
					stmts = append(stmts, "ALTER TABLE bl_author ADD COLUMN extra INT", "DROP TABLE bl_book")
				}
				for _, s := range stmts {
					if _, err := db.Exec(ctx(t), s); err != nil {
						t.Fatalf("%s: %v", s, err)
					}
				}
				var out strings.Builder
				if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "init"}, models...); err != nil {
					t.Fatalf("db init: %v\n%s", err, out.String())
				}
				t.Logf("db init:\n%s", out.String())
				adopted := strings.Contains(out.String(), "table(s) bl_author: version ") &&
					strings.Contains(out.String(), "holds them as they are and is recorded as applied; the models differ in bl_author, bl_book, which the next migration writes")
				if !strings.Contains(out.String(), "recorded as applied") || adopted != differ {
					t.Fatalf("db init (tables differ: %v):\n%s", differ, out.String())
				}
				runNext(t, cfg, out.String(), models...)
				m := migrate.New(cfg, models...)
				if err := m.Check(ctx(t)); err != nil {
					t.Fatalf("check after init's steps:\n%s\n%v", out.String(), err)
				}
				if differ {
					return
				}
				var n int
				if err := db.SQL().QueryRowContext(ctx(t), "SELECT COUNT(*) FROM bl_author").Scan(&n); err != nil || n != 1 {
					t.Fatalf("rows after baseline: %d %v", n, err)
				}
			})
		})
	}
}
