package rx_test

import (
	"errors"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// A write through the *DB inside a session's callback, on SQLite where
// the session holds the only write lock, fails at once with
// ErrWriteInSession instead of waiting for itself until the busy timeout;
// on MariaDB and PostgreSQL it is an ordinary autocommit statement. A
// writer on another goroutine still waits its turn and succeeds.
func TestWriteThroughDBInsideSession(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := setupUsers(t, db)
		oneWriter := db.Dialect().Name() == "sqlite"
		before := &User{Username: "before"}
		if err := db.Insert(ctx, before); err != nil {
			t.Fatal(err)
		}
		other := make(chan error, 1)
		err := db.WithSession(ctx, func(s *rx.Session) error {
			if err := s.Insert(ctx, &User{Username: "in-session"}); err != nil {
				return err
			}
			go func() { other <- db.Insert(ctx, &User{Username: "other-goroutine"}) }()
			for _, write := range []struct {
				name string
				fn   func() error
			}{
				{"db.Insert", func() error { return db.Insert(ctx, &User{Username: "autocommit"}) }},
				{"db.Update", func() error { before.Email = "changed"; return db.Update(ctx, before) }},
				{"db.WithSession", func() error {
					return db.WithSession(ctx, func(inner *rx.Session) error { return inner.Insert(ctx, &User{Username: "nested"}) })
				}},
			} {
				start := time.Now()
				err := write.fn()
				if took := time.Since(start); took > 2*time.Second {
					t.Errorf("%s inside a session took %s", write.name, took)
				}
				if oneWriter {
					if !errors.Is(err, rx.ErrWriteInSession) {
						t.Errorf("%s inside a session on SQLite: %v, want ErrWriteInSession", write.name, err)
					}
				} else if err != nil {
					t.Errorf("%s inside a session: %v", write.name, err)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-other:
			if err != nil {
				t.Fatalf("a writer on another goroutine: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("a writer on another goroutine did not get its turn")
		}
		want := int64(5)
		if oneWriter {
			want = 3
		}
		if n := countUsers(t, ctx, db); n != want {
			t.Fatalf("%d users, want %d", n, want)
		}
	})
}
