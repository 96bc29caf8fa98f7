package rx_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

func setupUsers(t *testing.T, db *rx.DB) context.Context {
	t.Helper()
	ctx := context.Background()
	if err := db.CreateAll(ctx, &User{}); err != nil {
		t.Fatal(err)
	}
	return ctx
}

func countUsers(t *testing.T, ctx context.Context, q rx.Querier) int64 {
	t.Helper()
	n, err := rx.Select[User](q).Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSessionPanicRollsBackAndRepanics(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := setupUsers(t, db)
		type marker struct{ v int }
		func() {
			defer func() {
				if p := recover(); p != (marker{7}) {
					t.Fatalf("recovered %v, want the original panic value", p)
				}
			}()
			db.WithSession(ctx, func(s *rx.Session) error {
				if err := s.Insert(ctx, &User{Username: "p"}); err != nil {
					t.Fatal(err)
				}
				panic(marker{7})
			})
		}()
		if n := countUsers(t, ctx, db); n != 0 {
			t.Fatalf("%d rows after panic, want 0", n)
		}
		if in := db.SQL().Stats().InUse; in != 0 {
			t.Fatalf("%d connections still in use after the panic", in)
		}
	})
}

func TestSessionCancelledContext(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := setupUsers(t, db)
		cctx, cancel := context.WithCancel(ctx)
		err := db.WithSession(cctx, func(s *rx.Session) error {
			if err := s.Insert(cctx, &User{Username: "c"}); err != nil {
				return err
			}
			cancel()
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("WithSession = %v, want context.Canceled", err)
		}
		if n := countUsers(t, ctx, db); n != 0 {
			t.Fatalf("%d rows committed despite cancellation", n)
		}
	})
}

func TestSessionClosedAfterCallback(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := setupUsers(t, db)
		var kept *rx.Session
		if err := db.WithSession(ctx, func(s *rx.Session) error { kept = s; return nil }); err != nil {
			t.Fatal(err)
		}
		checks := map[string]error{
			"Add":    kept.Add(&User{Username: "late"}),
			"Insert": kept.Insert(ctx, &User{Username: "late"}),
			"Flush":  kept.Flush(ctx),
			"Commit": kept.Commit(ctx),
		}
		_, checks["Select"] = rx.Select[User](kept).All(ctx)
		_, checks["Get"] = rx.Get[User](ctx, kept, 1)
		_, checks["Exec"] = kept.Exec(ctx, "SELECT 1")
		for name, err := range checks {
			if !errors.Is(err, rx.ErrSessionClosed) {
				t.Errorf("%s after the callback: %v, want ErrSessionClosed", name, err)
			}
		}
	})
}

func TestSessionCommitAndRollbackCarryOn(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := setupUsers(t, db)
		boom := errors.New("boom")
		err := db.WithSession(ctx, func(s *rx.Session) error {
			s.Add(&User{Username: "kept"})
			if err := s.Commit(ctx); err != nil {
				return err
			}
			s.Add(&User{Username: "discarded-staged"})
			if err := s.Insert(ctx, &User{Username: "discarded-written"}); err != nil {
				return err
			}
			if err := s.Rollback(ctx); err != nil {
				return err
			}
			s.Add(&User{Username: "lost"})
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("WithSession = %v", err)
		}
		users, err := rx.Select[User](db).All(ctx)
		if err != nil || len(users) != 1 || users[0].Username != "kept" {
			t.Fatalf("rows = %+v, %v; want only the committed one", users, err)
		}
	})
}

func TestNestedSessionSavepoint(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := setupUsers(t, db)
		inner := errors.New("inner failed")
		err := db.WithSession(ctx, func(s *rx.Session) error {
			if err := s.Insert(ctx, &User{Username: "outer"}); err != nil {
				return err
			}
			err := s.WithSession(ctx, func(in *rx.Session) error {
				if err := in.Insert(ctx, &User{Username: "inner-1"}); err != nil {
					return err
				}
				in.Add(&User{Username: "inner-2"})
				return inner
			})
			if !errors.Is(err, inner) {
				t.Errorf("inner WithSession = %v, want its error", err)
			}
			if err := in2(ctx, s); err != nil {
				return err
			}
			if err := in2(ctx, s); !errors.Is(err, rx.ErrUniqueViolation) {
				t.Errorf("duplicate in savepoint = %v, want ErrUniqueViolation", err)
			}
			// The outer transaction is still usable after both rollbacks.
			return s.Insert(ctx, &User{Username: "outer-2"})
		})
		if err != nil {
			t.Fatal(err)
		}
		users, err := rx.Select[User](db).OrderBy("username").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, u := range users {
			names = append(names, u.Username)
		}
		if len(names) != 3 || names[0] != "inner-ok" || names[1] != "outer" || names[2] != "outer-2" {
			t.Fatalf("rows = %v; want [inner-ok outer outer-2]", names)
		}
	})
}

