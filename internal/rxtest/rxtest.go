// Package rxtest gives tests a fresh database on each of SQLite, MariaDB
// (or MySQL) and PostgreSQL.
//
// Servers are found through RX_TEST_MYSQL_URL (default
// mysql://root@127.0.0.1:3306/rx_test) and RX_TEST_POSTGRES_URL (default
// postgresql://postgres@127.0.0.1:5432/rx_test). A server that cannot be
// reached skips its subtests with a loud message; RX_TEST_REQUIRE_SERVERS=1
// turns that skip into a failure, as CI sets it. The cluster tests use
// the servers .ci/cluster starts, named by RX_TEST_GALERA_URLS,
// RX_TEST_PG_PRIMARY_URL and RX_TEST_PG_REPLICA_URL (see cluster.go).
//
// Each call gets its own database (MySQL) or schema (PostgreSQL) or file
// (SQLite), dropped at cleanup, so tests run in parallel and rerun cleanly.
package rxtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	rxmysql "github.com/rxgo/rxdb/drivers/mysql"
	_ "github.com/rxgo/rxdb/drivers/postgres"
	rxsqlite "github.com/rxgo/rxdb/drivers/sqlite"
	"github.com/rxgo/rxdb/rx"
)

// Dialects are the databases every behaviour is tested on.
var Dialects = []string{"sqlite", "mysql", "postgres"}

// ServerURL returns the configured server URL of a dialect ("" for sqlite).
func ServerURL(dialect string) string {
	switch dialect {
	case "mysql":
		return envOr("RX_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/rx_test")
	case "postgres":
		return envOr("RX_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/rx_test")
	}
	return ""
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// Each runs fn as a parallel subtest per dialect, each with a fresh database.
func Each(t *testing.T, fn func(t *testing.T, db *rx.DB)) {
	t.Helper()
	for _, d := range Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			fn(t, Open(t, d))
		})
	}
}

// Open opens a fresh database of the dialect, closed at cleanup.
func Open(t testing.TB, dialect string) *rx.DB {
	t.Helper()
	return OpenURL(t, FreshURL(t, dialect))
}

