package postgres_test

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/drivers/postgres"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// txState is what the server says of the transaction a statement runs in.
type txState struct {
	Iso string `db:"iso"`
	RO  string `db:"ro"`
}

const txStateQuery = "SELECT current_setting('transaction_isolation') AS iso, current_setting('transaction_read_only') AS ro"

// TestDeferredBeginKeepsOptions runs sessions of every isolation level,
// read-write and read-only, whose first statement carries the deferred
// BEGIN, directly and through PgBouncer in transaction mode: the server
// sees the level and access mode asked for, a read-only session refuses
// a write as its first statement, and a rolled-back session leaves
// nothing.
func TestDeferredBeginKeepsOptions(t *testing.T) {
	t.Parallel()
	directAndPooled(t, func(t *testing.T, db *rx.DB) {
		checkOptions(t, db)
		checkReadOnlyWrite(t, db)
		checkRollback(t, db)
	})
}

// directAndPooled runs fn, in parallel, on a fresh PostgreSQL database
// and on one behind the test PgBouncer (transaction pooling).
func directAndPooled(t *testing.T, fn func(t *testing.T, db *rx.DB)) {
	for _, where := range []string{"direct", "pgbouncer"} {
		t.Run(where, func(t *testing.T) {
			t.Parallel()
			var db *rx.DB
			if where == "direct" {
				db = rxtest.Open(t, "postgres")
			} else {
				db = rxtest.OpenURL(t, rxtest.PgBouncerURL(t))
			}
			fn(t, db)
		})
	}
}

func checkOptions(t *testing.T, db *rx.DB) {
	ctx := context.Background()
	levels := map[sql.IsolationLevel]string{
		sql.LevelDefault:        "read committed",
		sql.LevelReadCommitted:  "read committed",
		sql.LevelRepeatableRead: "repeatable read",
		sql.LevelSerializable:   "serializable",
	}
	for level, want := range levels {
		for _, ro := range []bool{false, true} {
			opts := []rx.SessionOption{rx.Isolation(level)}
			wantRO := "off"
			if ro {
				opts, wantRO = append(opts, rx.ReadOnly()), "on"
			}
			var st *txState
			err := db.WithSession(ctx, func(s *rx.Session) (err error) {
				st, err = rx.QueryOne[txState](ctx, s, txStateQuery)
				return err
			}, opts...)
			if err != nil {
				t.Fatalf("%v read-only=%v: %v", level, ro, err)
			}
			if st.Iso != want || st.RO != wantRO {
				t.Errorf("%v read-only=%v: the server says %+v, want %s, read-only %s", level, ro, *st, want, wantRO)
			}
		}
	}
}

func checkReadOnlyWrite(t *testing.T, db *rx.DB) {
	ctx := context.Background()
	err := db.WithSession(ctx, func(s *rx.Session) error {
		_, err := s.Exec(ctx, "CREATE TABLE ro_refused (id int)")
		return err
	}, rx.ReadOnly())
	if !errors.Is(err, rx.ErrReadOnly) {
		t.Errorf("a write as a read-only session's first statement: %v, want rx.ErrReadOnly", err)
	}
}

type lazyRow struct {
	ID   int64
	Name string
}

