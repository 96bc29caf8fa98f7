package rx_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// sessionRecorder is a SessionHook that writes each call as a line, a
// statement as its operation, table and session, a session by its
// number, so that a test compares the whole order of events.
type sessionRecorder struct {
	mu       sync.Mutex
	lines    []string
	sessions map[*rx.SessionEvent]int
}

type sessionKey struct{}

func (r *sessionRecorder) name(ev *rx.SessionEvent) string {
	if ev == nil {
		return "-"
	}
	return fmt.Sprint("s", r.sessions[ev])
}

func (r *sessionRecorder) add(format string, args ...any) {
	r.lines = append(r.lines, fmt.Sprintf(format, args...))
}

func (r *sessionRecorder) BeforeQuery(ctx context.Context, ev *rx.QueryEvent) context.Context {
	return ctx
}

func (r *sessionRecorder) AfterQuery(ctx context.Context, ev *rx.QueryEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	op := ev.Operation
	if op == "" {
		op = "?"
	}
	if ev.Table != "" {
		op += " " + ev.Table
	}
	r.add("%s in %s", op, r.name(ev.Session))
}

func (r *sessionRecorder) BeforeSession(ctx context.Context, ev *rx.SessionEvent) context.Context {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sessions == nil {
		r.sessions = map[*rx.SessionEvent]int{}
	}
	r.sessions[ev] = len(r.sessions) + 1
	r.add("start %s in %s nested=%v ro=%v retries=%d", r.name(ev), r.name(ev.Parent), ev.Nested, ev.ReadOnly, ev.Retries)
	return context.WithValue(ctx, sessionKey{}, r.name(ev))
}

func (r *sessionRecorder) RetrySession(ctx context.Context, ev *rx.SessionEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.add("retry %s attempt=%d err=%v backoff>0=%v", r.name(ev), ev.Attempt, errors.Is(ev.Err, rx.ErrRetryable), ev.Backoff > 0)
}

func (r *sessionRecorder) AfterSession(ctx context.Context, ev *rx.SessionEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if ctx.Value(sessionKey{}) != r.name(ev) || ev.Context != ctx {
		r.add("AfterSession of %s did not get BeforeSession's context", r.name(ev))
	}
	r.add("end %s attempt=%d err=%v", r.name(ev), ev.Attempt, ev.Err)
}

// take returns the lines since the last call, and forgets the sessions.
func (r *sessionRecorder) take() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := strings.Join(r.lines, "\n")
	r.lines, r.sessions = nil, nil
	return out
}

