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

// Database is one database the tests run on. Adding a fourth database to
// every test is one more entry in Databases.
type Database struct {
	// Name is the rx dialect's name: "sqlite", "mysql", "postgres".
	Name string
	// Env names the variable that points at the server, and DefaultURL
	// is used without it; both are empty for an embedded database.
	Env, DefaultURL string

	// create makes an empty database (or schema, or file) called name
	// through the administrative connection admin (nil for an embedded
	// database), and returns its URL and how to drop it.
	create func(ctx context.Context, admin *rx.DB, server, name string) (string, func() error, error)
	// sqlOpen is the database/sql driver name and DSN that code not using
	// rx would open u with.
	sqlOpen func(u *url.URL) (driverName, dsn string, err error)
	// connect opens the administrative connection to the server raw names,
	// creating its database when missing.
	connect func(ctx context.Context, raw string) (*rx.DB, error)
}

// Databases are the databases every behaviour is tested on.
var Databases = []*Database{
	{
		Name: "sqlite",
		create: func(_ context.Context, _ *rx.DB, _, name string) (string, func() error, error) {
			dir, err := os.MkdirTemp("", name)
			if err != nil {
				return "", nil, err
			}
			return "sqlite:///" + filepath.Join(dir, "test.db"), func() error { return os.RemoveAll(dir) }, nil
		},
		sqlOpen: func(u *url.URL) (string, string, error) { return "sqlite", rxsqlite.DSN(u), nil },
	},
	{
		Name: "mysql", Env: "RX_TEST_MYSQL_URL", DefaultURL: "mysql://root@127.0.0.1:3306/rx_test",
		create: func(ctx context.Context, admin *rx.DB, server, name string) (string, func() error, error) {
			if _, err := admin.Exec(ctx, "CREATE DATABASE "+name+" CHARACTER SET utf8mb4"); err != nil {
				return "", nil, err
			}
			u, err := url.Parse(server)
			if err != nil {
				return "", nil, err
			}
			u.Path = "/" + name
			return u.String(), dropper(admin, "DROP DATABASE IF EXISTS "+name), nil
		},
		sqlOpen: func(u *url.URL) (string, string, error) {
			cfg, err := rxmysql.Config(u)
			if err != nil {
				return "", "", err
			}
			return "mysql", cfg.FormatDSN(), nil
		},
		connect: connectMySQL,
	},
	{
		Name: "postgres", Env: "RX_TEST_POSTGRES_URL", DefaultURL: "postgresql://postgres@127.0.0.1:5432/rx_test",
		create: func(ctx context.Context, admin *rx.DB, server, name string) (string, func() error, error) {
			if _, err := admin.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
				return "", nil, err
			}
			u, err := url.Parse(server)
			if err != nil {
				return "", nil, err
			}
			q := u.Query()
			q.Set("search_path", name)
			u.RawQuery = q.Encode()
			return u.String(), dropper(admin, "DROP SCHEMA IF EXISTS "+name+" CASCADE"), nil
		},
		sqlOpen: func(u *url.URL) (string, string, error) {
			v := *u
			v.Scheme = "postgres"
			return "pgx", v.String(), nil
		},
		connect: connectPostgres,
	},
}

// Dialects are the names of Databases, in order.
var Dialects = func() []string {
	out := make([]string, len(Databases))
	for i, d := range Databases {
		out[i] = d.Name
	}
	return out
}()

// Lookup returns the Database called name, or nil.
func Lookup(name string) *Database {
	for _, d := range Databases {
		if d.Name == name {
			return d
		}
	}
	return nil
}

// ServerURL returns the configured server URL of a dialect ("" for an
// embedded one).
func ServerURL(dialect string) string {
	d := Lookup(dialect)
	if d == nil || d.Env == "" {
		return ""
	}
	return envOr(d.Env, d.DefaultURL)
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func dropper(admin *rx.DB, stmt string) func() error {
	return func() error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, err := admin.Exec(ctx, stmt)
		return err
	}
}