func checkRollback(t *testing.T, db *rx.DB) {
	ctx := context.Background()
	if err := db.CreateAll(ctx, &lazyRow{}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := db.WithSession(ctx, func(s *rx.Session) error {
		if err := s.Insert(ctx, &lazyRow{Name: "undone"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("session: %v, want boom", err)
	}
	if n, err := rx.Select[lazyRow](db).Count(ctx); n != 0 || err != nil {
		t.Errorf("after the rollback: %d rows, %v; want none", n, err)
	}
}

// TestDeferredBeginError kills a connection's backend before a session
// begins on it: the error that BEGIN meets now comes from the session's
// first statement, the one BEGIN is sent with, and it has the
// classification that pgx's own BeginTx gives it (a pool of pgx's stdlib,
// wrapped, begins as before).
func TestDeferredBeginError(t *testing.T) {
	t.Parallel()
	u := rxtest.FreshURL(t, "postgres")
	ctx := context.Background()
	lazy, err := rx.Open(ctx, rx.Config{DBURL: u, IgnoreEnv: true, MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer lazy.Close()
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := postgres.Config(pu)
	if err != nil {
		t.Fatal(err)
	}
	// No liveness ping before reuse, which would find the killed
	// connection before BEGIN does (rx's pool was used under a second ago:
	// it does not ping either).
	noPing := stdlib.OptionShouldPing(func(context.Context, stdlib.ShouldPingParams) bool { return false })
	std, err := rx.WrapSQL(stdlib.OpenDB(*cfg, noPing))
	if err != nil {
		t.Fatal(err)
	}
	defer std.Close()
	std.SQL().SetMaxOpenConns(1)
	admin := rxtest.OpenURL(t, u)
	lazyErr, ran := killedSession(t, lazy, admin)
	if !ran {
		t.Error("the session's callback did not run: BEGIN was sent before its first statement")
	}
	stdErr, _ := killedSession(t, std, admin)
	if lazyErr == nil || stdErr == nil {
		t.Fatalf("sessions on a killed connection: %v and %v, want errors", lazyErr, stdErr)
	}
	lc, lok := dialect.ServerCodeOf(lazyErr)
	sc, sok := dialect.ServerCodeOf(stdErr)
	if lok != sok || lc != sc {
		t.Errorf("server codes: deferred BEGIN %v (%v), pgx's BeginTx %v (%v)", lc, lazyErr, sc, stdErr)
	}
	for _, kind := range []error{rx.ErrRetryable, rx.ErrReadOnly, rx.ErrStatementPooler, context.Canceled} {
		if errors.Is(lazyErr, kind) != errors.Is(stdErr, kind) {
			t.Errorf("errors.Is(_, %v): deferred BEGIN %v, pgx's BeginTx %v", kind, lazyErr, stdErr)
		}
	}
	if err := lazy.WithSession(ctx, func(s *rx.Session) error { _, err := rx.QueryOne[txState](ctx, s, txStateQuery); return err }); err != nil {
		t.Errorf("the next session: %v", err)
	}
}

// killedSession terminates the backend of db's one connection and runs a
// session with one statement on it, returning the session's error and
// whether its callback ran.
func killedSession(t *testing.T, db, admin *rx.DB) (err error, ran bool) {
	ctx := context.Background()
	var pid int64
	if err := db.SQL().QueryRowContext(ctx, "SELECT pg_backend_pid()").Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.SQL().ExecContext(ctx, "SELECT pg_terminate_backend($1, 5000)", pid); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond) // the FATAL message reaches the socket
	err = db.WithSession(ctx, func(s *rx.Session) error {
		ran = true
		_, err := rx.QueryOne[txState](ctx, s, txStateQuery)
		return err
	})
	return err, ran
}

// TestDeferredBeginSimpleProtocol: a pool in pgx's simple-protocol mode
// (for a proxy that takes no extended protocol) sends BEGIN on its own,
// in the simple protocol, and its sessions work.
func TestDeferredBeginSimpleProtocol(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := rxtest.OpenURL(t, rxtest.FreshURL(t, "postgres")+"&default_query_exec_mode=simple_protocol")
	var st *txState
	err := db.WithSession(ctx, func(s *rx.Session) (err error) {
		st, err = rx.QueryOne[txState](ctx, s, txStateQuery)
		return err
	}, rx.Isolation(sql.LevelSerializable), rx.ReadOnly())
	if err != nil || st.Iso != "serializable" || st.RO != "on" {
		t.Fatalf("a serializable read-only session in simple-protocol mode: %+v, %v", st, err)
	}
}

type batAuthor struct {
	ID    int64
	Name  string
	Books []batBook
	Notes []batNote
}

type batBook struct {
	ID          int64
	BatAuthorID int64 `rx:"fk=bat_author.id"`
	Title       string
}

type batNote struct {
	ID          int64
	BatAuthorID int64 `rx:"fk=bat_author.id"`
	Text        string
}

// TestRelationBatch loads two relations of one level as a session's
// first statements, so that one pipeline carries BEGIN and both queries,
// directly and through PgBouncer; a query the server refuses in the
// batch fails the load with the server's error.
func TestRelationBatch(t *testing.T) {
	t.Parallel()
	directAndPooled(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &batAuthor{}, &batBook{}, &batNote{}); err != nil {
			t.Fatal(err)
		}
		a := &batAuthor{Name: "a"}
		if err := db.Insert(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, &batBook{BatAuthorID: a.ID, Title: "b"}, &batNote{BatAuthorID: a.ID, Text: "n"}); err != nil {
			t.Fatal(err)
		}
		got := &batAuthor{ID: a.ID}
		err := db.WithSession(ctx, func(s *rx.Session) error { return rx.Load(ctx, s, got, "Books", "Notes") }, rx.ReadOnly())
		if err != nil || len(got.Books) != 1 || got.Books[0].Title != "b" || len(got.Notes) != 1 || got.Notes[0].Text != "n" {
			t.Fatalf("Load in a session: %+v, %v", got, err)
		}
		if _, err := db.SQL().ExecContext(ctx, "DROP TABLE bat_note"); err != nil {
			t.Fatal(err)
		}
		err = rx.Load(ctx, db, got, "Books", "Notes")
		if code, _ := dialect.ServerCodeOf(err); code.SQLState != "42P01" {
			t.Errorf("Load with a dropped table: %v, want 42P01 (undefined_table)", err)
		}
	})
}
