package migrate_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type regenCode struct {
	rx.Model
	Code string
}

type regenCodeUnique struct {
	rx.Model
	Code string `rx:"unique"`
}

type regenCodeFixed struct {
	rx.Model
	Code string
	Note *string
}

// TestFailedMigrationCanBeRegenerated: a generated migration that fails
// (a unique index over duplicate rows) leaves makemigrations refusing;
// its error names both files to delete and the commands to run, and
// following it, exactly as printed, gets out of the loop: the migration
// is written again from the fixed models and applies.
func TestFailedMigrationCanBeRegenerated(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, v2, v3 := renamed(t, regenCode{}, "regen_code"), renamed(t, regenCodeUnique{}, "regen_code"), renamed(t, regenCodeFixed{}, "regen_code")
		if _, err := migrate.New(cfg, v1).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		db := openDB(t, cfg)
		if _, err := db.Exec(ctx(t), "INSERT INTO regen_code (code) VALUES ('a'), ('a')"); err != nil {
			t.Fatal(err)
		}
		bad, err := migrate.New(cfg, v2).MakeMigrations(ctx(t), "unique code")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v2).Migrate(ctx(t)); !errors.Is(err, migrate.ErrDirty) {
			t.Fatalf("the unique index over duplicates applied: %v", err)
		}
		// The user fixes the model and asks for a migration.
		var out bytes.Buffer
		err = migrate.RunTo(ctx(t), &out, cfg, []string{"db", "makemigrations", "-m", "fixed"}, v3)
		if !errors.Is(err, migrate.ErrDirty) {
			t.Fatalf("makemigrations while dirty: %v", err)
		}
		for _, p := range bad.Paths {
			if !strings.Contains(err.Error(), p) {
				t.Fatalf("the error does not name %s:\n%v", p, err)
			}
		}
		cmds := printedBy(cfg, err.Error()[strings.Index(err.Error(), "Delete "):])
		if len(cmds) != 2 || !strings.Contains(cmds[0], " db force ") || !strings.Contains(cmds[1], " db makemigrations ") {
			t.Fatalf("want the force and makemigrations commands, got %q in\n%v", cmds, err)
		}
		if out, err := runAsPrinted(t, cfg, cmds[0], v3); err != nil {
			t.Fatalf("%s: %v\n%s", cmds[0], err, out)
		}
		// Clean now, and the bad migration is pending: still the way out.
		err = migrate.RunTo(ctx(t), &out, cfg, []string{"db", "makemigrations", "-m", "fixed"}, v3)
		if !errors.Is(err, migrate.ErrBehind) || !strings.Contains(err.Error(), "delete "+bad.Paths[0]+" and "+bad.Paths[1]) {
			t.Fatalf("makemigrations with the failed migration pending: %v", err)
		}
		for _, p := range bad.Paths {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		}
		if out, err := runAsPrinted(t, cfg, strings.Replace(cmds[1], `"..."`, "fixed", 1), v3); err != nil || !strings.Contains(out, "add column regen_code.note") {
			t.Fatalf("%s: %v\n%s", cmds[1], err, out)
		}
		m := migrate.New(cfg, v3)
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		noDrift(t, m)
		if n, _ := filepath.Glob(filepath.Join(cfg.MigrationsDir, "*.sql")); len(n) != 4 {
			t.Fatalf("want the initial and the regenerated migration, got %q", n)
		}
	})
}
