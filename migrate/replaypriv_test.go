package migrate_test

import (
	"bytes"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// A user who may read the database but not create one (or, on
// PostgreSQL, a schema) gets ErrNoScratch from db check, naming the
// flag that skips the replay; with -no-replay the check passes. SQLite
// has no privileges: its scratch database is a temporary file.
func TestCheckWithoutCreatePrivilege(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1 := renamed(t, replayPaint{}, "replay_priv")
		if _, err := migrate.New(cfg, v1).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		db := openDB(t, cfg)
		if db.Dialect().Name() == "sqlite" {
			t.Skip("SQLite has no privilege to create a database")
		}
		ro := cfg
		ro.DBURL = readOnlyUser(t, db, cfg.DBURL)
		var out bytes.Buffer
		err := migrate.RunTo(ctx(t), &out, ro, []string{"db", "check"}, v1)
		if !errors.Is(err, migrate.ErrNoScratch) || !strings.Contains(err.Error(), "db check -no-replay") {
			t.Fatalf("db check without the privilege: %v\n%s", err, out.String())
		}
		if err := migrate.RunTo(ctx(t), &out, ro, []string{"db", "check", "-no-replay"}, v1); err != nil {
			t.Fatalf("db check -no-replay: %v\n%s", err, out.String())
		}
	})
}

// readOnlyUser creates a user who may only read the database rawURL
// names (dropped after the test) and returns its URL.
func readOnlyUser(t *testing.T, db *rx.DB, rawURL string) string {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	var name string
	var setup, cleanup []string
	if db.Dialect().Name() == "mysql" {
		dbName := strings.TrimPrefix(u.Path, "/")
		name = "rx_ro_" + dbName[len(dbName)-8:]
		for _, host := range []string{"%", "localhost", "127.0.0.1"} {
			user := "'" + name + "'@'" + host + "'"
			setup = append(setup, "CREATE USER "+user, "GRANT SELECT ON `"+dbName+"`.* TO "+user)
			cleanup = append(cleanup, "DROP USER IF EXISTS "+user)
		}
	} else {
		schema := u.Query().Get("search_path")
		name = "rx_ro_" + schema[len(schema)-8:]
		setup = []string{"CREATE ROLE " + name + " LOGIN", "GRANT USAGE ON SCHEMA " + schema + " TO " + name, "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + name}
		cleanup = []string{"DROP OWNED BY " + name, "DROP ROLE IF EXISTS " + name}
	}
	t.Cleanup(func() {
		for _, s := range cleanup {
			if _, err := db.Exec(ctx(t), s); err != nil {
				t.Errorf("%s: %v", s, err)
			}
		}
	})
	for _, s := range setup {
		if _, err := db.Exec(ctx(t), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	u.User = url.User(name)
	return u.String()
}
