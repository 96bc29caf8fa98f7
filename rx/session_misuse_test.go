package rx_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// A write through the *DB inside a read-write session's callback fails
// at once with ErrWriteInSession on every database: on MariaDB and
// PostgreSQL it would run outside the transaction and stay committed when
// the session rolls back, on SQLite it would wait for the session's own
// write lock. A writer on another goroutine still waits its turn and
// succeeds; a read-only session's callback may write through the *DB.
func TestWriteThroughDBInsideSession(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := setupUsers(t, db)
		before := &User{Username: "before"}
		if err := db.Insert(ctx, before); err != nil {
			t.Fatal(err)
		}
		other := make(chan error, 1)
		rollBack := errors.New("roll back")
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
				{"db.Delete", func() error { return db.Delete(ctx, before) }},
				{"rx.Update", func() error {
					_, err := rx.Update[User](db).Set("email", "all").All().Exec(ctx)
					return err
				}},
				{"db.Exec", func() error { _, err := db.Exec(ctx, "DELETE FROM "+db.Dialect().Quote("user")); return err }},
				{"db.WithSession", func() error {
					return db.WithSession(ctx, func(inner *rx.Session) error { return inner.Insert(ctx, &User{Username: "nested"}) })
				}},
			} {
				start := time.Now()
				err := write.fn()
				if took := time.Since(start); took > 2*time.Second {
					t.Errorf("%s inside a session took %s", write.name, took)
				}
				if !errors.Is(err, rx.ErrWriteInSession) {
					t.Errorf("%s inside a session: %v, want ErrWriteInSession", write.name, err)
				}
			}
			// Reads through the *DB stay allowed.
			if _, err := rx.Select[User](db).All(ctx); err != nil {
				t.Errorf("a read through the *DB inside a session: %v", err)
			}
			return rollBack
		})
		if !errors.Is(err, rollBack) {
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
		got, err := rx.Select[User](db).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].Username != "before" || got[0].Email != "" || got[1].Username != "other-goroutine" {
			t.Fatalf("after the rolled-back session: %+v, want only before (unchanged) and other-goroutine", got)
		}
		err = db.WithSession(ctx, func(s *rx.Session) error {
			return db.Insert(ctx, &User{Username: "from-read-only"})
		}, rx.ReadOnly())
		if err != nil {
			t.Fatalf("a write through the *DB inside a read-only session: %v", err)
		}
		if err := db.Insert(ctx, &User{Username: "after"}); err != nil {
			t.Fatalf("a write after the session: %v", err)
		}
	})
}

// elsewhere runs fn on another goroutine and waits for it: a test's
// deliberate write through the *DB (another transaction) inside a
// session's callback, which on the callback's own goroutine rx refuses
// with ErrWriteInSession.
func elsewhere(fn func() error) error {
	done := make(chan error, 1)
	go func() { done <- fn() }()
	return <-done
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
