package rx_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// faultItem is the table the fault tests write to and then check for
// leftovers.
type faultItem struct {
	rx.Model
	Name string
}

// slowQuery runs for far longer than any test waits, so a prompt return
// proves the query was interrupted rather than waited out.
var slowQuery = map[string]string{
	"sqlite":   "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000000) SELECT count(*) FROM c",
	"mysql":    "SELECT SLEEP(60)",
	"postgres": "SELECT pg_sleep(60)",
}

// promptly bounds how long an interrupted call may take. It is not a speed
// target: the interrupted statements run for a minute, so any bound well
// under that shows the interruption worked.
const promptly = 15 * time.Second

func createFaultTable(t *testing.T, db *rx.DB) {
	t.Helper()
	if err := db.CreateAll(context.Background(), &faultItem{}); err != nil {
		t.Fatal(err)
	}
}

// faultRows returns the names stored in fault_item, in id order.
func faultRows(t *testing.T, db *rx.DB) []string {
	t.Helper()
	rows, err := rx.Select[faultItem](db).OrderBy("id").All(context.Background())
	if err != nil {
		t.Fatalf("reading fault_item: %v", err)
	}
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.Name
	}
	return names
}

func wantNoRows(t *testing.T, db *rx.DB) {
	t.Helper()
	if got := faultRows(t, db); len(got) != 0 {
		t.Fatalf("rows committed by a failed session: %q", got)
	}
}

// wantPoolIdle fails if a connection is still checked out of db's pool.
func wantPoolIdle(t *testing.T, db *rx.DB) {
	t.Helper()
	if st := db.SQL().Stats(); st.InUse != 0 {
		t.Fatalf("pool has %d connection(s) in use after the session ended (stats %+v)", st.InUse, st)
	}
}

// waitPoolIdle waits for a connection that database/sql releases in the
// background: when a transaction's context is cancelled, its own goroutine
// rolls back and returns the connection, a moment after the caller got the
// context's error.
func waitPoolIdle(t *testing.T, db *rx.DB) {
	t.Helper()
	deadline := time.Now().Add(promptly)
	for db.SQL().Stats().InUse != 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	wantPoolIdle(t, db)
}

// wantNextSessionWorks commits a row in a fresh session and reads it back.
func wantNextSessionWorks(t *testing.T, db *rx.DB) {
	t.Helper()
	ctx := context.Background()
	err := db.WithSession(ctx, func(s *rx.Session) error {
		return s.Insert(ctx, &faultItem{Name: "next"})
	})
	if err != nil {
		t.Fatalf("session after the fault: %v", err)
	}
	if got := faultRows(t, db); len(got) != 1 || got[0] != "next" {
		t.Fatalf("after the fault and one good session, rows = %q, want [next]", got)
	}
	wantPoolIdle(t, db)
}

// scalar runs a one-value query in the session.
func scalar(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (*sql.Rows, error)
}, query string, dest any, args ...any) error {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(dest); err != nil {
		return err
	}
	return rows.Close()
}

type panicValue struct{ msg string }

func TestPanicInSessionRollsBackAndRepanics(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		createFaultTable(t, db)
		cases := []struct {
			name string
			fn   func(s *rx.Session, boom any)
		}{
			{"after insert and add", func(s *rx.Session, boom any) {
				if err := s.Insert(ctx, &faultItem{Name: "inserted"}); err != nil {
					t.Error(err)
				}
				s.Add(&faultItem{Name: "staged"})
				panic(boom)
			}},
			{"with rows open", func(s *rx.Session, boom any) {
				if err := s.Insert(ctx, &faultItem{Name: "inserted"}); err != nil {
					t.Error(err)
				}
				rows, err := s.Query(ctx, "SELECT name FROM fault_item")
				if err != nil {
					t.Error(err)
					return
				}
				rows.Next()
				panic(boom)
			}},
			{"in a nested scope", func(s *rx.Session, boom any) {
				if err := s.Insert(ctx, &faultItem{Name: "outer"}); err != nil {
					t.Error(err)
				}
				s.WithSession(ctx, func(inner *rx.Session) error {
					if err := inner.Insert(ctx, &faultItem{Name: "inner"}); err != nil {
						t.Error(err)
					}
					panic(boom)
				})
				t.Error("the nested scope's panic did not propagate")
			}},
			{"runtime error", func(s *rx.Session, _ any) {
				if err := s.Insert(ctx, &faultItem{Name: "inserted"}); err != nil {
					t.Error(err)
				}
				var m map[string]int
				m["x"] = 1 // panics with a runtime.Error
			}},
		}
		for _, c := range cases {
			boom := &panicValue{c.name}
			var got any
			func() {
				defer func() { got = recover() }()
				db.WithSession(ctx, func(s *rx.Session) error {
					c.fn(s, boom)
					return nil
				})
			}()
			if c.name == "runtime error" {
				if _, ok := got.(runtime.Error); !ok {
					t.Fatalf("%s: recovered %#v, want the runtime.Error", c.name, got)
				}
			} else if got != boom {
				t.Fatalf("%s: recovered %#v, want the callback's own panic value %p", c.name, got, boom)
			}
			wantNoRows(t, db)
			wantPoolIdle(t, db)
		}
		wantNextSessionWorks(t, db)
	})
}

