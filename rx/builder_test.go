package rx_test

import (
	"context"
	"errors"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// TestBuildersAreConsumed: a builder that a method was chained on is
// retired, so branching from it or dropping a method's result fails with
// ErrBuilderReused instead of running a query with the wrong conditions;
// Clone branches.
func TestBuildersAreConsumed(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Post{}); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, &Post{UserID: 1, Votes: 1}, &Post{UserID: 1, Votes: 5}, &Post{UserID: 2, Votes: 5}); err != nil {
			t.Fatal(err)
		}

		base := rx.Select[Post](db).Where(rx.Eq{"user_id": 1})
		popular, err := base.Where(rx.Gt{"votes": 2}).All(ctx)
		if err != nil || len(popular) != 1 {
			t.Fatalf("chained query = %d rows, %v; want 1", len(popular), err)
		}
		if _, err := base.All(ctx); !errors.Is(err, rx.ErrBuilderReused) {
			t.Errorf("base after chaining: %v, want ErrBuilderReused", err)
		}
		if _, err := base.Where(rx.Lt{"votes": 2}).Count(ctx); !errors.Is(err, rx.ErrBuilderReused) {
			t.Errorf("branch from a retired base: %v, want ErrBuilderReused", err)
		}

		q := rx.Select[Post](db)
		q.Where(rx.Eq{"user_id": 2}) // result dropped
		if _, err := q.All(ctx); !errors.Is(err, rx.ErrBuilderReused) {
			t.Errorf("query whose Where result was dropped: %v, want ErrBuilderReused, not every row", err)
		}

		shared := rx.Select[Post](db).Where(rx.Eq{"votes": 5})
		mine, err := shared.Clone().Where(rx.Eq{"user_id": 1}).Count(ctx)
		if err != nil || mine != 1 {
			t.Errorf("clone 1 = %d, %v; want 1", mine, err)
		}
		theirs, err := shared.Clone().Where(rx.Eq{"user_id": 2}).Count(ctx)
		if err != nil || theirs != 1 {
			t.Errorf("clone 2 = %d, %v; want 1 (no condition of clone 1)", theirs, err)
		}
		if all, err := shared.Count(ctx); err != nil || all != 2 {
			t.Errorf("the cloned base = %d, %v; want 2 (neither clone's condition)", all, err)
		}

		del := rx.Delete[Post](db)
		del.Where(rx.Eq{"id": 1})
		if _, err := del.Exec(ctx); !errors.Is(err, rx.ErrBuilderReused) {
			t.Errorf("Delete whose Where was dropped: %v, want ErrBuilderReused", err)
		}
		upd := rx.Update[Post](db).Set("votes", 0)
		upd.Where(rx.Eq{"id": 1})
		if _, err := upd.Exec(ctx); !errors.Is(err, rx.ErrBuilderReused) {
			t.Errorf("Update whose Where was dropped: %v, want ErrBuilderReused", err)
		}
		if n, _ := rx.Select[Post](db).Count(ctx); n != 3 {
			t.Errorf("%d rows left, want 3: a retired builder must not write", n)
		}
	})
}
