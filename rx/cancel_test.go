package rx_test

import (
	"context"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// slowUpdate is an UPDATE of row 1 that takes five seconds, holding the
// row's lock, per database (SQLite runs in the process: a cancelled
// statement ends with its call).
var slowUpdate = map[string]string{
	"mysql":    "UPDATE cancel_row SET v = v + SLEEP(5) WHERE id = 1",
	"postgres": "UPDATE cancel_row SET v = v + (SELECT 0 FROM pg_sleep(5)) WHERE id = 1",
}

// A statement whose context ends stops on the server: its row locks are
// free within a second, so that the next writer of the row does not wait
// for the cancelled one to run to its end. go-sql-driver only closes its
// socket; MariaDB went on sleeping, with the lock, for five seconds.
func TestCancelledStatementReleasesItsLocks(t *testing.T) {
	for _, d := range []string{"mysql", "postgres"} {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			db := rxtest.Open(t, d)
			bg := context.Background()
			for _, q := range []string{"CREATE TABLE cancel_row (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)", "INSERT INTO cancel_row (id, v) VALUES (1, 0)"} {
				if _, err := db.Exec(bg, q); err != nil {
					t.Fatal(err)
				}
			}
			for _, inSession := range []bool{false, true} {
				ctx, cancel := context.WithTimeout(bg, 300*time.Millisecond)
				var err error
				if inSession {
					err = db.WithSession(ctx, func(s *rx.Session) error { _, err := s.Exec(ctx, slowUpdate[d]); return err })
				} else {
					_, err = db.Exec(ctx, slowUpdate[d])
				}
				cancel()
				if err == nil {
					t.Fatal("the slow update was not cancelled")
				}
				cancelled := time.Now()
				wctx, wcancel := context.WithTimeout(bg, 10*time.Second)
				_, err = db.Exec(wctx, "UPDATE cancel_row SET v = 2 WHERE id = 1")
				wcancel()
				if err != nil {
					t.Fatal(err)
				}
				if waited := time.Since(cancelled); waited > time.Second {
					t.Fatalf("session %v: the next writer waited %v for the cancelled update's lock", inSession, waited)
				}
			}
		})
	}
}

// A cancelled read stops on the server too: no thread of the server still
// runs it a second after the cancel.
func TestCancelledReadStopsOnTheServer(t *testing.T) {
	t.Parallel()
	db := rxtest.Open(t, "mysql")
	bg := context.Background()
	const marker = "SELECT SLEEP(5) AS rx_cancel_marker"
	ctx, cancel := context.WithTimeout(bg, 300*time.Millisecond)
	_, err := rx.Query[struct{ V int }](ctx, db, marker)
	cancel()
	if err == nil {
		t.Fatal("the slow read was not cancelled")
	}
	deadline := time.Now().Add(time.Second)
	for {
		n, err := rx.Query[struct{ N int }](bg, db, "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE info = ?", marker)
		if err != nil {
			t.Fatal(err)
		}
		if n[0].N == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the cancelled read still runs on the server a second later")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
