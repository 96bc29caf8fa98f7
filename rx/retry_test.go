package rx_test

import (
	"context"
	"errors"
	"testing"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

func TestRetryRerunsTheWholeCallback(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		createFaultTable(t, db)
		conflict := dialect.Mark(errors.New("synthetic conflict"), rx.ErrRetryable)

		// Fails twice, then succeeds: each try's writes are rolled back.
		tries := 0
		err := db.WithSession(ctx, func(s *rx.Session) error {
			tries++
			if err := s.Insert(ctx, &faultItem{Name: "try " + itoa(tries)}); err != nil {
				return err
			}
			if tries < 3 {
				return conflict
			}
			return nil
		}, rx.Retry(5))
		if err != nil || tries != 3 {
			t.Fatalf("Retry(5) with two conflicts: err %v after %d tries, want nil after 3", err, tries)
		}
		if got := faultRows(t, db); len(got) != 1 || got[0] != "try 3" {
			t.Fatalf("rows %q, want only the successful try's", got)
		}

		// Gives up after n retries, returning the last error.
		tries = 0
		err = db.WithSession(ctx, func(*rx.Session) error { tries++; return conflict }, rx.Retry(2))
		if !errors.Is(err, rx.ErrRetryable) || tries != 3 {
			t.Fatalf("Retry(2) with endless conflicts: err %v after %d tries, want ErrRetryable after 3", err, tries)
		}

		// Other errors are not retried, and without Retry nothing is.
		tries = 0
		boom := errors.New("boom")
		err = db.WithSession(ctx, func(*rx.Session) error { tries++; return boom }, rx.Retry(5))
		if !errors.Is(err, boom) || tries != 1 {
			t.Fatalf("Retry(5) with a plain error: err %v after %d tries, want it once", err, tries)
		}
		tries = 0
		err = db.WithSession(ctx, func(*rx.Session) error { tries++; return conflict })
		if !errors.Is(err, rx.ErrRetryable) || tries != 1 {
			t.Fatalf("no Retry: err %v after %d tries, want the conflict once", err, tries)
		}

		// A cancelled context ends the retries.
		cctx, cancel := context.WithCancel(ctx)
		tries = 0
		err = db.WithSession(cctx, func(*rx.Session) error {
			tries++
			cancel()
			return conflict
		}, rx.Retry(100))
		if tries != 1 || err == nil {
			t.Fatalf("cancelled during Retry(100): err %v after %d tries, want one try", err, tries)
		}
		waitPoolIdle(t, db)
	})
}

// raiseConflict creates a SQL function that fails with the database's
// serialization failure or deadlock code, so a test can make a conflict
// arrive at a chosen point: here, while rows are being read.
var raiseConflict = map[string]string{
	"postgres": `CREATE FUNCTION rx_conflict() RETURNS integer AS $$
		BEGIN RAISE EXCEPTION 'synthetic serialization failure' USING ERRCODE = '40001'; END
		$$ LANGUAGE plpgsql`,
	"mysql": `CREATE FUNCTION rx_conflict() RETURNS INT NOT DETERMINISTIC
		BEGIN SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'synthetic deadlock'; RETURN 1; END`,
}

// A conflict can reach the client with the rows of a SELECT rather than
// with the statement (pgx reports a query's error when its rows are read):
// every terminal classifies it all the same.
func TestConflictArrivingWithRowsIsRetryable(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ddl, ok := raiseConflict[db.Dialect().Name()]
		if !ok {
			t.Skip("SQLite cannot raise a busy error on demand")
		}
		ctx := context.Background()
		createFaultTable(t, db)
		if err := db.Insert(ctx, &faultItem{Name: "a"}, &faultItem{Name: "b"}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, ddl); err != nil {
			t.Fatal(err)
		}
		q := func() *rx.SelectQuery[faultItem] {
			return rx.Select[faultItem](db).Where(rx.Expr("rx_conflict() = 1"))
		}
		terminals := map[string]func() error{
			"All":   func() error { _, err := q().All(ctx); return err },
			"First": func() error { _, err := q().First(ctx); return err },
			"One":   func() error { _, err := q().One(ctx); return err },
			"Count": func() error { _, err := q().Count(ctx); return err },
			"Query": func() error {
				_, err := rx.Query[faultItem](ctx, db, "SELECT id, name FROM fault_item WHERE rx_conflict() = 1")
				return err
			},
			"QueryOne": func() error {
				_, err := rx.QueryOne[faultItem](ctx, db, "SELECT id, name FROM fault_item WHERE rx_conflict() = 1")
				return err
			},
			"Exists": func() error {
				_, err := q().Exists(ctx)
				return err
			},
			"Iter": func() error {
				for _, err := range q().Iter(ctx) {
					if err != nil {
						return err
					}
				}
				return nil
			},
		}
		for name, run := range terminals {
			if err := run(); !errors.Is(err, rx.ErrRetryable) {
				t.Errorf("%s: %v, want an error marked rx.ErrRetryable", name, err)
			}
		}
	})
}