// runtime.Goexit (t.FailNow, t.Fatal or t.SkipNow inside a callback) is not a
// panic: recover sees nothing, yet the session must still end.
func TestGoexitInSessionRollsBack(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		createFaultTable(t, db)
		done := make(chan struct{})
		go func() {
			defer close(done)
			db.WithSession(ctx, func(s *rx.Session) error {
				if err := s.Insert(ctx, &faultItem{Name: "inserted"}); err != nil {
					t.Error(err)
				}
				runtime.Goexit()
				return nil
			})
		}()
		<-done
		wantPoolIdle(t, db)
		wantNoRows(t, db)
		wantNextSessionWorks(t, db)
	})
}

func TestContextCancelledMidQuery(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		createFaultTable(t, db)
		slow := slowQuery[db.Dialect().Name()]
		for _, scope := range []string{"session context", "statement context"} {
			sessCtx, cancelSess := context.WithCancel(context.Background())
			start := time.Now()
			err := db.WithSession(sessCtx, func(s *rx.Session) error {
				if err := s.Insert(sessCtx, &faultItem{Name: "inserted"}); err != nil {
					return err
				}
				ctx, cancel := sessCtx, cancelSess
				if scope == "statement context" {
					ctx, cancel = context.WithCancel(sessCtx)
				}
				time.AfterFunc(300*time.Millisecond, cancel)
				var n int64
				return scalar(ctx, s, slow, &n)
			})
			elapsed := time.Since(start)
			cancelSess()
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("%s cancelled during %q: err = %v, want context.Canceled", scope, slow, err)
			}
			if elapsed > promptly {
				t.Fatalf("%s cancelled after 300ms, yet WithSession returned after %s", scope, elapsed)
			}
			waitPoolIdle(t, db)
			wantNoRows(t, db)
		}
		// Cancelling a statement outside any session leaves the pool usable too.
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		var n int64
		if err := scalar(ctx, db, slow, &n); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("autocommit %q past its deadline: %v, want context.DeadlineExceeded", slow, err)
		}
		waitPoolIdle(t, db)
		wantNextSessionWorks(t, db)
	})
}

// connKill says how to find a session's server connection and end it from
// another connection, for the dialects that have a server.
var connKill = map[string]struct{ id, kill string }{
	"mysql": {"SELECT CONNECTION_ID()", "KILL %d"},
	// The timeout argument waits for the backend to exit, so the session's
	// next statement meets a dead connection, not a dying one.
	"postgres": {"SELECT pg_backend_pid()", "SELECT pg_terminate_backend(%d, 10000)"},
}

// killOwnConnection ends s's server connection from another connection of db.
func killOwnConnection(ctx context.Context, t *testing.T, db *rx.DB, s *rx.Session) {
	t.Helper()
	k := connKill[db.Dialect().Name()]
	var id int64
	if err := scalar(ctx, s, k.id, &id); err != nil {
		t.Fatalf("%s: %v", k.id, err)
	}
	// The id is an integer the server gave us; formatting it is safe.
	// On another goroutine: rx refuses a write through the *DB on the
	// goroutine of a session's callback (ErrWriteInSession).
	if err := elsewhere(func() error { _, err := db.Exec(ctx, fmt.Sprintf(k.kill, id)); return err }); err != nil {
		t.Fatalf("%s: %v", fmt.Sprintf(k.kill, id), err)
	}
}

