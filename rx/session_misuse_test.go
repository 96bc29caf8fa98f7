package rx_test

import (
	"errors"
	"strings"
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

// A statement on a session while an Iter over it is still open fails
// before it is sent, saying so, on every database (MariaDB and PostgreSQL
// would answer "bad connection"); after the loop the session works.
func TestStatementWhileIterOpen(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := setupUsers(t, db)
		for _, name := range []string{"a", "b", "c"} {
			if err := db.Insert(ctx, &User{Username: name}); err != nil {
				t.Fatal(err)
			}
		}
		err := db.WithSession(ctx, func(s *rx.Session) error {
			rows := 0
			for u, err := range rx.Select[User](s).OrderBy("id").Iter(ctx) {
				if err != nil {
					return err
				}
				rows++
				u.Email = "x"
				for name, stmt := range map[string]func() error{
					"Update": func() error { return s.Update(ctx, &u, "email") },
					"Count":  func() error { _, err := rx.Select[User](s).Count(ctx); return err },
					"Flush": func() error {
						s.Add(&User{Username: "staged" + u.Username})
						return s.Flush(ctx)
					},
					"nested session": func() error { return s.WithSession(ctx, func(*rx.Session) error { return nil }) },
					"Commit":         func() error { return s.Commit(ctx) },
				} {
					if err := stmt(); !errors.Is(err, rx.ErrIterOpen) || !strings.Contains(err.Error(), "Iter is still open") {
						t.Errorf("%s during Iter: %v, want ErrIterOpen", name, err)
					}
				}
				if rows == 2 {
					break
				}
			}
			// The loop is over: the session is free again, and the rows
			// staged during it are written now.
			if _, err := rx.Select[User](s).Count(ctx); err != nil {
				t.Fatalf("Count after the loop: %v", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n := countUsers(t, ctx, db); n != 5 {
			t.Fatalf("%d users after the session, want 5 (3 and 2 staged during the loop)", n)
		}
		// Iter on the *DB leaves other statements free.
		for u, err := range rx.Select[User](db).Iter(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			if _, err := rx.Get[User](ctx, db, u.ID); err != nil {
				t.Fatalf("Get during an Iter on the DB: %v", err)
			}
			break
		}
	})
}
