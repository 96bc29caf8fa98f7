package rx_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
	"modernc.org/sqlite"
)

// A filter assembled from optional parameters that were all absent must
// not get past the guard against updating or deleting every row.
func TestEmptyConditionsCountAsNoWhere(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Post{}); err != nil {
			t.Fatal(err)
		}
		if _, err := rx.Insert(db, &Post{Title: "a", Votes: 1}, &Post{Title: "b", Votes: 2}).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		var none []int64
		empty := map[string]rx.Sqlizer{
			"Eq{}":                      rx.Eq{},
			"NotEq{}":                   rx.NotEq{},
			"Lt{}":                      rx.Lt{},
			"Like{}":                    rx.Like{},
			"And{}":                     rx.And{},
			"Or{}":                      rx.Or{},
			"And{Eq{}, Gt{}}":           rx.And{rx.Eq{}, rx.Gt{}},
			"Or{Eq{title}, Eq{}}":       rx.Or{rx.Eq{"title": "a"}, rx.Eq{}},
			"And{Or{And{}}}":            rx.And{rx.Or{rx.And{}}},
			"&Eq{}":                     &rx.Eq{},
			"NotEq{id: empty list}":     rx.NotEq{"id": none},
			"Or{NotEq{id: empty list}}": rx.Or{rx.NotEq{"id": []string{}}},
		}
		for name, c := range empty {
			if _, err := rx.Delete[Post](db).Where(c).Exec(ctx); !errors.Is(err, rx.ErrNoWhere) {
				t.Errorf("Delete.Where(%s) = %v, want ErrNoWhere", name, err)
			}
			if _, err := rx.Update[Post](db).Set("votes", 0).Where(c).Exec(ctx); !errors.Is(err, rx.ErrNoWhere) {
				t.Errorf("Update.Where(%s) = %v, want ErrNoWhere", name, err)
			}
			if _, _, err := rx.Delete[Post](db).Where(c, rx.Eq{}).ToSQL(); !errors.Is(err, rx.ErrNoWhere) {
				t.Errorf("Delete.Where(%s, Eq{}).ToSQL = %v, want ErrNoWhere", name, err)
			}
			// Select has no guard: a filter with no parameters lists everything.
			if n, err := rx.Select[Post](db).Where(c).Count(ctx); err != nil || n != 2 {
				t.Errorf("Select.Where(%s).Count = %d, %v; want 2", name, n, err)
			}
		}
		if n, _ := rx.Select[Post](db).Count(ctx); n != 2 {
			t.Fatalf("%d rows left, want 2: an empty condition got past the guard", n)
		}

		// One restricting condition among empty ones is enough.
		if n, err := rx.Update[Post](db).Set("votes", 9).Where(rx.Eq{}, rx.And{rx.Eq{"title": "a"}}).Exec(ctx); err != nil || n != 1 {
			t.Fatalf("Update with a restricting condition = %d, %v; want 1", n, err)
		}
		// An empty IN list matches nothing, which restricts: no rows, no error.
		if n, err := rx.Delete[Post](db).Where(rx.Eq{"id": none}).Exec(ctx); err != nil || n != 0 {
			t.Fatalf("Delete.Where(Eq{id: empty list}) = %d, %v; want 0, nil", n, err)
		}
		// All still means every row.
		if n, err := rx.Update[Post](db).Set("votes", 0).Where(rx.Eq{}).All().Exec(ctx); err != nil || n != 2 {
			t.Fatalf("Update.Where(Eq{}).All() = %d, %v; want 2", n, err)
		}
	})
}

func TestEmptyConditionInOrMatchesEveryRow(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Post{}); err != nil {
			t.Fatal(err)
		}
		if _, err := rx.Insert(db, &Post{Title: "a"}, &Post{Title: "b"}).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		// "title = a OR (no condition)" is every row, as the guard assumes.
		if n, err := rx.Select[Post](db).Where(rx.Or{rx.Eq{"title": "a"}, rx.Lt{}}).Count(ctx); err != nil || n != 2 {
			t.Fatalf("Or{Eq{title: a}, Lt{}}.Count = %d, %v; want 2", n, err)
		}
	})
}