// OpenURL opens the database u names (ignoring DB_URL), closed at
// cleanup.
func OpenURL(t testing.TB, u string) *rx.DB {
	t.Helper()
	db, err := rx.Open(context.Background(), rx.Config{DBURL: u, IgnoreEnv: true})
	if err != nil {
		t.Fatalf("open %s: %v", rx.RedactURL(u), err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// OpenSQL opens a fresh database of the dialect the way code that does not
// use rx would, with sql.Open and the rx driver package's driver name and
// data source name, and returns the pool (closed at cleanup) and the
// driver name.
func OpenSQL(t testing.TB, dialect string) (*sql.DB, string) {
	t.Helper()
	return OpenSQLAt(t, dialect, FreshURL(t, dialect))
}

// OpenSQLAt is OpenSQL on the database rawURL names (from FreshURL), so
// that a test can open several pools on one database.
func OpenSQLAt(t testing.TB, dialect, rawURL string) (*sql.DB, string) {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	var driverName, dsn string
	switch dialect {
	case "sqlite":
		driverName, dsn = "sqlite", rxsqlite.DSN(u)
	case "mysql":
		cfg, err := rxmysql.Config(u)
		if err != nil {
			t.Fatal(err)
		}
		driverName, dsn = "mysql", cfg.FormatDSN()
	case "postgres":
		u.Scheme = "postgres"
		driverName, dsn = "pgx", u.String()
	default:
		t.Fatalf("rxtest: unknown dialect %q", dialect)
	}
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		t.Fatalf("sql.Open(%q): %v", driverName, err)
	}
	t.Cleanup(func() { db.Close() })
	return db, driverName
}

// FreshURL creates an empty database (or schema, or file) for the test,
// dropped at cleanup, and returns its URL.
func FreshURL(t testing.TB, dialect string) string {
	t.Helper()
	name := "rx_t_" + randomSuffix()
	switch dialect {
	case "sqlite":
		return "sqlite:///" + filepath.Join(t.TempDir(), "test.db")
	case "mysql":
		admin := server(t, dialect)
		mustExec(t, admin, "CREATE DATABASE "+name+" CHARACTER SET utf8mb4")
		t.Cleanup(func() { mustExec(t, admin, "DROP DATABASE IF EXISTS "+name) })
		u, _ := url.Parse(ServerURL(dialect))
		u.Path = "/" + name
		return u.String()
	case "postgres":
		admin := server(t, dialect)
		mustExec(t, admin, "CREATE SCHEMA "+name)
		t.Cleanup(func() { mustExec(t, admin, "DROP SCHEMA IF EXISTS "+name+" CASCADE") })
		u, _ := url.Parse(ServerURL(dialect))
		q := u.Query()
		q.Set("search_path", name)
		u.RawQuery = q.Encode()
		return u.String()
	}
	t.Fatalf("rxtest: unknown dialect %q", dialect)
	return ""
}

func mustExec(t testing.TB, db *rx.DB, stmt string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.Exec(ctx, stmt); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

func randomSuffix() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

var servers sync.Map // dialect -> *serverState

type serverState struct {
	once sync.Once
	db   *rx.DB
	err  error
}

// server returns an administrative connection to the dialect's server,
// skipping (or failing, under RX_TEST_REQUIRE_SERVERS=1) when it is down.
func server(t testing.TB, dialect string) *rx.DB {
	t.Helper()
	v, _ := servers.LoadOrStore(dialect, &serverState{})
	st := v.(*serverState)
	st.once.Do(func() { st.db, st.err = connectServer(dialect) })
	if st.err != nil {
		unavailable(t, fmt.Sprintf("%s server unreachable at %s: %v", dialect, rx.RedactURL(ServerURL(dialect)), st.err))
	}
	return st.db
}

// unavailable skips the test loudly, or fails it under
// RX_TEST_REQUIRE_SERVERS=1, because a server it needs is missing.
func unavailable(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("RX_TEST_REQUIRE_SERVERS") == "1" {
		t.Fatalf("%s (RX_TEST_REQUIRE_SERVERS=1)", msg)
	}
	t.Skipf("SKIPPED, NOT TESTED: %s; set RX_TEST_REQUIRE_SERVERS=1 to fail instead", msg)
}

func connectServer(dialect string) (*rx.DB, error) { return connectURL(dialect, ServerURL(dialect)) }

// connectURL opens an administrative connection to the server raw names,
// creating its database when missing.
func connectURL(dialect, raw string) (*rx.DB, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	dbName := filepathBase(u.Path)
	if dialect == "mysql" {
		// Connect without a database, and make sure the default one exists.
		root := *u
		root.Path = "/"
		db, err := rx.Open(ctx, rx.Config{DBURL: root.String(), IgnoreEnv: true})
		if err != nil {
			return nil, err
		}
		if dbName != "" {
			if _, err := db.Exec(ctx, "CREATE DATABASE IF NOT EXISTS `"+dbName+"`"); err != nil {
				return nil, err
			}
		}
		return db, nil
	}
	db, err := rx.Open(ctx, rx.Config{DBURL: u.String(), IgnoreEnv: true})
	if err == nil {
		return db, nil
	}
	// The test database may not exist yet: create it from the maintenance one.
	maint := *u
	maint.Path = "/postgres"
	mdb, merr := rx.Open(ctx, rx.Config{DBURL: maint.String(), IgnoreEnv: true})
	if merr != nil {
		return nil, err
	}
	defer mdb.Close()
	if _, cerr := mdb.Exec(ctx, `CREATE DATABASE "`+dbName+`"`); cerr != nil {
		return nil, fmt.Errorf("%v; creating database %s: %v", err, dbName, cerr)
	}
	return rx.Open(ctx, rx.Config{DBURL: u.String(), IgnoreEnv: true})
}

func filepathBase(p string) string {
	for len(p) > 0 && p[0] == '/' {
		p = p[1:]
	}
	return p
}