func TestServerKillsConnectionMidTransaction(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		if _, ok := connKill[db.Dialect().Name()]; !ok {
			t.Skip("embedded database: there is no server connection to kill")
		}
		ctx := context.Background()
		createFaultTable(t, db)
		for _, after := range []string{"next statement", "commit"} {
			err := db.WithSession(ctx, func(s *rx.Session) error {
				if err := s.Insert(ctx, &faultItem{Name: "before kill"}); err != nil {
					return err
				}
				killOwnConnection(ctx, t, db, s)
				if after == "commit" {
					return nil // the failure must surface from COMMIT
				}
				return s.Insert(ctx, &faultItem{Name: "after kill"})
			})
			if err == nil {
				t.Fatalf("connection killed before the %s: WithSession returned nil", after)
			}
			t.Logf("killed before the %s: %v", after, err)
			wantPoolIdle(t, db)
			wantNoRows(t, db)
		}
		wantNextSessionWorks(t, db)
	})
}

// deferredViolation makes the next COMMIT fail: the statements succeed, and
// the database checks a deferred constraint only at COMMIT. MariaDB and
// MySQL have no deferred constraints (InnoDB checks foreign keys and unique
// keys per statement), so there the server ends the connection before the
// COMMIT instead, which is how a COMMIT fails there in practice.
var deferredViolation = map[string]struct{ ddl, violate string }{
	"sqlite": {
		"CREATE TABLE fault_child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES fault_item (id) DEFERRABLE INITIALLY DEFERRED)",
		"INSERT INTO fault_child (parent_id) VALUES (424242)",
	},
	"postgres": {
		"CREATE TABLE fault_child (id BIGINT PRIMARY KEY, parent_id BIGINT REFERENCES fault_item (id) DEFERRABLE INITIALLY DEFERRED)",
		"INSERT INTO fault_child (id, parent_id) VALUES (1, 424242)",
	},
}

func TestFailingCommitIsReturned(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		createFaultTable(t, db)
		dv, deferred := deferredViolation[db.Dialect().Name()]
		if deferred {
			if _, err := db.Exec(ctx, dv.ddl); err != nil {
				t.Fatal(err)
			}
		}
		for _, how := range []string{"end of callback", "Session.Commit"} {
			err := db.WithSession(ctx, func(s *rx.Session) error {
				if err := s.Insert(ctx, &faultItem{Name: "doomed"}); err != nil {
					return err
				}
				if deferred {
					if _, err := s.Exec(ctx, dv.violate); err != nil {
						return fmt.Errorf("the violating statement itself failed, so COMMIT is not tested: %w", err)
					}
				} else {
					killOwnConnection(ctx, t, db, s)
				}
				if how == "Session.Commit" {
					if err := s.Commit(ctx); err != nil {
						return err
					}
					t.Error("Session.Commit returned nil for a failing COMMIT")
				}
				return nil
			})
			if err == nil || !strings.Contains(err.Error(), "commit") {
				t.Fatalf("failing COMMIT via %s: WithSession = %v, want the commit's error", how, err)
			}
			t.Logf("%s: %v", how, err)
			wantPoolIdle(t, db)
			wantNoRows(t, db)
		}
		wantNextSessionWorks(t, db)
	})
}

// A statement error that the callback swallows aborts a PostgreSQL
// transaction; the COMMIT that follows rolls back instead, and that must
// reach the caller as an error rather than as a silent success. MySQL and
// SQLite undo only the failed statement and commit the rest.
func TestSwallowedStatementErrorThenCommit(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		createFaultTable(t, db)
		err := db.WithSession(ctx, func(s *rx.Session) error {
			if err := s.Insert(ctx, &faultItem{Name: "kept?"}); err != nil {
				return err
			}
			if _, err := s.Exec(ctx, "INSERT INTO no_such_table (x) VALUES (1)"); err == nil {
				t.Error("insert into a missing table succeeded")
			}
			return nil // the error is swallowed
		})
		got := faultRows(t, db)
		switch {
		case err != nil && len(got) == 0:
			t.Logf("transaction aborted by the failed statement: %v", err)
		case err == nil && len(got) == 1 && got[0] == "kept?":
			t.Logf("failed statement undone alone; the rest committed")
		default:
			t.Fatalf("WithSession = %v with rows %q: a commit that reported success must have kept the row, one that failed must have kept nothing", err, got)
		}
		wantPoolIdle(t, db)
	})
}