// An IN list of any length works: PostgreSQL binds it as one array,
// SQLite as one JSON array, MySQL interpolates it into the statement.
func TestLongInList(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Post{}); err != nil {
			t.Fatal(err)
		}
		posts := make([]*Post, 50)
		for i := range posts {
			posts[i] = &Post{Title: fmt.Sprint("p", i), Votes: i % 5}
		}
		if _, err := rx.Insert(db, posts...).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		const n = 70000
		ids := make([]int64, n)
		titles := make([]string, n)
		for i := range ids {
			ids[i] = int64(i*2 + 1)
			titles[i] = fmt.Sprint("p", i*2+1)
		}
		want := 0
		for _, p := range posts {
			if p.ID%2 == 1 {
				want++
			}
		}
		got, err := rx.Select[Post](db).Where(rx.Eq{"id": ids}).All(ctx)
		if err != nil || len(got) != want {
			t.Fatalf("Eq{id: %d ids}: %d rows, %v; want %d", n, len(got), err, want)
		}
		if c, err := rx.Select[Post](db).Where(rx.NotEq{"id": ids}).Count(ctx); err != nil || c != int64(50-want) {
			t.Fatalf("NotEq{id: %d ids}: %d rows, %v; want %d", n, c, err, 50-want)
		}
		if c, err := rx.Select[Post](db).Where(rx.Eq{"title": titles}).Count(ctx); err != nil || c != 25 {
			t.Fatalf("Eq{title: %d strings}: %d rows, %v; want 25", n, c, err)
		}
		if m, err := rx.Update[Post](db).Set("votes", 100).Where(rx.Eq{"id": ids}).Exec(ctx); err != nil || m != int64(want) {
			t.Fatalf("Update.Where(Eq{id: %d ids}) = %d, %v; want %d", n, m, err, want)
		}

		// Short lists of every kind of element, against the same rows.
		lists := map[string]any{
			"[]int":            []int{int(posts[0].ID), int(posts[1].ID)},
			"[]uint32":         []uint32{uint32(posts[0].ID), uint32(posts[1].ID)},
			"[]any":            []any{posts[0].ID, posts[1].ID},
			"[2]int64":         [2]int64{posts[0].ID, posts[1].ID},
			"[]sql.NullInt64":  []sql.NullInt64{{Int64: posts[0].ID, Valid: true}, {Int64: posts[1].ID, Valid: true}},
			"[]float64":        []float64{float64(posts[0].ID), float64(posts[1].ID)},
			"[]any with nil":   []any{posts[0].ID, nil, posts[1].ID},
			"[]int64 repeated": []int64{posts[0].ID, posts[0].ID, posts[1].ID},
		}
		for name, l := range lists {
			if c, err := rx.Select[Post](db).Where(rx.Eq{"id": l}).Count(ctx); err != nil || c != 2 {
				t.Errorf("Eq{id: %s}: %d rows, %v; want 2", name, c, err)
			}
		}
		if c, err := rx.Select[Post](db).Where(rx.Eq{"title": []string{"p0", "P0", "p1'; --"}}).Count(ctx); err != nil || c != 1 {
			t.Errorf("Eq{title: []string}: %d rows, %v; want 1", c, err)
		}
		if c, err := rx.Select[Post](db).Where(rx.Eq{"title": []Status{"p0", "p1", "é\u2028\"}"}}).Count(ctx); err != nil || c != 2 {
			t.Errorf("Eq{title: []Status}: %d rows, %v; want 2", c, err)
		}
		// An empty list still matches nothing, and NotEq of one everything.
		if c, err := rx.Select[Post](db).Where(rx.Eq{"id": []int64{}}).Count(ctx); err != nil || c != 0 {
			t.Errorf("Eq{id: empty}: %d rows, %v; want 0", c, err)
		}
		if c, err := rx.Select[Post](db).Where(rx.NotEq{"id": []int64{}}).Count(ctx); err != nil || c != 50 {
			t.Errorf("NotEq{id: empty}: %d rows, %v; want 50", c, err)
		}
	})
}

