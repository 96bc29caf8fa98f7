package rx_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type Post struct {
	rx.Model
	UserID int64  `rx:"index"`
	Title  string `rx:"size=200"`
	Votes  int
}

// Membership has a composite key that the caller sets.
type Membership struct {
	OrgID  int64 `rx:"pk"`
	UserID int64 `rx:"pk"`
	Role   string
}

// Setting names its own table and has a string key.
type Setting struct {
	Key   string `rx:"pk,size=64"`
	Value string
}

func (Setting) TableName() string { return "app_settings" }

// golden is the expected SQL per dialect.
type golden map[string]string

func TestBuilderGoldenSQL(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		d := db.Dialect().Name()
		cases := []struct {
			name  string
			build func() (string, []any, error)
			want  golden
			args  int
		}{
			{"plain", rx.Select[User](db).ToSQL, golden{
				"sqlite":   `SELECT "user"."id", "user"."username", "user"."email", "user"."password" FROM "user"`,
				"mysql":    "SELECT `user`.`id`, `user`.`username`, `user`.`email`, `user`.`password` FROM `user`",
				"postgres": `SELECT "user"."id", "user"."username", "user"."email", "user"."password" FROM "user"`,
			}, 0},
			{"where order limit", rx.Select[User](db).Columns("id").Where(rx.Eq{"username": "ann"}, rx.Gt{"id": 3}).OrderBy("-id").Limit(5).Offset(10).ToSQL, golden{
				"sqlite":   `SELECT "user"."id" FROM "user" WHERE ("user"."username" = ?) AND ("user"."id" > ?) ORDER BY "user"."id" DESC LIMIT 5 OFFSET 10`,
				"mysql":    "SELECT `user`.`id` FROM `user` WHERE (`user`.`username` = ?) AND (`user`.`id` > ?) ORDER BY `user`.`id` DESC LIMIT 5 OFFSET 10",
				"postgres": `SELECT "user"."id" FROM "user" WHERE ("user"."username" = $1) AND ("user"."id" > $2) ORDER BY "user"."id" DESC LIMIT 5 OFFSET 10`,
			}, 2},
			{"offset only", rx.Select[User](db).Columns("id").Offset(2).ToSQL, golden{
				"sqlite":   `SELECT "user"."id" FROM "user" LIMIT 9223372036854775807 OFFSET 2`,
				"mysql":    "SELECT `user`.`id` FROM `user` LIMIT 18446744073709551615 OFFSET 2",
				"postgres": `SELECT "user"."id" FROM "user" OFFSET 2`,
			}, 0},
			{"in list", rx.Select[User](db).Columns("id").Where(rx.Eq{"id": []int64{1, 2}}).ToSQL, golden{
				"sqlite":   `SELECT "user"."id" FROM "user" WHERE "user"."id" IN (SELECT value FROM json_each(?))`,
				"mysql":    "SELECT `user`.`id` FROM `user` WHERE `user`.`id` IN (?,?)",
				"postgres": `SELECT "user"."id" FROM "user" WHERE "user"."id" = ANY($1)`,
			}, map[string]int{"sqlite": 1, "mysql": 2, "postgres": 1}[d]},
			{"not in list", rx.Select[User](db).Columns("id").Where(rx.NotEq{"id": []int64{1, 2}}).ToSQL, golden{
				"sqlite":   `SELECT "user"."id" FROM "user" WHERE "user"."id" NOT IN (SELECT value FROM json_each(?))`,
				"mysql":    "SELECT `user`.`id` FROM `user` WHERE `user`.`id` NOT IN (?,?)",
				"postgres": `SELECT "user"."id" FROM "user" WHERE "user"."id" <> ALL($1)`,
			}, map[string]int{"sqlite": 1, "mysql": 2, "postgres": 1}[d]},
			{"report", rx.Select[Post](db).Columns("user_id").ColumnExpr("n", "COUNT(*)").GroupBy("user_id").OrderBy("-n").Where(rx.ILike{"title": "x%"}).ToSQL, golden{
				"sqlite":   `SELECT "post"."user_id", COUNT(*) AS "n" FROM "post" WHERE LOWER("post"."title") LIKE LOWER(?) ESCAPE '\' GROUP BY "post"."user_id" ORDER BY "n" DESC`,
				"mysql":    "SELECT `post`.`user_id`, COUNT(*) AS `n` FROM `post` WHERE LOWER(`post`.`title`) LIKE LOWER(?) ESCAPE CHAR(92 USING ascii) GROUP BY `post`.`user_id` ORDER BY `n` DESC",
				"postgres": `SELECT "post"."user_id", COUNT(*) AS "n" FROM "post" WHERE "post"."title" ILIKE $1 ESCAPE E'\\' GROUP BY "post"."user_id" ORDER BY "n" DESC`,
			}, 1},
			{"upsert", rx.Insert(db, &User{Username: "a"}).OnConflict("username").DoUpdate("email").ToSQL, golden{
				"sqlite":   `INSERT INTO "user" ("username", "email", "password") VALUES (?, ?, ?) ON CONFLICT ("username") DO UPDATE SET "email" = excluded."email" RETURNING "id"`,
				"mysql":    "INSERT INTO `user` (`username`, `email`, `password`) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE `id` = LAST_INSERT_ID(`id`), `email` = VALUES(`email`)",
				"postgres": `INSERT INTO "user" ("username", "email", "password") VALUES ($1, $2, $3) ON CONFLICT ("username") DO UPDATE SET "email" = excluded."email" RETURNING "id"`,
			}, 3},
			{"update", rx.Update[User](db).Set("email", "x").Where(rx.Eq{"id": 1}).ToSQL, golden{
				"sqlite":   `UPDATE "user" SET "email" = ? WHERE "user"."id" = ?`,
				"mysql":    "UPDATE `user` SET `email` = ? WHERE `user`.`id` = ?",
				"postgres": `UPDATE "user" SET "email" = $1 WHERE "user"."id" = $2`,
			}, 2},
			{"delete", rx.Delete[User](db).Where(rx.Or{rx.Eq{"id": 1}, rx.Like{"email": "%x"}}).ToSQL, golden{
				"sqlite":   `DELETE FROM "user" WHERE ("user"."id" = ? OR "user"."email" LIKE ? ESCAPE '\')`,
				"mysql":    "DELETE FROM `user` WHERE (`user`.`id` = ? OR `user`.`email` LIKE ? ESCAPE CHAR(92 USING ascii))",
				"postgres": `DELETE FROM "user" WHERE ("user"."id" = $1 OR "user"."email" LIKE $2 ESCAPE E'\\')`,
			}, 2},
		}
		for _, c := range cases {
			got, args, err := c.build()
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			if got != c.want[d] {
				t.Errorf("%s:\n got  %s\n want %s", c.name, got, c.want[d])
			}
			if len(args) != c.args {
				t.Errorf("%s: %d args, want %d", c.name, len(args), c.args)
			}
		}
	})
}

