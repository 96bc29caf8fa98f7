package rx_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/drivers/mysql"
	"github.com/rxgo/rxdb/drivers/postgres"
	"github.com/rxgo/rxdb/drivers/sqlite"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

func TestParseURL(t *testing.T) {
	cases := []struct {
		url, dialect, detail string
	}{
		{"sqlite:///relative.db", "sqlite", "relative.db"},
		{"sqlite:////abs/path.db", "sqlite", "/abs/path.db"},
		{"sqlite:///:memory:", "sqlite", ":memory:"},
		{"sqlite://", "sqlite", ":memory:"},
		{"sqlite3:///x.db", "sqlite", "x.db"},
		{"mysql://user:pa%40ss@db.example:3307/app?charset=utf8mb4", "mysql", "user:pa@ss@tcp(db.example:3307)/app"},
		{"mysql+pymysql://user@localhost/app", "mysql", "user@tcp(localhost:3306)/app"},
		{"mariadb://root@127.0.0.1/app?unix_socket=/run/mysqld/mysqld.sock", "mysql", "root@unix(/run/mysqld/mysqld.sock)/app"},
		{"postgresql://user:pw@db.example:5433/app?sslmode=disable", "postgres", "user=user host=db.example port=5433 database=app"},
		{"postgres://user@localhost/app", "postgres", "user=user host=localhost port=5432 database=app"},
		{"postgresql+psycopg2://user@localhost/app", "postgres", "user=user host=localhost port=5432 database=app"},
	}
	for _, c := range cases {
		u, d, err := rx.ParseURL(c.url)
		if err != nil {
			t.Errorf("ParseURL(%q): %v", c.url, err)
			continue
		}
		if d.Name() != c.dialect {
			t.Errorf("ParseURL(%q) dialect = %s, want %s", c.url, d.Name(), c.dialect)
		}
		var got string
		switch d.Name() {
		case "sqlite":
			got = sqlite.Path(u)
		case "mysql":
			cfg, err := mysql.Config(u)
			if err != nil {
				t.Errorf("mysql.Config(%q): %v", c.url, err)
				continue
			}
			if !cfg.ParseTime || !cfg.InterpolateParams || !cfg.ClientFoundRows {
				t.Errorf("%q: rx's MySQL settings not applied: %+v", c.url, cfg)
			}
			got = fmt.Sprintf("%s:%s@%s(%s)/%s", cfg.User, cfg.Passwd, cfg.Net, cfg.Addr, cfg.DBName)
			got = strings.Replace(got, ":@", "@", 1)
		case "postgres":
			cfg, err := postgres.Config(u)
			if err != nil {
				t.Errorf("postgres.Config(%q): %v", c.url, err)
				continue
			}
			got = fmt.Sprintf("user=%s host=%s port=%d database=%s", cfg.User, cfg.Host, cfg.Port, cfg.Database)
		}
		if got != c.detail {
			t.Errorf("ParseURL(%q) -> %q, want %q", c.url, got, c.detail)
		}
	}
}

func TestSQLiteDSNSettings(t *testing.T) {
	u, _, _ := rx.ParseURL("sqlite:///app.db?_pragma=cache_size(-2000)&_txlock=deferred")
	dsn := sqlite.DSN(u)
	for _, want := range []string{"app.db?", "foreign_keys%281%29", "journal_mode%28WAL%29", "busy_timeout%28", "cache_size%28-2000%29", "_txlock=deferred"} {
		if !strings.Contains(dsn, want) {
			t.Errorf("DSN %q lacks %q", dsn, want)
		}
	}
	if strings.Contains(dsn, "immediate") {
		t.Errorf("DSN %q: the URL's _txlock should override rx's", dsn)
	}
}

func TestMySQLURLParamsOverride(t *testing.T) {
	u, _, _ := rx.ParseURL("mysql://u@h/db?parseTime=false&loc=Local")
	cfg, err := mysql.Config(u)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ParseTime {
		t.Error("parseTime=false in the URL was overridden")
	}
	if !cfg.InterpolateParams {
		t.Error("interpolateParams default lost")
	}
}

func TestParseURLErrors(t *testing.T) {
	cases := map[string]string{
		"":                            "empty database URL",
		"oracle://scott:tiger@h/db":   "unsupported database URL scheme \"oracle\": use one of mariadb://, mysql://, postgres://, postgresql://, sqlite://, sqlite3://",
		"localhost/db":                "has no scheme",
		"mysql://u:secret@h:port/db":  "malformed database URL",
		"mysql:u:secret@h/db":         "missing \"//\"",
		"postgres://u:secret@[::1/db": "malformed database URL",
	}
	for in, want := range cases {
		_, _, err := rx.ParseURL(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseURL(%q) = %v; want %q", in, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("ParseURL(%q) error shows the password: %v", in, err)
		}
	}
}

func TestConfigAndDBRedactPassword(t *testing.T) {
	cfg := rx.Config{AppName: "app", DBURL: "postgresql://admin:s3cr3t-pw@127.0.0.1:1/db", IgnoreEnv: true}
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%v %+v %#v %s", cfg, cfg, cfg, cfg), fmt.Sprint(&cfg)} {
		if strings.Contains(s, "s3cr3t-pw") {
			t.Fatalf("formatted Config shows the password: %s", s)
		}
		if !strings.Contains(s, "admin:xxxxx@127.0.0.1") {
			t.Fatalf("formatted Config %q lacks the redacted URL", s)
		}
	}
	cfg.ConnectTimeout = 2e9
	_, err := rx.Open(context.Background(), cfg)
	if err == nil || strings.Contains(err.Error(), "s3cr3t-pw") {
		t.Fatalf("Open on a closed port = %v; want an error without the password", err)
	}
}

