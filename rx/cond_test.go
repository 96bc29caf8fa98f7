package rx_test

import (
	"context"
	"errors"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
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
			if n, err := rx.Select[Post](db).Where(c).Count(ctx); err != nil || (n != 2 && name != "Or{}") {
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
