package rx_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// TestNotFoundSentinel pins what code ported from sqlx sees when no row
// matches: the sqlx-shaped calls return sql.ErrNoRows itself, so that
// err == sql.ErrNoRows keeps matching; the calls by key wrap it with the
// model and the key, and errors.Is matches both names.
func TestNotFoundSentinel(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}); err != nil {
			t.Fatal(err)
		}
		q := db.Dialect().Quote
		raw := "SELECT * FROM " + q("user") + " WHERE " + q("username") + " = 'nobody'"
		gone := &User{Model: rx.Model{ID: 424242}, Username: "gone"}
		bare := map[string]func() error{
			"QueryOne": func() error { _, err := rx.QueryOne[User](ctx, db, raw); return err },
			"One":      func() error { _, err := rx.Select[User](db).Where(rx.Eq{"username": "nobody"}).One(ctx); return err },
			"First":    func() error { _, err := rx.Select[User](db).First(ctx); return err },
		}
		for name, call := range bare {
			if err := call(); err != sql.ErrNoRows { //nolint:errorlint // the point of the test
				t.Errorf("%s: %v, want sql.ErrNoRows itself", name, err)
			}
		}
		wrapped := map[string]func() error{
			"Get":    func() error { _, err := rx.Get[User](ctx, db, gone.ID); return err },
			"Update": func() error { return db.Update(ctx, gone) },
			"Delete": func() error { return db.Delete(ctx, gone) },
		}
		for name, call := range wrapped {
			err := call()
			if !errors.Is(err, sql.ErrNoRows) || !errors.Is(err, rx.ErrNotFound) || !strings.Contains(err.Error(), "User with key [424242]") {
				t.Errorf("%s: %v, want sql.ErrNoRows wrapped with the model and key", name, err)
			}
		}
	})
}
