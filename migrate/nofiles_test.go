package migrate_test

import (
	"bytes"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// TestNoFilesButVersionRecorded: a database that records a version, run
// with a migrations folder that is missing (a relative path from the
// wrong working directory), empty, or an embedded folder with nothing in
// it, is an error in db migrate, status and check and a warning at
// start-up, naming the folder as configured and where it was looked for.
func TestNoFilesButVersionRecorded(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, _ := items(t)
		m := migrate.New(cfg, v1)
		if _, err := m.Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		missing := filepath.Join("no-such-dir-"+filepath.Base(t.Name()), "migrations")
		abs, err := filepath.Abs(missing)
		if err != nil {
			t.Fatal(err)
		}
		empty := t.TempDir()
		cases := []struct {
			name string
			cfg  func(rx.Config) rx.Config
			want []string
		}{
			{"missing", func(c rx.Config) rx.Config { c.MigrationsDir = missing; return c }, []string{missing, abs, "does not exist", "MigrationsDir"}},
			{"empty", func(c rx.Config) rx.Config { c.MigrationsDir = empty; return c }, []string{empty, "no migration files", "MigrationsDir"}},
			{"embedded", func(c rx.Config) rx.Config { c.MigrationsFS = fstest.MapFS{}; c.MigrationsDir = "migrations"; return c }, []string{"embedded folder", "migrations"}},
		}
		for _, tc := range cases {
			c := tc.cfg(cfg)
			cmds := [][]string{{"migrate"}, {"status"}, {"check"}}
			if c.MigrationsFS == nil { // init and makemigrations write to disk
				cmds = append(cmds, []string{"init"}, []string{"makemigrations", "-m", "x"})
			}
			for _, args := range cmds {
				cmd := args[0]
				var out bytes.Buffer
				err := migrate.RunTo(ctx(t), &out, c, append([]string{"db"}, args...), v1)
				if !errors.Is(err, migrate.ErrNoMigrationFiles) {
					t.Fatalf("%s: db %s: want ErrNoMigrationFiles, got %v\n%s", tc.name, cmd, err, out.String())
				}
				for _, w := range tc.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("%s: db %s: %q lacks %q", tc.name, cmd, err, w)
					}
				}
			}
			if n := countFiles(t, empty); n != 0 {
				t.Fatalf("%s: %d files written", tc.name, n)
			}
			var logs bytes.Buffer
			c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
			db, err := rx.Open(ctx(t), c)
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "records version") {
				t.Errorf("%s: start-up logged no warning: %q", tc.name, logs.String())
			}
		}
		// A fresh database with no folder is still fine: db init writes the first.
		fresh := cfg
		fresh.DBURL = cfg.DBURL
		if _, err := migrate.New(cfg, v1).DowngradeAll(ctx(t)); err != nil {
			t.Fatal(err)
		}
		fresh.MigrationsDir = empty
		var out bytes.Buffer
		if err := migrate.RunTo(ctx(t), &out, fresh, []string{"db", "migrate"}, v1); err != nil || !strings.Contains(out.String(), "db init") {
			t.Fatalf("no files, no version: %v\n%s", err, out.String())
		}
	})
}