func TestQueryFeatures(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}, &Post{}); err != nil {
			t.Fatal(err)
		}
		ann, bob := &User{Username: "ann"}, &User{Username: "bob"}
		if err := db.Insert(ctx, ann, bob); err != nil {
			t.Fatal(err)
		}
		posts := []*Post{{UserID: ann.ID, Title: "a1", Votes: 3}, {UserID: ann.ID, Title: "a2", Votes: 5}, {UserID: bob.ID, Title: "b1", Votes: 5}}
		if _, err := rx.Insert(db, posts...).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		for _, p := range posts {
			if p.ID == 0 {
				t.Fatal("rx.Insert did not set IDs")
			}
		}

		// Join against another registered model's table.
		got, err := rx.Select[Post](db).Join(`JOIN "user" ON "user".id = post.user_id`).Where(rx.Eq{"user.username": "ann"}).OrderBy("title").All(ctx)
		if d := db.Dialect().Name(); d == "mysql" {
			got, err = rx.Select[Post](db).Join("JOIN `user` ON `user`.id = post.user_id").Where(rx.Eq{"user.username": "ann"}).OrderBy("title").All(ctx)
		}
		if err != nil || len(got) != 2 || got[0].Title != "a1" {
			t.Fatalf("join = %+v, %v", got, err)
		}

		// Distinct with Columns, and Count over it.
		votes, err := rx.Select[Post](db).Columns("votes").Distinct().OrderBy("votes").All(ctx)
		if err != nil || len(votes) != 2 || votes[0].Votes != 3 || votes[0].Title != "" {
			t.Fatalf("distinct votes = %+v, %v", votes, err)
		}
		if n, err := rx.Select[Post](db).Columns("votes").Distinct().Count(ctx); err != nil || n != 2 {
			t.Fatalf("distinct count = %d, %v", n, err)
		}
		// GroupBy and Having count the groups.
		n, err := rx.Select[Post](db).Columns("user_id").GroupBy("user_id").Having(rx.Expr("COUNT(*) > ?", 1)).Count(ctx)
		if err != nil || n != 1 {
			t.Fatalf("grouped count = %d, %v", n, err)
		}
		// Count honours Limit.
		if n, err := rx.Select[Post](db).Limit(2).Count(ctx); err != nil || n != 2 {
			t.Fatalf("limited count = %d, %v", n, err)
		}
		if ok, err := rx.Select[Post](db).Where(rx.Eq{"votes": 99}).Exists(ctx); err != nil || ok {
			t.Fatalf("Exists(no match) = %v, %v", ok, err)
		}
		one, err := rx.Select[Post](db).Where(rx.Eq{"title": "b1"}).One(ctx)
		if err != nil || one.UserID != bob.ID {
			t.Fatalf("One = %+v, %v", one, err)
		}
		// Update with an expression; Delete of everything needs All.
		if n, err := rx.Update[Post](db).Set("votes", rx.Expr("votes + ?", 10)).Where(rx.GtOrEq{"votes": 5}).Exec(ctx); err != nil || n != 2 {
			t.Fatalf("update expr = %d, %v", n, err)
		}
		if p, _ := rx.Get[Post](ctx, db, posts[2].ID); p.Votes != 15 {
			t.Fatalf("votes after expr update = %d", p.Votes)
		}
		if _, err := rx.Update[Post](db).Set("votes", 0).Exec(ctx); !errors.Is(err, rx.ErrNoWhere) {
			t.Fatalf("Update without Where = %v", err)
		}
		if n, err := rx.Delete[Post](db).All().Exec(ctx); err != nil || n != 3 {
			t.Fatalf("delete all = %d, %v", n, err)
		}
	})
}

