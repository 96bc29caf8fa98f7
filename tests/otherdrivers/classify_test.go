package otherdrivers

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"
	_ "github.com/mattn/go-sqlite3"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/dialect/pgdialect"
	"github.com/rxgo/rxdb/dialect/sqlitedialect"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type account struct {
	ID    int64  `db:"id" rx:"pk,autoincrement"`
	Email string `db:"email" rx:"unique"`
}

// pqPool opens a lib/pq pool on a fresh PostgreSQL schema.
func pqPool(t *testing.T) *sqlx.DB {
	t.Helper()
	u, err := url.Parse(rxtest.FreshURL(t, "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	u.Scheme = "postgres"
	q := u.Query()
	q.Set("sslmode", "disable")
	u.RawQuery = q.Encode()
	return openPool(t, "postgres", u.String())
}

// mattnPool opens a mattn/go-sqlite3 pool on a fresh file, with no busy
// timeout so that a second writer fails at once.
func mattnPool(t *testing.T) *sqlx.DB {
	t.Helper()
	return openPool(t, "sqlite3", "file:"+filepath.Join(t.TempDir(), "app.db")+"?_busy_timeout=0&_journal_mode=WAL")
}

func openPool(t *testing.T, driver, dsn string) *sqlx.DB {
	t.Helper()
	x, err := sqlx.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	if err := x.Ping(); err != nil {
		t.Fatalf("%s: %v", driver, err)
	}
	return x
}

func wrap(t *testing.T, x *sqlx.DB, d dialect.Dialect) *rx.DB {
	t.Helper()
	db, err := rx.Wrap(x, rx.WithDialect(d))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateAll(context.Background(), &account{}); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestUniqueViolation: a duplicate key is rx.ErrUniqueViolation on every
// driver, and errors.As still reaches the driver's own error.
func TestUniqueViolation(t *testing.T) {
	ctx := context.Background()
	for name, open := range map[string]func(*testing.T) *rx.DB{
		"lib/pq":           func(t *testing.T) *rx.DB { return wrap(t, pqPool(t), pgdialect.Dialect{}) },
		"mattn/go-sqlite3": func(t *testing.T) *rx.DB { return wrap(t, mattnPool(t), sqlitedialect.Dialect{}) },
	} {
		t.Run(name, func(t *testing.T) {
			db := open(t)
			if err := db.Insert(ctx, &account{Email: "a@x"}); err != nil {
				t.Fatal(err)
			}
			err := db.Insert(ctx, &account{Email: "a@x"})
			if !errors.Is(err, rx.ErrUniqueViolation) || errors.Is(err, rx.ErrRetryable) {
				t.Fatalf("duplicate insert: %v, want rx.ErrUniqueViolation only", err)
			}
			if _, ok := dialect.ServerCodeOf(err); !ok {
				t.Fatalf("no server code in %v", err)
			}
		})
	}
}

// TestRetryLibPQ: a lock another transaction holds (NOWAIT, 55P03) is
// retryable on lib/pq, and rx.Retry re-runs the session until it is free.
func TestRetryLibPQ(t *testing.T) {
	ctx := context.Background()
	x := pqPool(t)
	db := wrap(t, x, pgdialect.Dialect{})
	a := account{Email: "a@x"}
	if err := db.Insert(ctx, &a); err != nil {
		t.Fatal(err)
	}
	holder, err := x.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback()
	if _, err := holder.Exec(`SELECT id FROM account WHERE id = $1 FOR UPDATE`, a.ID); err != nil {
		t.Fatal(err)
	}
	lockIt := func(s *rx.Session) error {
		_, err := s.Exec(ctx, `SELECT id FROM account WHERE id = $1 FOR UPDATE NOWAIT`, a.ID)
		return err
	}
	if err := db.WithSession(ctx, lockIt); !errors.Is(err, rx.ErrRetryable) {
		t.Fatalf("locked row: %v, want rx.ErrRetryable", err)
	}
	tries := 0
	err = db.WithSession(ctx, func(s *rx.Session) error {
		if tries++; tries == 2 {
			if err := holder.Rollback(); err != nil {
				return err
			}
		}
		return lockIt(s)
	}, rx.Retry(5))
	if err != nil || tries != 2 {
		t.Fatalf("with Retry: %v after %d tries, want success at the second, once the lock is free", err, tries)
	}
}

// TestBusyMattn: a second writer on a locked SQLite file is retryable on
// mattn/go-sqlite3.
func TestBusyMattn(t *testing.T) {
	ctx := context.Background()
	x := mattnPool(t)
	db := wrap(t, x, sqlitedialect.Dialect{})
	conn, err := x.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "ROLLBACK")
	err = db.Insert(ctx, &account{Email: "b@x"})
	if !errors.Is(err, rx.ErrRetryable) {
		t.Fatalf("insert while another connection writes: %v, want rx.ErrRetryable", err)
	}
}
