package rx_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// TestFirstHourMessages checks the messages a new user meets first (issue
// 21, item 18): each names what is wrong and what to write instead.
func TestFirstHourMessages(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		seedLibrary(t, db, 3, 2)

		// A type parameter that is no struct at all.
		_, err := rx.Select[int](db).All(ctx)
		var me *rx.ModelError
		if !errors.As(err, &me) || !strings.Contains(err.Error(), "must be a model struct") || strings.Contains(err.Error(), "write [int]") {
			t.Errorf("Select[int]: %v; want that the type parameter must be a model struct", err)
		}
		if _, err := rx.Scan[int](ctx, rx.Select[RelAuthor](db)); err == nil || !strings.Contains(err.Error(), "into a struct") || strings.Contains(err.Error(), "write [int]") {
			t.Errorf("Scan[int]: %v; want that rows scan into a struct", err)
		}

		// A model whose key was never set: not "no rows in result set".
		for op, run := range map[string]func() error{
			"Update": func() error { return db.Update(ctx, &RelAuthor{Name: "never saved"}) },
			"Delete": func() error { return db.Delete(ctx, &RelAuthor{Name: "never saved"}) },
		} {
			err := run()
			if !errors.Is(err, rx.ErrNotFound) || !strings.Contains(err.Error(), "RelAuthor.Model.ID, the primary key, is not set") {
				t.Errorf("%s with a zero key: %v; want ErrNotFound saying RelAuthor's key is not set", op, err)
			}
		}

		// A negative Retry is refused before the callback runs.
		ran := false
		err = db.WithSession(ctx, func(*rx.Session) error { ran = true; return nil }, rx.Retry(-1))
		if err == nil || ran || !strings.Contains(err.Error(), "Retry(-1)") {
			t.Errorf("Retry(-1): ran %v, %v; want an error before the callback", ran, err)
		}

		// A column of a table the query does not join.
		_, err = rx.Select[RelBook](db).Where(rx.Eq{"rel_author.name": "author 000"}).All(ctx)
		if !errors.Is(err, rx.ErrMissingJoin) || !strings.Contains(err.Error(), "rel_author") {
			t.Errorf("rel_author.name without a join: %v; want ErrMissingJoin naming rel_author", err)
		}
		books, err := rx.Select[RelBook](db).JoinRelation("Author").Where(rx.Eq{"rel_author.name": "author 000"}).All(ctx)
		if err != nil || len(books) != 2 {
			t.Errorf("rel_author.name with JoinRelation: %d books, %v", len(books), err)
		}

		// Iter with With accepts an OrderBy of the primary key, both ways.
		for _, order := range []string{"id", "id ASC", "-id", "id DESC"} {
			var ids []int64
			for a, err := range rx.Select[RelAuthor](db).OrderBy(order).With("Books").Iter(ctx) {
				if err != nil {
					t.Fatalf("Iter OrderBy(%q) With: %v", order, err)
				}
				if len(a.Books) != 2 {
					t.Errorf("Iter OrderBy(%q) With: %s has %d books, want 2", order, a.Name, len(a.Books))
				}
				ids = append(ids, a.ID)
			}
			desc := strings.HasPrefix(order, "-") || strings.HasSuffix(order, "DESC")
			if len(ids) != 3 || (ids[0] < ids[2]) == desc {
				t.Errorf("Iter OrderBy(%q) With: ids %v", order, ids)
			}
		}
	})
}