// A failing statement's error names the operation and the table, and
// still unwraps to rx's sentinels and the driver's error.
func TestStatementErrorsNameOperationAndTable(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}); err != nil {
			t.Fatal(err)
		}
		ann := &User{Username: "ann"}
		if err := db.Insert(ctx, ann); err != nil {
			t.Fatal(err)
		}
		q := db.Dialect().Quote
		var oe *rx.OpError
		check := func(what string, err error, op string, is error) {
			t.Helper()
			if !errors.As(err, &oe) || oe.Op != op || oe.Table != "user" {
				t.Errorf("%s: %v; want an *rx.OpError for %s user", what, err, op)
				return
			}
			if want := "rx: " + op + " user: "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("%s: %q does not start with %q", what, err, want)
			}
			if is != nil && !errors.Is(err, is) {
				t.Errorf("%s: %v is not %v", what, err, is)
			}
			if !driverError(err) {
				t.Errorf("%s: %v does not unwrap to the driver's error type", what, err)
			}
		}
		err := db.Insert(ctx, &User{Username: "ann"})
		check("Insert duplicate", err, "insert", rx.ErrUniqueViolation)
		_, err = rx.Insert(db, &User{Username: "ann"}).Exec(ctx)
		check("rx.Insert duplicate", err, "insert", rx.ErrUniqueViolation)
		bob := &User{Username: "bob"}
		if err := db.Insert(ctx, bob); err != nil {
			t.Fatal(err)
		}
		bob.Username = "ann"
		check("Update to a duplicate", db.Update(ctx, bob), "update", rx.ErrUniqueViolation)
		_, err = rx.Update[User](db).Set("username", "ann").Where(rx.Eq{"id": bob.ID}).Exec(ctx)
		check("Update builder", err, "update", rx.ErrUniqueViolation)
		_, err = rx.Select[User](db).Where(rx.Expr("no_such_column = 1")).All(ctx)
		check("Select", err, "select", nil)
		_, err = rx.Select[User](db).Where(rx.Expr("no_such_column = 1")).Count(ctx)
		check("Count", err, "select", nil)
		_, err = rx.Delete[User](db).Where(rx.Expr("no_such_column = 1")).Exec(ctx)
		check("Delete builder", err, "delete", nil)
		if _, err := db.Exec(ctx, "DROP TABLE "+q("user")); err != nil {
			t.Fatal(err)
		}
		_, err = rx.Get[User](ctx, db, ann.ID)
		check("Get", err, "select", nil)
		check("Delete", db.Delete(ctx, ann), "delete", nil)

		// Answers rather than failures keep their own errors.
		if err := db.CreateAll(ctx, &User{}); err != nil {
			t.Fatal(err)
		}
		_, err = rx.Get[User](ctx, db, int64(1))
		if !errors.Is(err, rx.ErrNotFound) || errors.As(err, &oe) {
			t.Errorf("Get of a missing row = %v; want ErrNotFound, not an *rx.OpError", err)
		}
		_, err = rx.Select[User](db).One(ctx)
		if err != rx.ErrNotFound {
			t.Errorf("One of no rows = %v; want ErrNotFound itself", err)
		}
	})
}

// driverError reports whether err unwraps to one of the drivers' error types.
func driverError(err error) bool {
	var pg *pgconn.PgError
	var my *mysql.MySQLError
	var lite *sqlite.Error
	return errors.As(err, &pg) || errors.As(err, &my) || errors.As(err, &lite)
}

// IN lists of text that the one-parameter forms (a PostgreSQL array
// literal, a SQLite JSON array) must escape match exactly those rows.
func TestInListEscapes(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Post{}); err != nil {
			t.Fatal(err)
		}
		titles := []string{`a"b`, `c\d`, `e,f`, `{g}`, `NULL`, `h'i`, "é\u2028", " j ", ""}
		for _, s := range titles {
			if _, err := rx.Insert(db, &Post{Title: s}).Exec(ctx); err != nil {
				t.Fatal(err)
			}
		}
		for i, s := range titles {
			got, err := rx.Select[Post](db).Where(rx.Eq{"title": []string{s, "absent"}}).All(ctx)
			if err != nil || len(got) != 1 || got[0].Title != s {
				t.Errorf("Eq{title: [%q absent]} = %+v, %v; want the row %d", s, got, err, i)
			}
		}
		if n, err := rx.Select[Post](db).Where(rx.NotEq{"title": titles[:4]}).Count(ctx); err != nil || n != int64(len(titles)-4) {
			t.Errorf("NotEq{title: 4 strings} = %d, %v; want %d", n, err, len(titles)-4)
		}
	})
}