func TestCallerIdentifiersAreChecked(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}); err != nil {
			t.Fatal(err)
		}
		bad := map[string]error{}
		_, bad["Eq key"] = rx.Select[User](db).Where(rx.Eq{"username = '' OR 1=1 --": "x"}).All(ctx)
		_, bad["nested Or"] = rx.Select[User](db).Where(rx.Or{rx.Eq{"id": 1}, rx.Lt{"nope": 2}}).All(ctx)
		_, bad["OrderBy"] = rx.Select[User](db).OrderBy("id; DROP TABLE user").All(ctx)
		_, bad["OrderBy direction"] = rx.Select[User](db).OrderBy("id sideways").All(ctx)
		_, bad["Columns"] = rx.Select[User](db).Columns("password AS x").All(ctx)
		_, bad["GroupBy"] = rx.Select[User](db).GroupBy("1").All(ctx)
		_, bad["qualified unknown table"] = rx.Select[User](db).Where(rx.Eq{"secrets.id": 1}).All(ctx)
		_, bad["Set"] = rx.Update[User](db).Set("email = 'x', password", "y").Where(rx.Eq{"id": 1}).Exec(ctx)
		_, bad["OnConflict"] = rx.Insert(db, &User{Username: "x"}).OnConflict("nope").DoNothing().Exec(ctx)
		bad["Update columns"] = db.Update(ctx, &User{}, "nope")
		for name, err := range bad {
			var ce *rx.ColumnError
			if !errors.As(err, &ce) {
				t.Errorf("%s: %v, want a *rx.ColumnError", name, err)
			} else if !strings.Contains(err.Error(), "User") {
				t.Errorf("%s: %q does not name the model", name, err)
			}
		}
		if n, _ := rx.Select[User](db).Count(ctx); n != 0 {
			t.Fatalf("a rejected insert wrote %d rows", n)
		}
	})
}

func TestUpsert(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, &User{Username: "ann", Email: "old"}); err != nil {
			t.Fatal(err)
		}
		if _, err := rx.Insert(db, &User{Username: "ann", Email: "ignored"}, &User{Username: "new", Email: "n"}).OnConflict("username").DoNothing().Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if u, err := rx.Select[User](db).Where(rx.Eq{"username": "ann"}).One(ctx); err != nil || u.Email != "old" {
			t.Fatalf("after DoNothing: %+v, %v", u, err)
		}
		if _, err := rx.Insert(db, &User{Username: "ann", Email: "updated", Password: "p"}).OnConflict("username").DoUpdate("email").Exec(ctx); err != nil {
			t.Fatal(err)
		}
		u, err := rx.Select[User](db).Where(rx.Eq{"username": "ann"}).One(ctx)
		if err != nil || u.Email != "updated" || u.Password != "" {
			t.Fatalf("after DoUpdate(email): %+v, %v", u, err)
		}
		if _, err := rx.Insert(db, &User{Username: "ann", Email: "all", Password: "p2"}).OnConflict("username").DoUpdate().Exec(ctx); err != nil {
			t.Fatal(err)
		}
		u, _ = rx.Select[User](db).Where(rx.Eq{"username": "ann"}).One(ctx)
		if u.Email != "all" || u.Password != "p2" {
			t.Fatalf("after DoUpdate(): %+v", u)
		}
		if n, _ := rx.Select[User](db).Count(ctx); n != 2 {
			t.Fatalf("%d rows, want 2", n)
		}
	})
}