func in2(ctx context.Context, s *rx.Session) error {
	return s.WithSession(ctx, func(in *rx.Session) error {
		return in.Add(&User{Username: "inner-ok"})
	})
}

func TestReadOnlySessionRefusesWrites(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := setupUsers(t, db)
		err := db.WithSession(ctx, func(s *rx.Session) error {
			return s.Insert(ctx, &User{Username: "ro"})
		}, rx.ReadOnly())
		if !errors.Is(err, rx.ErrReadOnly) || errors.Is(err, rx.ErrRetryable) {
			t.Fatalf("insert in a read-only session = %v, want rx.ErrReadOnly (not retryable)", err)
		}
		if n := countUsers(t, ctx, db); n != 0 {
			t.Fatalf("%d rows written by a read-only session", n)
		}
		// Reads work, and the connection is writable again afterwards.
		if err := db.WithSession(ctx, func(s *rx.Session) error {
			_, err := rx.Select[User](s).All(ctx)
			return err
		}, rx.ReadOnly()); err != nil {
			t.Fatal(err)
		}
		if err := db.WithSession(ctx, func(s *rx.Session) error {
			return s.Insert(ctx, &User{Username: "rw"})
		}, rx.Isolation(sql.LevelSerializable)); err != nil {
			t.Fatal(err)
		}
	})
}

func TestUniqueViolationIsClassified(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := setupUsers(t, db)
		if err := db.Insert(ctx, &User{Username: "dup"}); err != nil {
			t.Fatal(err)
		}
		err := db.Insert(ctx, &User{Username: "dup"})
		if !errors.Is(err, rx.ErrUniqueViolation) {
			t.Fatalf("duplicate insert = %v, want ErrUniqueViolation", err)
		}
	})
}

