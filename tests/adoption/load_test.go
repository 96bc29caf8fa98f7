package adoption

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
	"github.com/rxgo/rxdb/drivers/mysql"
	"github.com/rxgo/rxdb/internal/rxtest"
)

// chinookFiles are Chinook's scripts per dialect.
var chinookFiles = map[string]string{"sqlite": "Chinook_Sqlite.sql", "mysql": "Chinook_MySql.sql", "postgres": "Chinook_PostgreSql.sql"}

// loadChinook creates a fresh database holding Chinook, schema and data,
// and returns its URL.
func loadChinook(t *testing.T, dialect string) string {
	t.Helper()
	u := rxtest.FreshURL(t, dialect)
	script := readTestdata(t, chinookFiles[dialect])
	// The scripts drop, create and switch to their own database first:
	// the fresh one is used instead.
	_, script, ok := strings.Cut(script, "Create Tables")
	if !ok {
		t.Fatalf("%s: no Create Tables section", chinookFiles[dialect])
	}
	if _, after, ok := strings.Cut(script, "*/"); ok {
		script = after
	}
	execScript(t, dialect, u, script)
	return u
}

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// execScript runs a whole SQL script in one exec (see scriptDB).
func execScript(t *testing.T, dialect, rawURL, script string) {
	t.Helper()
	execOn(t, scriptDB(t, dialect, rawURL), script)
}

// scriptDB opens one connection that runs a whole script in one exec: a
// multi-statement connection on MySQL, the simple protocol on PostgreSQL
// (pgx uses it for a statement without arguments), and SQLite's own exec.
// One connection, so that a script's SET lines hold for what follows.
func scriptDB(t *testing.T, dialect, rawURL string) *sql.DB {
	t.Helper()
	var db *sql.DB
	if dialect == "mysql" {
		u, err := url.Parse(rawURL)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := mysql.Config(u)
		if err != nil {
			t.Fatal(err)
		}
		cfg.MultiStatements = true
		conn, err := gomysql.NewConnector(cfg)
		if err != nil {
			t.Fatal(err)
		}
		db = sql.OpenDB(conn)
		t.Cleanup(func() { db.Close() })
	} else {
		db, _ = rxtest.OpenSQLAt(t, dialect, rawURL)
	}
	db.SetMaxOpenConns(1)
	return db
}

func execOn(t *testing.T, db *sql.DB, script string) {
	t.Helper()
	if strings.TrimSpace(script) == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := db.ExecContext(ctx, script); err != nil {
		t.Fatalf("loading a sample: %v", err)
	}
}