func TestCompositeAndCustomKeys(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Membership{}, &Setting{}); err != nil {
			t.Fatal(err)
		}
		tables, err := db.Tables(ctx)
		if err != nil || !strings.Contains(strings.Join(tables, ","), "app_settings") {
			t.Fatalf("tables = %v, %v; want app_settings from TableName", tables, err)
		}
		err = db.WithSession(ctx, func(s *rx.Session) error {
			return s.Add(&Membership{OrgID: 1, UserID: 2, Role: "admin"}, &Membership{OrgID: 1, UserID: 3, Role: "member"}, &Setting{Key: "theme", Value: "dark"})
		})
		if err != nil {
			t.Fatal(err)
		}
		m, err := rx.Get[Membership](ctx, db, 1, 3)
		if err != nil || m.Role != "member" {
			t.Fatalf("Get composite = %+v, %v", m, err)
		}
		if _, err := rx.Get[Membership](ctx, db, 1); err == nil || !strings.Contains(err.Error(), "2 key value") {
			t.Fatalf("Get with one of two keys = %v", err)
		}
		m.Role = "owner"
		if err := db.Update(ctx, m, "role"); err != nil {
			t.Fatal(err)
		}
		if err := db.Update(ctx, m, "org_id"); err == nil {
			t.Fatal("Update of a key column succeeded")
		}
		if other, _ := rx.Get[Membership](ctx, db, 1, 2); other.Role != "admin" {
			t.Fatalf("update by composite key touched another row: %+v", other)
		}
		if err := db.Delete(ctx, &Membership{OrgID: 1, UserID: 2}); err != nil {
			t.Fatal(err)
		}
		if n, _ := rx.Select[Membership](db).Count(ctx); n != 1 {
			t.Fatalf("%d memberships after delete, want 1", n)
		}
		st, err := rx.Get[Setting](ctx, db, "theme")
		if err != nil || st.Value != "dark" {
			t.Fatalf("Get by string key = %+v, %v", st, err)
		}
		if err := db.Insert(ctx, &Setting{Key: "theme"}); !errors.Is(err, rx.ErrUniqueViolation) {
			t.Fatalf("duplicate primary key = %v, want ErrUniqueViolation", err)
		}
	})
}

func TestExplicitIDsMixWithGenerated(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}); err != nil {
			t.Fatal(err)
		}
		fixed := &User{Model: rx.Model{ID: 1000}, Username: "fixed"}
		a, b := &User{Username: "a"}, &User{Username: "b"}
		if err := db.Insert(ctx, a, fixed, b); err != nil {
			t.Fatal(err)
		}
		if fixed.ID != 1000 || a.ID == 0 || b.ID == 0 || a.ID == b.ID {
			t.Fatalf("ids: a=%d fixed=%d b=%d", a.ID, fixed.ID, b.ID)
		}
		for _, u := range []*User{a, fixed, b} {
			got, err := rx.Get[User](ctx, db, u.ID)
			if err != nil || got.Username != u.Username {
				t.Fatalf("id %d holds %+v, %v; want %s", u.ID, got, err, u.Username)
			}
		}
	})
}

// Count and Exists of a grouped query count its groups on every database,
// without selecting columns that are not grouped.
func TestCountAndExistsOfGroupedQuery(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Post{}); err != nil {
			t.Fatal(err)
		}
		posts := []*Post{{UserID: 1, Title: "a"}, {UserID: 1, Title: "b"}, {UserID: 2, Title: "c"}, {UserID: 3, Title: "d"}}
		if _, err := rx.Insert(db, posts...).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name string
			q    *rx.SelectQuery[Post]
			want int64
		}{
			{"GroupBy", rx.Select[Post](db).GroupBy("user_id"), 3},
			{"GroupBy Having", rx.Select[Post](db).GroupBy("user_id").Having(rx.Expr("COUNT(*) > ?", 1)), 1},
			{"GroupBy Where Limit", rx.Select[Post](db).Where(rx.Gt{"user_id": 1}).GroupBy("user_id").Limit(1), 1},
			{"Distinct", rx.Select[Post](db).Columns("user_id").Distinct(), 3},
		}
		for _, c := range cases {
			if n, err := c.q.Count(ctx); err != nil || n != c.want {
				t.Errorf("%s: Count = %d, %v; want %d", c.name, n, err, c.want)
			}
			if ok, err := c.q.Exists(ctx); err != nil || ok != (c.want > 0) {
				t.Errorf("%s: Exists = %v, %v; want %v", c.name, ok, err, c.want > 0)
			}
		}
	})
}

