package rx_test

import (
	"context"
	"errors"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// Limit(0) returns no rows, whichever method reads them: First and One
// find none, Count is 0, Exists false, Iter yields nothing.
func TestLimitZeroReturnsNoRows(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Post{}, &RelAuthor{}, &RelBook{}, &RelTag{}, &RelBookTag{}); err != nil {
			t.Fatal(err)
		}
		if _, err := rx.Insert(db, &Post{Title: "a"}, &Post{Title: "b"}).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := rx.Insert(db, &RelAuthor{Name: "ann"}).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		check := func(t *testing.T, q rx.Querier) {
			zero := func() *rx.SelectQuery[Post] { return rx.Select[Post](q).OrderBy("id").Limit(0) }
			if p, err := zero().First(ctx); !errors.Is(err, rx.ErrNotFound) {
				t.Errorf("Limit(0).First = %+v, %v; want ErrNotFound", p, err)
			}
			if p, err := zero().Offset(1).First(ctx); !errors.Is(err, rx.ErrNotFound) {
				t.Errorf("Limit(0).Offset(1).First = %+v, %v; want ErrNotFound", p, err)
			}
			if p, err := rx.Select[Post](q).Where(rx.Eq{"title": "a"}).Limit(0).One(ctx); !errors.Is(err, rx.ErrNotFound) {
				t.Errorf("Limit(0).One = %+v, %v; want ErrNotFound", p, err)
			}
			if ps, err := zero().All(ctx); err != nil || len(ps) != 0 {
				t.Errorf("Limit(0).All = %d rows, %v; want none", len(ps), err)
			}
			if n, err := zero().Count(ctx); err != nil || n != 0 {
				t.Errorf("Limit(0).Count = %d, %v; want 0", n, err)
			}
			if ok, err := zero().Exists(ctx); err != nil || ok {
				t.Errorf("Limit(0).Exists = %v, %v; want false", ok, err)
			}
			for p, err := range zero().Iter(ctx) {
				t.Errorf("Limit(0).Iter yielded %+v, %v; want nothing", p, err)
			}
			type title struct{ Title string }
			if rs, err := rx.Scan[title](ctx, zero().Columns("title")); err != nil || len(rs) != 0 {
				t.Errorf("Scan(Limit(0)) = %v, %v; want none", rs, err)
			}
			if r, err := rx.ScanOne[title](ctx, zero().Columns("title")); !errors.Is(err, rx.ErrNotFound) {
				t.Errorf("ScanOne(Limit(0)) = %+v, %v; want ErrNotFound", r, err)
			}
			authors := func() *rx.SelectQuery[RelAuthor] { return rx.Select[RelAuthor](q).Limit(0).With("Books") }
			if a, err := authors().OrderBy("id").First(ctx); !errors.Is(err, rx.ErrNotFound) {
				t.Errorf("Limit(0).With.First = %+v, %v; want ErrNotFound", a, err)
			}
			for a, err := range authors().Iter(ctx) {
				t.Errorf("Limit(0).With.Iter yielded %+v, %v; want nothing", a, err)
			}
			// Without Limit, and with Limit(1), First is unchanged.
			if p, err := rx.Select[Post](q).OrderBy("-id").First(ctx); err != nil || p.Title != "b" {
				t.Errorf("First = %+v, %v; want b", p, err)
			}
			if p, err := rx.Select[Post](q).OrderBy("id").Limit(1).First(ctx); err != nil || p.Title != "a" {
				t.Errorf("Limit(1).First = %+v, %v; want a", p, err)
			}
		}
		t.Run("db", func(t *testing.T) { check(t, db) })
		t.Run("session", func(t *testing.T) {
			if err := db.WithSession(ctx, func(s *rx.Session) error { check(t, s); return nil }); err != nil {
				t.Fatal(err)
			}
		})
	})
}