func TestDBURLEnvOverridesConfig(t *testing.T) {
	t.Setenv("DB_URL", "sqlite:///:memory:")
	cfg := rx.Config{DBURL: "mysql://nobody@127.0.0.1:1/none"}
	if cfg.URL() != "sqlite:///:memory:" {
		t.Fatalf("URL() = %q, want DB_URL's", cfg.URL())
	}
	db, err := rx.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open should use DB_URL: %v", err)
	}
	defer db.Close()
	if db.Dialect().Name() != "sqlite" {
		t.Fatalf("dialect %s, want sqlite from DB_URL", db.Dialect().Name())
	}
	if (rx.Config{}).URL() != "sqlite:///:memory:" {
		t.Fatal("zero Config ignores DB_URL")
	}
	t.Setenv("DB_URL", "")
	if (rx.Config{}).URL() != rx.DefaultDBURL {
		t.Fatalf("zero Config URL = %q, want %q", (rx.Config{}).URL(), rx.DefaultDBURL)
	}
}

func TestConfigureDefaultWithSession(t *testing.T) {
	t.Setenv("DB_URL", "")
	if err := rx.Configure(rx.Config{DBURL: "nosuch://x"}); err == nil {
		t.Fatal("Configure accepted an unknown scheme")
	}
	if err := rx.Configure(rx.Config{DBURL: "sqlite:///:memory:"}); err != nil {
		t.Fatal(err)
	}
	defer func() {
		rx.Configure(rx.Config{}) // closes the in-memory database
		rx.SetDefault(nil)
	}()
	ctx := context.Background()
	db, err := rx.Default()
	if err != nil {
		t.Fatal(err)
	}
	type Note struct {
		rx.Model
		Text string
	}
	if err := db.CreateAll(ctx, &Note{}); err != nil {
		t.Fatal(err)
	}
	if err := rx.WithSession(ctx, func(s *rx.Session) error { return s.Add(&Note{Text: "hi"}) }); err != nil {
		t.Fatal(err)
	}
	var n int64
	err = rx.WithSession(ctx, func(s *rx.Session) error {
		var err error
		n, err = rx.Select[Note](s).Where(rx.Eq{"text": "hi"}).Count(ctx)
		return err
	})
	if err != nil || n != 1 {
		t.Fatalf("count via the default database = %d, %v", n, err)
	}
}

type defaultNote struct {
	rx.Model
	Text string
}

// A program that opened a database with rx.Open and calls the
// package-level WithSession without naming a default gets ErrNoDefault,
// and no ./rx.db appears; SetDefault names it. Not parallel: it sets the
// package-level database.
func TestPackageWithSessionNeedsANamedDatabase(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Setenv("DB_URL", "")
			t.Chdir(t.TempDir())
			ctx := context.Background()
			db := rxtest.Open(t, d)
			if err := db.CreateAll(ctx, &defaultNote{}); err != nil {
				t.Fatal(err)
			}
			add := func(s *rx.Session) error { return s.Add(&defaultNote{Text: "hi"}) }
			err := rx.WithSession(ctx, add)
			if !errors.Is(err, rx.ErrNoDefault) || !strings.Contains(err.Error(), "rx.Configure") {
				t.Fatalf("WithSession without a configured database: %v, want ErrNoDefault naming rx.Configure", err)
			}
			if _, err := rx.Default(); !errors.Is(err, rx.ErrNoDefault) {
				t.Fatalf("Default without a configured database: %v, want ErrNoDefault", err)
			}
			if _, err := os.Stat("rx.db"); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("rx.db was created: %v", err)
			}
			rx.SetDefault(db)
			defer rx.SetDefault(nil)
			if err := rx.WithSession(ctx, add); err != nil {
				t.Fatal(err)
			}
			if n, err := rx.Select[defaultNote](db).Count(ctx); err != nil || n != 1 {
				t.Fatalf("rows in the database given to SetDefault: %d, %v; want 1", n, err)
			}
			// Configure after SetDefault leaves the caller's database open.
			if err := rx.Configure(rx.Config{DBURL: "sqlite:///:memory:"}); err != nil {
				t.Fatal(err)
			}
			if err := db.SQL().PingContext(ctx); err != nil {
				t.Fatalf("Configure closed the database given to SetDefault: %v", err)
			}
		})
	}
}

func TestConfigJSONRedactsPassword(t *testing.T) {
	cfg := rx.Config{AppName: "app", DBURL: "mysql://root:hunter2@db:3306/app"}
	b, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "hunter2") || !strings.Contains(string(b), `"db_url":"mysql://root:xxxxx@db:3306/app"`) {
		t.Fatalf("json.Marshal(Config) = %s", b)
	}
	wrapped, _ := json.Marshal(struct{ DB rx.Config }{cfg})
	if strings.Contains(string(wrapped), "hunter2") {
		t.Fatalf("a struct holding Config leaks the password: %s", wrapped)
	}
}