func TestILikeLimitColumnsAndKeyTypes(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}, &Post{}, &Setting{}); err != nil {
			t.Fatal(err)
		}
		ann := &User{Username: "Ann", Email: "ANN@Example.com"}
		if err := db.Insert(ctx, ann, &User{Username: "bob", Email: "bob@example.org"}); err != nil {
			t.Fatal(err)
		}

		// ILike is case-insensitive on every database, NotILike its opposite.
		if n, err := rx.Select[User](db).Where(rx.ILike{"email": "ann@EXAMPLE.%"}).Count(ctx); err != nil || n != 1 {
			t.Errorf("ILike = %d, %v; want 1", n, err)
		}
		if n, err := rx.Select[User](db).Where(rx.ILike{"username": "a%", "email": "%.COM"}).Count(ctx); err != nil || n != 1 {
			t.Errorf("ILike of two columns = %d, %v; want 1", n, err)
		}
		if n, err := rx.Select[User](db).Where(rx.NotILike{"username": "ANN"}).Count(ctx); err != nil || n != 1 {
			t.Errorf("NotILike = %d, %v; want 1", n, err)
		}
		if _, err := rx.Select[User](db).Where(rx.Like{"email": nil}).All(ctx); err == nil {
			t.Error("Like with a NULL pattern was sent")
		}

		// A negative Limit or Offset is refused; Limit(0) is no rows.
		for name, q := range map[string]*rx.SelectQuery[User]{
			"Limit(-1)":  rx.Select[User](db).Limit(-1),
			"Offset(-1)": rx.Select[User](db).Offset(-1),
		} {
			if got, err := q.All(ctx); err == nil || !strings.Contains(err.Error(), name) {
				t.Errorf("%s = %d rows, %v; want an error naming it", name, len(got), err)
			}
		}
		if got, err := rx.Select[User](db).Limit(0).All(ctx); err != nil || len(got) != 0 {
			t.Errorf("Limit(0) = %d rows, %v", len(got), err)
		}

		// Columns takes table.column, as conditions do.
		if _, err := rx.Insert(db, &Post{UserID: ann.ID, Title: "hello"}).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		join := `JOIN "user" ON "user"."id" = "post"."user_id"`
		if db.Dialect().Name() == "mysql" {
			join = "JOIN `user` ON `user`.`id` = `post`.`user_id`"
		}
		got, err := rx.Select[Post](db).Columns("post.id", "post.title").Join(join).Where(rx.Eq{"user.username": "Ann"}).All(ctx)
		if err != nil || len(got) != 1 || got[0].Title != "hello" || got[0].ID == 0 || got[0].UserID != 0 {
			t.Errorf("Columns(post.id, post.title) = %+v, %v", got, err)
		}
		// A column of another table scans into the model's field of that name.
		us, err := rx.Select[User](db).Columns("user.username", "post.id").Join(`JOIN post ON post.user_id = "user".id`).All(ctx)
		if db.Dialect().Name() == "mysql" {
			us, err = rx.Select[User](db).Columns("user.username", "post.id").Join("JOIN post ON post.user_id = `user`.id").All(ctx)
		}
		if err != nil || len(us) != 1 || us[0].Username != "Ann" || us[0].ID != got[0].ID {
			t.Errorf("Columns(user.username, post.id) = %+v, %v", us, err)
		}
		var ce *rx.ColumnError
		if _, err := rx.Select[User](db).Columns("post.title").All(ctx); !errors.As(err, &ce) {
			t.Errorf("Columns of a field the model lacks = %v, want *rx.ColumnError", err)
		}

		// Get checks the key's Go type against the model before sending.
		for name, key := range map[string]any{"string for int64": "abc", "nil": nil, "float for int64": 1.5} {
			if _, err := rx.Get[User](ctx, db, key); !errors.As(err, &ce) || !strings.Contains(err.Error(), `"id"`) || !strings.Contains(err.Error(), "int64") {
				t.Errorf("Get[User](%s) = %v; want *rx.ColumnError naming the key column and its type", name, err)
			}
		}
		if _, err := rx.Get[Setting](ctx, db, 7); !errors.As(err, &ce) || !strings.Contains(err.Error(), "string") {
			t.Errorf("Get[Setting](7) = %v; want *rx.ColumnError", err)
		}
		for _, key := range []any{ann.ID, int(ann.ID), int32(ann.ID), uint64(ann.ID), &ann.ID} {
			if u, err := rx.Get[User](ctx, db, key); err != nil || u.Username != "Ann" {
				t.Errorf("Get[User](%T) = %+v, %v", key, u, err)
			}
		}
	})
}

