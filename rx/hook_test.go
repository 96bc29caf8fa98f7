package rx_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type recorder struct {
	mu     sync.Mutex
	events []rx.QueryEvent
}

type ctxKey struct{}

func (r *recorder) BeforeQuery(ctx context.Context, ev *rx.QueryEvent) context.Context {
	return context.WithValue(ctx, ctxKey{}, ev.Query)
}

func (r *recorder) AfterQuery(ctx context.Context, ev *rx.QueryEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if ctx.Value(ctxKey{}) != ev.Query {
		ev.Err = errors.New("AfterQuery did not get BeforeQuery's context")
	}
	r.events = append(r.events, *ev)
}

// verbs returns the first word of each statement seen since the last call.
func (r *recorder) verbs() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, ev := range r.events {
		verb, _, _ := strings.Cut(ev.Query, " ")
		out = append(out, verb)
	}
	r.events = nil
	return strings.Join(out, " ")
}

func (r *recorder) last() rx.QueryEvent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.events[len(r.events)-1]
}

func TestQueryHookSeesEveryStatement(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Ticket{}); err != nil {
			t.Fatal(err)
		}
		rec := &recorder{}
		db.AddQueryHook(rec)

		err := db.WithSession(ctx, func(s *rx.Session) error {
			if err := s.Add(&Ticket{Title: "a"}, &Ticket{Title: "b"}); err != nil {
				return err
			}
			if err := s.Commit(ctx); err != nil {
				return err
			}
			_ = s.WithSession(ctx, func(s *rx.Session) error {
				if _, err := rx.Update[Ticket](s).Set("points", 2).Where(rx.Eq{"title": "a"}).Exec(ctx); err != nil {
					return err
				}
				return errors.New("undo")
			})
			return s.WithSession(ctx, func(s *rx.Session) error {
				_, err := rx.Select[Ticket](s).All(ctx)
				return err
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		// The MySQL key step query (SELECT) may appear once after the
		// first multi-row INSERT; rx opened the DB, so it was read at Open.
		want := "BEGIN INSERT COMMIT BEGIN SAVEPOINT UPDATE ROLLBACK SAVEPOINT SELECT RELEASE COMMIT"
		if got := rec.verbs(); got != want {
			t.Fatalf("hook saw\n%s\nwant\n%s", got, want)
		}

		// A failed session ends in ROLLBACK; the error reaches the hook
		// classified.
		err = db.WithSession(ctx, func(s *rx.Session) error {
			return s.Insert(ctx, &Ticket{Model: rx.Model{ID: 1}, Title: "dup"})
		})
		if !errors.Is(err, rx.ErrUniqueViolation) {
			t.Fatalf("duplicate key: %v", err)
		}
		if got := rec.verbs(); got != "BEGIN INSERT ROLLBACK" {
			t.Fatalf("failed session: hook saw %q", got)
		}

		// Autocommit statements: no BEGIN/COMMIT; rows affected and the
		// error are reported.
		if _, err := rx.Update[Ticket](db).Set("points", 7).All().Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if ev := rec.last(); ev.RowsAffected != 2 || ev.Err != nil || len(ev.Args) != 1 || ev.Duration <= 0 || ev.Start.IsZero() {
			t.Fatalf("update event = %+v", ev)
		}
		if err := db.Insert(ctx, &Ticket{Model: rx.Model{ID: 2}}); !errors.Is(err, rx.ErrUniqueViolation) {
			t.Fatal(err)
		}
		if ev := rec.last(); !errors.Is(ev.Err, rx.ErrUniqueViolation) {
			t.Fatalf("hook got error %v, want it classified as ErrUniqueViolation", ev.Err)
		}
		if _, err := rx.Get[Ticket](ctx, db, 1); err != nil {
			t.Fatal(err)
		}
		if ev := rec.last(); ev.RowsAffected != -1 || !strings.HasPrefix(ev.Query, "SELECT") {
			t.Fatalf("query event = %+v, want RowsAffected -1", ev)
		}
		rec.verbs()

		// A read-only session, with the guard statements of a dialect
		// that needs them.
		err = db.WithSession(ctx, func(s *rx.Session) error {
			_, err := rx.Select[Ticket](s).Count(ctx)
			return err
		}, rx.ReadOnly())
		if err != nil {
			t.Fatal(err)
		}
		want = "BEGIN SELECT COMMIT"
		if g, ok := db.Dialect().(dialect.ReadOnlyGuard); ok {
			state, _, _ := strings.Cut(g.ReadOnlyState(), " ")
			on, _, _ := strings.Cut(g.ReadOnlyOn(), " ")
			off, _, _ := strings.Cut(g.ReadOnlyOff(), " ")
			want = state + " " + on + " " + want + " " + off
		}
		if got := rec.verbs(); got != want {
			t.Fatalf("read-only session: hook saw %q, want %q", got, want)
		}

		// CreateAll: the table list, then each table in a transaction.
		if err := db.CreateAll(ctx, &Account{}); err != nil {
			t.Fatal(err)
		}
		if got := rec.verbs(); got != "SELECT BEGIN CREATE COMMIT" {
			t.Fatalf("CreateAll: hook saw %q", got)
		}

		// A joined transaction: its owner begins and ends it, rx reports
		// only its own statements.
		tx, err := db.SQLX().BeginTxx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if err := db.JoinTx(ctx, tx, func(s *rx.Session) error { return s.Insert(ctx, &Ticket{Title: "j"}) }); err != nil {
			t.Fatal(err)
		}
		if got := rec.verbs(); got != "INSERT" {
			t.Fatalf("joined session: hook saw %q, want only INSERT", got)
		}
	})
}

func TestWrapReadsKeyStepThroughHook(t *testing.T) {
	eachSQL(t, func(t *testing.T, sqlDB *sql.DB, driverName, dialect string) {
		ctx := context.Background()
		db, err := rx.WrapSQL(sqlDB)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.CreateAll(ctx, &Ticket{}); err != nil {
			t.Fatal(err)
		}
		rec := &recorder{}
		db.AddQueryHook(rec)
		for range 2 {
			if err := db.Insert(ctx, &Ticket{Title: "a"}, &Ticket{Title: "b"}); err != nil {
				t.Fatal(err)
			}
		}
		// Wrap does not query the server; a LastInsertId database reads
		// its key step at the first multi-row insert, once.
		got, want := rec.verbs(), "INSERT INSERT"
		if db.Dialect().IDStepQuery() != "" {
			want = "INSERT SELECT INSERT"
		}
		if got != want {
			t.Fatalf("hook saw %q, want %q", got, want)
		}
	})
}

func TestLogQueries(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}); err != nil {
			t.Fatal(err)
		}
		var debug, info bytes.Buffer
		db.AddQueryHook(rx.LogQueries(slog.New(slog.NewTextHandler(&debug, &slog.HandlerOptions{Level: slog.LevelDebug})), rx.LogOptions{}))
		db.AddQueryHook(rx.LogQueries(slog.New(slog.NewTextHandler(&info, nil)), rx.LogOptions{}))
		u := &User{Username: "ann", Password: "hunter2-secret"}
		if err := db.Insert(ctx, u); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, &User{Username: "ann"}); err == nil {
			t.Fatal("duplicate username accepted")
		}
		log := debug.String()
		if !strings.Contains(log, "level=DEBUG") || !strings.Contains(log, "INSERT INTO") || !strings.Contains(log, "args=3") ||
			!strings.Contains(log, "duration=") || !strings.Contains(log, "error=") {
			t.Fatalf("debug log lacks the statement, its argument count, duration or error:\n%s", log)
		}
		// The server's own error message may quote a value (MySQL's
		// "Duplicate entry 'ann'"); the statement lines never do.
		if first, _, _ := strings.Cut(log, "\n"); strings.Contains(log, "hunter2") || strings.Contains(first, "ann") {
			t.Fatalf("arguments printed without being asked:\n%s", log)
		}
		if info.Len() != 0 {
			t.Fatalf("an info-level logger printed debug lines:\n%s", info.String())
		}

		var withArgs bytes.Buffer
		db2 := rxtest.Open(t, db.Dialect().Name())
		db2.AddQueryHook(rx.LogQueries(slog.New(slog.NewTextHandler(&withArgs, nil)), rx.LogOptions{Args: true, Level: slog.LevelInfo}))
		if _, err := db2.Exec(ctx, db2.SQLX().Rebind("SELECT ?"), "visible-value"); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(withArgs.String(), "level=INFO") || !strings.Contains(withArgs.String(), "visible-value") {
			t.Fatalf("Args and Level not honoured:\n%s", withArgs.String())
		}
	})
}

// Config.LogQueries is echo=True, and the URL's password never shows,
// even when statements fail.
func TestConfigLogQueriesNeverLogsThePassword(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			u, err := url.Parse(rxtest.FreshURL(t, d))
			if err != nil {
				t.Fatal(err)
			}
			// PostgreSQL's trust authentication ignores the password, so
			// one can be set there; elsewhere a database that has none.
			if d == "postgres" {
				u.User = url.UserPassword(u.User.Username(), "pw-hunter2")
			}
			var buf bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
			ctx := context.Background()
			db, err := rx.Open(ctx, rx.Config{DBURL: u.String(), IgnoreEnv: true, Logger: logger, LogQueries: true})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.CreateAll(ctx, &Ticket{}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(ctx, "SELECT no_such_column FROM ticket"); err == nil {
				t.Fatal("bad statement accepted")
			}
			log := buf.String()
			if !strings.Contains(log, "CREATE TABLE") || !strings.Contains(log, "no_such_column") {
				t.Fatalf("Config.LogQueries did not log the statements:\n%s", log)
			}
			if strings.Contains(log, "hunter2") || strings.Contains(db.String(), "hunter2") {
				t.Fatalf("password in the log:\n%s", log)
			}
		})
	}
}
