package migrate_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// otherDialect is a dialect other than d, for folders written elsewhere.
func otherDialect(d string) string {
	return map[string]string{"sqlite": "postgres", "mysql": "sqlite", "postgres": "mysql"}[d]
}

// TestWrongDialectFolderRefused writes migrations on one database and
// points another at the same folder: migrate, downgrade, goto and
// makemigrations refuse before touching it, saying how to keep one
// folder per database; with "migrations/{dialect}" both databases get a
// folder of their own and migrate.
func TestWrongDialectFolderRefused(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			v1, _ := items(t)
			shared := filepath.Join(t.TempDir(), "migrations")
			other := rx.Config{DBURL: rxtest.FreshURL(t, otherDialect(d)), IgnoreEnv: true, MigrationsDir: shared}
			if _, err := migrate.New(other, v1).Init(ctx(t), ""); err != nil {
				t.Fatal(err)
			}
			cfg := rx.Config{DBURL: rxtest.FreshURL(t, d), IgnoreEnv: true, MigrationsDir: shared}
			m := migrate.New(cfg, v1)
			for name, op := range map[string]func() error{
				"migrate":        func() error { _, err := m.Migrate(ctx(t)); return err },
				"downgrade":      func() error { _, err := m.Downgrade(ctx(t), 1); return err },
				"makemigrations": func() error { _, err := m.MakeMigrations(ctx(t), "x"); return err },
			} {
				err := op()
				if !errors.Is(err, migrate.ErrWrongDialect) || !strings.Contains(err.Error(), "written for "+otherDialect(d)) || !strings.Contains(err.Error(), `"migrations/{dialect}"`) {
					t.Fatalf("%s: %v", name, err)
				}
			}
			if names, err := openDB(t, cfg).Tables(ctx(t)); err != nil || len(names) != 0 {
				t.Fatalf("the refused folder touched the database: %v %v", names, err)
			}

			// One folder per dialect through the placeholder; a database
			// whose folder is not written yet is told to write it.
			perDialect := filepath.Join(t.TempDir(), "migrations", "{dialect}")
			for _, c := range []rx.Config{cfg, other} {
				c.MigrationsDir = perDialect
				var out bytes.Buffer
				if err := migrate.RunTo(ctx(t), &out, c, []string{"db", "migrate"}, v1); err != nil || !strings.Contains(out.String(), "No migrations in ") || !strings.Contains(out.String(), "db init` writes the first") {
					t.Fatalf("migrate without a folder: %v\n%s", err, out.String())
				}
				if _, err := migrate.New(c, v1).Init(ctx(t), ""); err != nil {
					t.Fatal(err)
				}
				if _, err := migrate.New(c, v1).Migrate(ctx(t)); err != nil {
					t.Fatal(err)
				}
				noDrift(t, migrate.New(c, v1))
				_, dialect, err := rx.ParseURL(c.DBURL)
				if err != nil {
					t.Fatal(err)
				}
				dir, err := migrate.Dir(c)
				if err != nil || dir != filepath.Join(filepath.Dir(perDialect), dialect.Name()) {
					t.Fatalf("Dir: %s %v", dir, err)
				}
				if entries, err := os.ReadDir(dir); err != nil || len(entries) != 2 {
					t.Fatalf("%s: %v %v", dir, entries, err)
				}
			}
		})
	}
}