// An upsert sets the key of the row it inserted or updated, and counts
// rows the same way on every database.
func TestUpsertSetsKeyAndCounts(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}, &Setting{}); err != nil {
			t.Fatal(err)
		}
		ann := &User{Username: "ann", Email: "old"}
		if err := db.Insert(ctx, &User{Username: "first"}, ann); err != nil {
			t.Fatal(err)
		}

		// DoUpdate of an existing row: its key, and one row written.
		up := &User{Username: "ann", Email: "new"}
		n, err := rx.Insert(db, up).OnConflict("username").DoUpdate("email").Exec(ctx)
		if err != nil || n != 1 || up.ID != ann.ID {
			t.Fatalf("DoUpdate of an existing row = %d, %v, ID %d; want 1, nil, ID %d", n, err, up.ID, ann.ID)
		}
		// The same values again: still found and counted.
		again := &User{Username: "ann", Email: "new"}
		if n, err := rx.Insert(db, again).OnConflict("username").DoUpdate("email").Exec(ctx); err != nil || n != 1 || again.ID != ann.ID {
			t.Fatalf("DoUpdate without a change = %d, %v, ID %d; want 1, nil, ID %d", n, err, again.ID, ann.ID)
		}
		// DoUpdate of a new row: the new key.
		cy := &User{Username: "cy", Email: "c"}
		if n, err := rx.Insert(db, cy).OnConflict("username").DoUpdate().Exec(ctx); err != nil || n != 1 || cy.ID == 0 || cy.ID == ann.ID {
			t.Fatalf("DoUpdate of a new row = %d, %v, ID %d", n, err, cy.ID)
		}
		if got, err := rx.Get[User](ctx, db, cy.ID); err != nil || got.Username != "cy" {
			t.Fatalf("Get(new upserted ID %d) = %+v, %v", cy.ID, got, err)
		}
		// DoNothing: a conflict writes nothing and leaves the key 0; a new row gets its key.
		dup := &User{Username: "ann", Email: "ignored"}
		if n, err := rx.Insert(db, dup).OnConflict("username").DoNothing().Exec(ctx); err != nil || n != 0 || dup.ID != 0 {
			t.Fatalf("DoNothing on a conflict = %d, %v, ID %d; want 0, nil, 0", n, err, dup.ID)
		}
		dee := &User{Username: "dee"}
		if n, err := rx.Insert(db, dee).OnConflict("username").DoNothing().Exec(ctx); err != nil || n != 1 || dee.ID == 0 {
			t.Fatalf("DoNothing of a new row = %d, %v, ID %d; want 1, nil, a key", n, err, dee.ID)
		}
		// Several rows: each inserted or updated row counts once.
		if n, err := rx.Insert(db, &User{Username: "ann", Email: "x"}, &User{Username: "cy", Email: "y"}, &User{Username: "eve"}).
			OnConflict("username").DoUpdate("email").Exec(ctx); err != nil || n != 3 {
			t.Fatalf("DoUpdate of three rows = %d, %v; want 3", n, err)
		}
		if u, _ := rx.Get[User](ctx, db, ann.ID); u.Email != "x" {
			t.Fatalf("after the three-row upsert ann = %+v", u)
		}
		// A key the caller gives (a string key) is not overwritten.
		st := &Setting{Key: "theme", Value: "dark"}
		for range 2 {
			if n, err := rx.Insert(db, st).OnConflict("key").DoUpdate().Exec(ctx); err != nil || n != 1 {
				t.Fatalf("upsert by string key = %d, %v", n, err)
			}
		}
		if got, err := rx.Get[Setting](ctx, db, "theme"); err != nil || got.Value != "dark" {
			t.Fatalf("Get(theme) = %+v, %v", got, err)
		}
	})
}