// Fresh creates an empty database (or schema, or file) of the dialect,
// named with prefix and a random suffix, and returns its URL and the
// function that drops it. It needs no *testing.T, for harnesses such as
// the benchmarks' that outlive one test; tests use FreshURL.
func Fresh(ctx context.Context, dialect, prefix string) (string, func() error, error) {
	d := Lookup(dialect)
	if d == nil {
		return "", nil, fmt.Errorf("rxtest: unknown dialect %q (known: %v)", dialect, Dialects)
	}
	var admin *rx.DB
	if d.connect != nil {
		var err error
		if admin, err = adminOf(d); err != nil {
			return "", nil, fmt.Errorf("%s server unreachable at %s: %w", dialect, rx.RedactURL(ServerURL(dialect)), err)
		}
	}
	return d.create(ctx, admin, ServerURL(dialect), prefix+randomSuffix())
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
	d := Lookup(dialect)
	if d == nil {
		t.Fatalf("rxtest: unknown dialect %q", dialect)
	}
	driverName, dsn, err := d.sqlOpen(u)
	if err != nil {
		t.Fatal(err)
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
	d := Lookup(dialect)
	if d == nil {
		t.Fatalf("rxtest: unknown dialect %q", dialect)
	}
	var admin *rx.DB
	if d.connect != nil {
		admin = server(t, dialect)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	u, drop, err := d.create(ctx, admin, ServerURL(dialect), "rx_t_"+randomSuffix())
	if err != nil {
		t.Fatalf("rxtest: creating a %s database: %v", dialect, err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Errorf("rxtest: dropping %s: %v", rx.RedactURL(u), err)
		}
	})
	return u
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
	db, err := adminOf(Lookup(dialect))
	if err != nil {
		unavailable(t, dialect, fmt.Sprintf("%s server unreachable at %s: %v", dialect, rx.RedactURL(ServerURL(dialect)), err))
	}
	return db
}

// adminOf is the administrative connection to d's server, opened once.
func adminOf(d *Database) (*rx.DB, error) {
	v, _ := servers.LoadOrStore(d.Name, &serverState{})
	st := v.(*serverState)
	st.once.Do(func() { st.db, st.err = connectURL(d.Name, ServerURL(d.Name)) })
	return st.db, st.err
}

// unavailable skips the test loudly, or fails it under
// RX_TEST_REQUIRE_SERVERS=1, because a server it needs is missing;
// what names the missing database for Report's summary.
func unavailable(t testing.TB, what, msg string) {
	t.Helper()
	if os.Getenv("RX_TEST_REQUIRE_SERVERS") == "1" {
		t.Fatalf("%s (RX_TEST_REQUIRE_SERVERS=1)", msg)
	}
	noteSkip(what, msg)
	t.Skipf("SKIPPED, NOT TESTED: %s; set RX_TEST_REQUIRE_SERVERS=1 to fail instead", msg)
}

// connectURL opens an administrative connection to the server raw names,
// creating its database when missing.
func connectURL(dialect, raw string) (*rx.DB, error) {
	d := Lookup(dialect)
	if d == nil || d.connect == nil {
		return nil, fmt.Errorf("rxtest: %q has no server", dialect)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return d.connect(ctx, raw)
}

// connectMySQL connects without a database, and makes sure the URL's one
// exists.
func connectMySQL(ctx context.Context, raw string) (*rx.DB, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	root := *u
	root.Path = "/"
	db, err := rx.Open(ctx, rx.Config{DBURL: root.String(), IgnoreEnv: true})
	if err != nil {
		return nil, err
	}
	if dbName := filepathBase(u.Path); dbName != "" {
		if _, err := db.Exec(ctx, "CREATE DATABASE IF NOT EXISTS `"+dbName+"`"); err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}

// connectPostgres connects to the URL's database, creating it from the
// maintenance database when it does not exist yet.
func connectPostgres(ctx context.Context, raw string) (*rx.DB, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	db, err := rx.Open(ctx, rx.Config{DBURL: u.String(), IgnoreEnv: true})
	if err == nil {
		return db, nil
	}
	maint := *u
	maint.Path = "/postgres"
	mdb, merr := rx.Open(ctx, rx.Config{DBURL: maint.String(), IgnoreEnv: true})
	if merr != nil {
		return nil, err
	}
	defer mdb.Close()
	dbName := filepathBase(u.Path)
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
