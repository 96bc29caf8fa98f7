package rx_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// within runs fn and fails the test when it has not returned after d: a
// call that hangs on a pool fails the test instead of hanging it.
func within(t *testing.T, d time.Duration, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); fn() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not return within %s: the pool is stuck", what, d)
	}
}

// noPanic calls fn, turning a panic into an error, as an HTTP server's
// recover would keep the process going after one.
func noPanic(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panicked: %v", r)
		}
	}()
	return fn()
}

// Every entry point that takes a context refuses a nil one with
// ErrNilContext before it touches the pool: database/sql panics on a nil
// context while it holds the pool's lock, and after a recover every later
// query, and Close, would block for ever.
func TestNilContextIsRefused(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, err := rx.Open(ctx, rx.Config{DBURL: rxtest.FreshURL(t, d), IgnoreEnv: true, MaxOpenConns: 2})
			if err != nil {
				t.Fatal(err)
			}
			if err := db.CreateAll(ctx, &User{}); err != nil {
				t.Fatal(err)
			}
			u := &User{Username: "nilctx"}
			if err := db.Insert(ctx, u); err != nil {
				t.Fatal(err)
			}
			var nilCtx context.Context
			calls := map[string]func() error{
				"Select.All":    func() error { _, err := rx.Select[User](db).All(nilCtx); return err },
				"Select.First":  func() error { _, err := rx.Select[User](db).First(nilCtx); return err },
				"Select.One":    func() error { _, err := rx.Select[User](db).Where(rx.Eq{"id": u.ID}).One(nilCtx); return err },
				"Select.Count":  func() error { _, err := rx.Select[User](db).Count(nilCtx); return err },
				"Select.Exists": func() error { _, err := rx.Select[User](db).Exists(nilCtx); return err },
				"Select.Iter": func() error {
					for _, err := range rx.Select[User](db).Iter(nilCtx) {
						return err
					}
					return nil
				},
				"Scan":    func() error { _, err := rx.Scan[User](nilCtx, rx.Select[User](db)); return err },
				"ScanOne": func() error { _, err := rx.ScanOne[User](nilCtx, rx.Select[User](db)); return err },
				"Get":     func() error { _, err := rx.Get[User](nilCtx, db, u.ID); return err },
				"Query": func() error {
					_, err := rx.Query[User](nilCtx, db, "SELECT * FROM "+db.Dialect().Quote("user"))
					return err
				},
				"QueryOne": func() error {
					_, err := rx.QueryOne[User](nilCtx, db, "SELECT * FROM "+db.Dialect().Quote("user"))
					return err
				},
				"db.Query": func() error {
					rows, err := db.Query(nilCtx, "SELECT 1")
					if err == nil {
						rows.Close()
					}
					return err
				},
				"db.Exec":     func() error { _, err := db.Exec(nilCtx, "SELECT 1"); return err },
				"db.Insert":   func() error { return db.Insert(nilCtx, &User{Username: "x"}) },
				"db.Update":   func() error { return db.Update(nilCtx, u) },
				"db.Delete":   func() error { return db.Delete(nilCtx, u) },
				"Insert.Exec": func() error { _, err := rx.Insert[User](db, &User{Username: "y"}).Exec(nilCtx); return err },
				"Update.Exec": func() error { _, err := rx.Update[User](db).Set("email", "e").All().Exec(nilCtx); return err },
				"Delete.Exec": func() error { _, err := rx.Delete[User](db).All().Exec(nilCtx); return err },
				"Load":        func() error { return rx.Load(nilCtx, db, u) },
				"Tables":      func() error { _, err := db.Tables(nilCtx); return err },
				"CreateAll":   func() error { return db.CreateAll(nilCtx, &User{}) },
				"WithSession": func() error { return db.WithSession(nilCtx, func(*rx.Session) error { return nil }) },
				"rx.Open": func() error {
					_, err := rx.Open(nilCtx, rx.Config{DBURL: "sqlite://:memory:", IgnoreEnv: true})
					return err
				},
				"JoinTx": func() error { return db.JoinTx(nilCtx, nil, func(*rx.Session) error { return nil }) },
				"session.Exec": func() error {
					return db.WithSession(ctx, func(s *rx.Session) error { _, err := s.Exec(nilCtx, "SELECT 1"); return err })
				},
				"session.Flush": func() error {
					return db.WithSession(ctx, func(s *rx.Session) error { return s.Flush(nilCtx) })
				},
				"session.Commit": func() error {
					return db.WithSession(ctx, func(s *rx.Session) error { return s.Commit(nilCtx) })
				},
				"session.Rollback": func() error {
					return db.WithSession(ctx, func(s *rx.Session) error { return s.Rollback(nilCtx) })
				},
				"session.WithSession": func() error {
					return db.WithSession(ctx, func(s *rx.Session) error {
						return s.WithSession(nilCtx, func(*rx.Session) error { return nil })
					})
				},
			}
			for name, call := range calls {
				var err error
				within(t, 10*time.Second, name+" with a nil context", func() { err = noPanic(call) })
				if !errors.Is(err, rx.ErrNilContext) {
					t.Errorf("%s with a nil context: %v, want ErrNilContext", name, err)
				}
			}
			for name, call := range map[string]func() error{
				"db.WithSession": func() error { return db.WithSession(ctx, nil) },
				"s.WithSession": func() error {
					return db.WithSession(ctx, func(s *rx.Session) error { return s.WithSession(ctx, nil) })
				},
			} {
				var err error
				within(t, 10*time.Second, name+" with a nil callback", func() { err = noPanic(call) })
				if err == nil || !errors.Is(err, rx.ErrNilCallback) {
					t.Errorf("%s with a nil callback: %v, want ErrNilCallback", name, err)
				}
			}
			within(t, 10*time.Second, "a query after the nil contexts", func() {
				if n, err := rx.Select[User](db).Count(ctx); err != nil || n != 1 {
					t.Errorf("count after the nil contexts: %d, %v", n, err)
				}
			})
			within(t, 10*time.Second, "db.Close after the nil contexts", func() {
				if err := db.Close(); err != nil {
					t.Error(err)
				}
			})
		})
	}
}