func TestSessionHookSeesSessionsAndTheirStatements(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Ticket{}); err != nil {
			t.Fatal(err)
		}
		rec := &sessionRecorder{}
		db.AddQueryHook(rec)
		check := func(what, want string) {
			t.Helper()
			want = strings.ReplaceAll(strings.TrimSpace(want), "\t", "")
			if got := rec.take(); got != want {
				t.Fatalf("%s: hook saw\n%s\nwant\n%s", what, got, want)
			}
		}

		// Autocommit statements name their operation and table, and
		// belong to no session; raw SQL is not named.
		if err := db.Insert(ctx, &Ticket{Title: "a"}); err != nil {
			t.Fatal(err)
		}
		if _, err := rx.Select[Ticket](db).Where(rx.Eq{"title": "a"}).All(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := rx.Update[Ticket](db).Set("points", 1).All().Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, "DELETE FROM ticket WHERE points < 0"); err != nil {
			t.Fatal(err)
		}
		check("autocommit", `
			INSERT ticket in -
			SELECT ticket in -
			UPDATE ticket in -
			? in -`)

		// A session with a nested one that fails and one that succeeds:
		// the savepoints belong to the nested sessions, the rest to the
		// outer one.
		err := db.WithSession(ctx, func(s *rx.Session) error {
			if _, err := rx.Get[Ticket](ctx, s, 1); err != nil {
				return err
			}
			_ = s.WithSession(ctx, func(s *rx.Session) error {
				if err := s.Delete(ctx, &Ticket{Model: rx.Model{ID: 1}}); err != nil {
					return err
				}
				return errors.New("undo")
			})
			if err := s.Commit(ctx); err != nil {
				return err
			}
			return s.WithSession(ctx, func(s *rx.Session) error {
				return s.Add(&Ticket{Title: "b"})
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		check("nested sessions", `
			start s1 in - nested=false ro=false retries=0
			BEGIN in s1
			SELECT ticket in s1
			start s2 in s1 nested=true ro=false retries=0
			SAVEPOINT in s2
			DELETE ticket in s2
			ROLLBACK TO SAVEPOINT in s2
			end s2 attempt=0 err=undo
			COMMIT in s1
			BEGIN in s1
			start s3 in s1 nested=true ro=false retries=0
			SAVEPOINT in s3
			INSERT ticket in s3
			RELEASE SAVEPOINT in s3
			end s3 attempt=0 err=<nil>
			COMMIT in s1
			end s1 attempt=0 err=<nil>`)

		// Retries: each attempt begins and rolls back in the same session.
		conflict := dialect.Mark(errors.New("synthetic conflict"), rx.ErrRetryable)
		tries := 0
		err = db.WithSession(ctx, func(s *rx.Session) error {
			if tries++; tries < 3 {
				return conflict
			}
			return nil
		}, rx.Retry(3))
		if err != nil {
			t.Fatal(err)
		}
		check("retries", `
			start s1 in - nested=false ro=false retries=3
			BEGIN in s1
			ROLLBACK in s1
			retry s1 attempt=1 err=true backoff>0=true
			BEGIN in s1
			ROLLBACK in s1
			retry s1 attempt=2 err=true backoff>0=true
			BEGIN in s1
			COMMIT in s1
			end s1 attempt=2 err=<nil>`)

		// A read-only session: the dialect's guard statements, if any,
		// belong to it too.
		if err := db.WithSession(ctx, func(s *rx.Session) error {
			_, err := rx.Select[Ticket](s).Count(ctx)
			return err
		}, rx.ReadOnly()); err != nil {
			t.Fatal(err)
		}
		want := "BEGIN in s1\nSELECT ticket in s1\nCOMMIT in s1"
		if _, ok := db.Dialect().(dialect.ReadOnlyGuard); ok {
			want = "? in s1\n? in s1\n" + want + "\n? in s1" // state, on, ..., off
		}
		check("read-only session", "start s1 in - nested=false ro=true retries=0\n"+want+"\nend s1 attempt=0 err=<nil>")

		// A joined transaction is not a session the hooks see, but a
		// nested one in it is.
		tx, err := db.SQLX().BeginTxx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = db.JoinTx(ctx, tx, func(s *rx.Session) error {
			return s.WithSession(ctx, func(s *rx.Session) error { return s.Insert(ctx, &Ticket{Title: "j"}) })
		})
		if rerr := tx.Rollback(); err != nil || rerr != nil {
			t.Fatal(err, rerr)
		}
		check("joined transaction", `
			start s1 in - nested=true ro=false retries=0
			SAVEPOINT in s1
			INSERT ticket in s1
			RELEASE SAVEPOINT in s1
			end s1 attempt=0 err=<nil>`)

		// A panic ends the session with ErrSessionAborted, nested or not.
		func() {
			defer func() { _ = recover() }()
			_ = db.WithSession(ctx, func(s *rx.Session) error {
				return s.WithSession(ctx, func(*rx.Session) error { panic("boom") })
			})
		}()
		check("panic", `
			start s1 in - nested=false ro=false retries=0
			BEGIN in s1
			start s2 in s1 nested=true ro=false retries=0
			SAVEPOINT in s2
			ROLLBACK TO SAVEPOINT in s2
			end s2 attempt=0 err=`+rx.ErrSessionAborted.Error()+`
			ROLLBACK in s1
			end s1 attempt=0 err=`+rx.ErrSessionAborted.Error())
	})
}

func TestStatsAndEndpoint(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		before := db.Stats()
		if before.MaxOpenConnections != db.SQL().Stats().MaxOpenConnections {
			t.Fatalf("Stats().MaxOpenConnections = %d, want the pool's", before.MaxOpenConnections)
		}
		err := db.WithSession(ctx, func(s *rx.Session) error {
			if st := db.Stats(); st.InUse < 1 || st.OpenConnections < 1 {
				return fmt.Errorf("inside a session: %+v, want a connection in use", st)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if st := db.Stats(); st.InUse != 0 || st.Idle < 1 {
			t.Fatalf("after the session: %+v, want it idle", st)
		}

		ep := db.Endpoint()
		var name string
		switch db.Dialect().Name() {
		case "sqlite":
			if ep.Host != "" || ep.Port != 0 || !strings.HasSuffix(ep.Database, "test.db") {
				t.Fatalf("SQLite endpoint %+v, want only its file", ep)
			}
			return
		case "mysql":
			name = "DATABASE()"
		default:
			name = "current_database()"
		}
		var current string
		rows, err := db.Query(ctx, "SELECT "+name)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		if !rows.Next() || rows.Scan(&current) != nil {
			t.Fatal("no current database")
		}
		if ep.Host != "127.0.0.1" || ep.Port == 0 || ep.Database != current {
			t.Fatalf("endpoint %+v, want 127.0.0.1, the port and database %q", ep, current)
		}
		if strings.Contains(fmt.Sprintf("%+v", ep), "root") || strings.Contains(fmt.Sprintf("%+v", ep), "postgres@") {
			t.Fatalf("endpoint %+v holds the user", ep)
		}
	})
}

// A pool given to Wrap has no URL: its endpoint is unknown, and its
// statistics are the pool's.
func TestWrapEndpointIsEmpty(t *testing.T) {
	eachSQL(t, func(t *testing.T, sqlDB *sql.DB, driverName, dialect string) {
		db, err := rx.WrapSQL(sqlDB)
		if err != nil {
			t.Fatal(err)
		}
		if ep := db.Endpoint(); ep.Host != "" || ep.Port != 0 || ep.Database != "" {
			t.Fatalf("Wrap endpoint %+v, want zero", ep)
		}
		if db.Stats() != sqlDB.Stats() {
			t.Fatal("Stats is not the pool's")
		}
	})
}