// silentListener accepts TCP connections on 127.0.0.1 and never answers,
// like a server that hangs or a firewall that swallows packets after the
// handshake.
func silentListener(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String()
}

// closedPort returns a 127.0.0.1 address where nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestOpenUnreachableServer(t *testing.T) {
	t.Parallel()
	const timeout = time.Second
	for _, scheme := range []string{"mysql", "postgresql"} {
		for _, srv := range []struct {
			name string
			addr func(*testing.T) string
			want string
		}{
			{"port that never answers", silentListener, "no answer within 1s (Config.ConnectTimeout)"},
			{"server down", closedPort, "refused"},
		} {
			t.Run(scheme+"/"+srv.name, func(t *testing.T) {
				t.Parallel()
				addr := srv.addr(t)
				dbURL := scheme + "://rx:s3cretpw@" + addr + "/rx_test"
				start := time.Now()
				db, err := rx.Open(context.Background(), rx.Config{DBURL: dbURL, IgnoreEnv: true, ConnectTimeout: timeout})
				elapsed := time.Since(start)
				if err == nil {
					db.Close()
					t.Fatalf("Open(%s) succeeded", addr)
				}
				msg := err.Error()
				if !strings.Contains(msg, "cannot connect to "+scheme+"://rx:xxxxx@"+addr) || !strings.Contains(msg, srv.want) {
					t.Fatalf("Open error %q: want it to name the redacted URL and say %q", msg, srv.want)
				}
				if strings.Contains(msg, "s3cretpw") {
					t.Fatalf("Open error shows the password: %q", msg)
				}
				if elapsed > timeout+promptly {
					t.Fatalf("Open took %s with ConnectTimeout %s", elapsed, timeout)
				}
			})
		}
	}
	t.Run("sqlite/missing directory", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "no", "such", "dir", "x.db")
		db, err := rx.Open(context.Background(), rx.Config{DBURL: "sqlite:///" + path, IgnoreEnv: true, ConnectTimeout: timeout})
		if err == nil {
			db.Close()
			t.Fatalf("Open(%s) succeeded", path)
		}
		if !strings.Contains(err.Error(), path) {
			t.Fatalf("Open error %q does not name the file", err)
		}
	})
}

// SQLite admits one writer at a time. Under rx's default settings, writers
// from many goroutines queue for it: none of them sees "database is locked".
func TestSQLiteConcurrentWritersNeverSeeLocked(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbURL := rxtest.FreshURL(t, "sqlite")
	open := func() *rx.DB {
		db, err := rx.Open(ctx, rx.Config{DBURL: dbURL, IgnoreEnv: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	// Two pools on one file stand for two processes.
	dbs := []*rx.DB{open(), open()}
	createFaultTable(t, dbs[0])
	const workers, rounds = 64, 40
	errs := make(chan error, workers*rounds)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db := dbs[w%2]
			for i := range rounds {
				var err error
				switch i % 4 {
				case 0: // autocommit write
					err = db.Insert(ctx, &faultItem{Name: "autocommit"})
				case 1: // read-only session
					err = db.WithSession(ctx, func(s *rx.Session) error {
						_, err := rx.Select[faultItem](s).Count(ctx)
						return err
					}, rx.ReadOnly())
				default: // read-then-write session
					err = db.WithSession(ctx, func(s *rx.Session) error {
						n, err := rx.Select[faultItem](s).Count(ctx)
						if err != nil {
							return err
						}
						if err := s.Insert(ctx, &faultItem{Name: fmt.Sprint("session ", n)}); err != nil {
							return err
						}
						_, err = rx.Update[faultItem](s).Set("name", "updated").Where(rx.Eq{"name": "autocommit"}).Exec(ctx)
						return err
					})
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent writer: %v", err)
	}
	n, err := rx.Select[faultItem](dbs[0]).Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(workers * rounds * 3 / 4); n != want {
		t.Fatalf("%d rows written, want %d", n, want)
	}
	for _, db := range dbs {
		wantPoolIdle(t, db)
	}
}