func TestFlushMidSessionAndRawSQL(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := setupUsers(t, db)
		err := db.WithSession(ctx, func(s *rx.Session) error {
			u := &User{Username: "flushed"}
			if err := s.Add(u); err != nil {
				return err
			}
			if u.ID != 0 {
				t.Error("Add wrote the row before Flush")
			}
			if err := s.Flush(ctx); err != nil {
				return err
			}
			if u.ID == 0 {
				t.Error("Flush did not set the ID")
			}
			// Raw SQL sees the flushed row inside the transaction.
			q, _, err := rx.Select[User](s).Columns("username").Where(rx.Eq{"id": u.ID}).ToSQL()
			if err != nil {
				return err
			}
			rows, err := s.Query(ctx, q, u.ID)
			if err != nil {
				return err
			}
			defer rows.Close()
			var name string
			if !rows.Next() {
				t.Fatal("raw query found no row")
			}
			if err := rows.Scan(&name); err != nil || name != "flushed" {
				t.Fatalf("raw query = %q, %v", name, err)
			}
			return rows.Close()
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestIterStopsEarly(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := setupUsers(t, db)
		for i := 0; i < 5; i++ {
			if err := db.Insert(ctx, &User{Username: "it" + itoa(i)}); err != nil {
				t.Fatal(err)
			}
		}
		seen := 0
		for _, err := range rx.Select[User](db).OrderBy("id").Iter(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			if seen++; seen == 2 {
				break
			}
		}
		if seen != 2 {
			t.Fatalf("saw %d rows", seen)
		}
		if in := db.SQL().Stats().InUse; in != 0 {
			t.Fatalf("breaking out of Iter left %d connections in use", in)
		}
		var iterErr error
		for _, err := range rx.Select[User](db).Where(rx.Eq{"bogus": 1}).Iter(ctx) {
			iterErr = err
		}
		if iterErr == nil {
			t.Fatal("Iter with an unknown column yielded no error")
		}
	})
}

// TestReadOnlySessionKeepsTheAppsGuard: on SQLite rx guards a read-only
// session with PRAGMA query_only and lifts it afterwards, but not on a
// connection the application itself made read-only: the session must not
// leave it writable.
func TestReadOnlySessionKeepsTheAppsGuard(t *testing.T) {
	ctx := context.Background()
	raw := rxtest.FreshURL(t, "sqlite")
	rw := rxtest.OpenURL(t, raw)
	if err := rw.CreateAll(ctx, &User{}); err != nil {
		t.Fatal(err)
	}
	ro, err := rx.Open(ctx, rx.Config{DBURL: raw + "?_pragma=query_only(1)", IgnoreEnv: true, MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Insert(ctx, &User{Username: "before"}); !errors.Is(err, rx.ErrReadOnly) {
		t.Fatalf("insert on a query_only pool = %v, want rx.ErrReadOnly: the check would prove nothing", err)
	}
	if err := ro.WithSession(ctx, func(s *rx.Session) error {
		_, err := rx.Select[User](s).All(ctx)
		return err
	}, rx.ReadOnly()); err != nil {
		t.Fatal(err)
	}
	if err := ro.Insert(ctx, &User{Username: "after"}); !errors.Is(err, rx.ErrReadOnly) {
		t.Fatalf("insert after a read-only session = %v, want rx.ErrReadOnly: the session lifted the application's query_only", err)
	}
}

// A row staged in a nested scope may point at a row the outer session
// staged: the outer rows are written before the scope's SAVEPOINT, so the
// nested flush finds their keys, and a scope that fails rolls back only
// its own rows. Commit and Rollback of the outer session inside an open
// nested scope are refused with ErrCommitInScope (they ended the
// transaction under the scope's savepoint), as they are on the scope.
func TestNestedScopeSeesOuterStagedRows(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, relModels...); err != nil {
			t.Fatal(err)
		}
		kept, dropped := &RelAuthor{Name: "kept"}, &RelAuthor{Name: "dropped-scope"}
		fail := errors.New("scope fails")
		err := db.WithSession(ctx, func(s *rx.Session) error {
			if err := s.Add(kept, dropped); err != nil {
				return err
			}
			if err := s.WithSession(ctx, func(inner *rx.Session) error {
				return inner.Add(&RelBook{Title: "nested", Author: kept})
			}); err != nil {
				return fmt.Errorf("nested scope with a child of an outer staged row: %w", err)
			}
			if err := s.WithSession(ctx, func(inner *rx.Session) error {
				if err := inner.Add(&RelBook{Title: "rolled back", Author: dropped}); err != nil {
					return err
				}
				if err := inner.Flush(ctx); err != nil {
					return err
				}
				return fail
			}); !errors.Is(err, fail) {
				return fmt.Errorf("failing scope: %v", err)
			}
			return s.WithSession(ctx, func(inner *rx.Session) error {
				for name, end := range map[string]func(context.Context) error{
					"outer Commit": s.Commit, "outer Rollback": s.Rollback,
					"inner Commit": inner.Commit, "inner Rollback": inner.Rollback,
				} {
					if err := end(ctx); !errors.Is(err, rx.ErrCommitInScope) {
						t.Errorf("%s inside a nested scope: %v, want ErrCommitInScope", name, err)
					}
				}
				return inner.Insert(ctx, &RelBook{Title: "after refused commit", AuthorID: kept.ID})
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		if kept.ID == 0 || dropped.ID == 0 {
			t.Fatalf("outer rows not written: %+v %+v", kept, dropped)
		}
		books, err := rx.Select[RelBook](db).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, b := range books {
			if b.AuthorID != kept.ID {
				t.Errorf("book %q has author %d, want %d", b.Title, b.AuthorID, kept.ID)
			}
			titles = append(titles, b.Title)
		}
		if strings.Join(titles, ",") != "nested,after refused commit" {
			t.Fatalf("books %v, want nested and after refused commit", titles)
		}
		if n, err := rx.Select[RelAuthor](db).Count(ctx); err != nil || n != 2 {
			t.Fatalf("%d authors, %v; want 2", n, err)
		}
	})
}
