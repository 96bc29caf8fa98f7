package rx_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// TestValuerPanicInQuery: a Valuer that panics in a query's arguments (a
// Where value, a key; an INSERT with RETURNING is a query too) must not
// leave database/sql's transaction lock or the pool's connection held
// (golang/go#26332): the panic reaches WithSession's caller after the
// rollback, and the pool's only connection serves the next session.
func TestValuerPanicInQuery(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, err := rx.Open(ctx, rx.Config{DBURL: rxtest.FreshURL(t, d), IgnoreEnv: true, MaxOpenConns: 1})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.CreateAll(ctx, &touchyItem{}); err != nil {
				t.Fatal(err)
			}
			for name, fn := range map[string]func(s *rx.Session) error{
				"where": func(s *rx.Session) error {
					_, err := rx.Select[touchyItem](s).Where(rx.Eq{"v": touchy("boom")}).All(ctx)
					return err
				},
				"insert": func(s *rx.Session) error {
					return s.Insert(ctx, &touchyItem{V: "boom"}, &touchyItem{V: "boom"})
				},
				"raw": func(s *rx.Session) error {
					_, err := rx.Query[touchyItem](ctx, s, "SELECT * FROM touchy_item WHERE v = ?", touchy("boom"))
					return err
				},
			} {
				done := make(chan any, 1)
				go func() {
					defer func() { done <- recover() }()
					_ = db.WithSession(ctx, fn)
				}()
				select {
				case got := <-done:
					if got != "touchy: boom" {
						t.Fatalf("%s: recovered %v, want the Valuer's panic", name, got)
					}
				case <-time.After(20 * time.Second):
					t.Fatalf("%s: the session never returned after its Valuer panicked", name)
				}
				qctx, cancel := context.WithTimeout(ctx, 10*time.Second)
				err := db.WithSession(qctx, func(s *rx.Session) error {
					return s.Insert(qctx, &touchyItem{V: "fine"})
				})
				cancel()
				if err != nil {
					t.Fatalf("%s: the next session on the one-connection pool: %v", name, err)
				}
			}
			// A Valuer's error stops the query before it is sent.
			boom := errors.New("no value")
			_, err = rx.Select[touchyItem](db).Where(rx.Eq{"v": failing{boom}}).All(ctx)
			if !errors.Is(err, boom) {
				t.Fatalf("a failing Valuer: %v, want its error", err)
			}
		})
	}
}

// failing is a Valuer that returns an error.
type failing struct{ err error }

func (f failing) Value() (driver.Value, error) { return nil, f.err }
