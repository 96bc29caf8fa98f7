package rx_test

import (
	"context"
	"errors"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// emptySqlizer is a programmer's condition that renders no SQL, such as a
// filter builder whose every optional part was absent.
type emptySqlizer struct{ sql string }

func (e emptySqlizer) ToSql() (string, []any, error) { return e.sql, nil, nil }

// failingSqlizer is a condition that cannot render.
type failingSqlizer struct{}

var errCannotRender = errors.New("cannot render this condition")

func (failingSqlizer) ToSql() (string, []any, error) { return "", nil, errCannotRender }

// Whether a condition restricts the rows is decided on the SQL it
// renders, not on its Go type: a programmer's condition that renders
// nothing must not let Update or Delete change every row.
func TestRenderedEmptyConditionIsNoWhere(t *testing.T) {
	t.Parallel()
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
			`Expr("")`:                     rx.Expr(""),
			`Expr("  ")`:                   rx.Expr("  \n"),
			"Sqlizer rendering nothing":    emptySqlizer{},
			"&Sqlizer rendering nothing":   &emptySqlizer{},
			"Sqlizer rendering (1=1)":      emptySqlizer{" (1=1) "},
			`And{Expr("")}`:                rx.And{rx.Expr("")},
			`And{Expr(""), Expr("")}`:      rx.And{rx.Expr(""), emptySqlizer{}},
			"Or{emptySqlizer}":             rx.Or{emptySqlizer{}},
			"Or{emptySqlizer, Eq{title}}":  rx.Or{emptySqlizer{}, rx.Eq{"title": "a"}},
			`Or{Eq{title}, Expr("")}`:      rx.Or{rx.Eq{"title": "a"}, rx.Expr("")},
			`And{Eq{}, Or{And{Expr("")}}}`: rx.And{rx.Eq{}, rx.Or{rx.And{rx.Expr("")}}},
			"NotEq{two empty lists}":       rx.NotEq{"id": none, "title": []string{}},
		}
		for name, c := range empty {
			if n, err := rx.Delete[Post](db).Where(c).Exec(ctx); !errors.Is(err, rx.ErrNoWhere) {
				t.Errorf("Delete.Where(%s) = %d, %v; want ErrNoWhere", name, n, err)
			}
			if n, err := rx.Update[Post](db).Set("votes", 0).Where(c).Exec(ctx); !errors.Is(err, rx.ErrNoWhere) {
				t.Errorf("Update.Where(%s) = %d, %v; want ErrNoWhere", name, n, err)
			}
			if _, _, err := rx.Update[Post](db).Set("votes", 0).Where(c).ToSQL(); !errors.Is(err, rx.ErrNoWhere) {
				t.Errorf("Update.Where(%s).ToSQL = %v; want ErrNoWhere", name, err)
			}
			// What the guard counts as no restriction, Select reads as
			// every row.
			if n, err := rx.Select[Post](db).Where(c).Count(ctx); err != nil || n != 2 {
				t.Errorf("Select.Where(%s).Count = %d, %v; want 2", name, n, err)
			}
		}
		posts, err := rx.Select[Post](db).OrderBy("title").All(ctx)
		if err != nil || len(posts) != 2 || posts[0].Votes != 1 || posts[1].Votes != 2 {
			t.Fatalf("rows after the refused statements = %+v, %v; want both, unchanged", posts, err)
		}

		// A condition that cannot render is an error, not a restriction.
		if _, err := rx.Delete[Post](db).Where(failingSqlizer{}).Exec(ctx); !errors.Is(err, errCannotRender) {
			t.Errorf("Delete.Where(failing) = %v, want its error", err)
		}
		if _, err := rx.Update[Post](db).Set("votes", 0).Where(rx.Or{rx.Eq{"title": "a"}, failingSqlizer{}}).Exec(ctx); !errors.Is(err, errCannotRender) {
			t.Errorf("Update.Where(Or{…, failing}) = %v, want its error", err)
		}
		// A restricting part next to an empty one in an And still restricts.
		if n, err := rx.Update[Post](db).Set("votes", 9).Where(rx.And{rx.Expr(""), rx.Eq{"title": "a"}}).Exec(ctx); err != nil || n != 1 {
			t.Fatalf(`Update.Where(And{Expr(""), Eq{title: a}}) = %d, %v; want 1`, n, err)
		}
		// Each part of an And or Or is its own group: a programmer's OR
		// inside an And stays inside it.
		n, err := rx.Delete[Post](db).Where(rx.And{rx.Expr("votes = ? OR votes = ?", 9, 2), rx.Eq{"title": "a"}}).Exec(ctx)
		if err != nil || n != 1 {
			t.Fatalf("Delete.Where(And{Expr(x OR y), Eq{title: a}}) = %d, %v; want 1", n, err)
		}
		if left, err := rx.Select[Post](db).All(ctx); err != nil || len(left) != 1 || left[0].Title != "b" {
			t.Fatalf("rows left = %+v, %v; want b only", left, err)
		}
	})
}
