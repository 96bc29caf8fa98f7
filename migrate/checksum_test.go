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

// An applied migration whose file is edited afterwards is reported:
// `db status` lists it, `db check` fails with ErrChangedMigration naming
// the file and the fix, and the start-up check warns. Restoring the file
// makes check pass again.
func TestChangedMigrationIsReported(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, _ := items(t)
		mig, err := migrate.New(cfg, v1).Init(ctx(t), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		up, err := filepathGlob(cfg.MigrationsDir, "*.up.sql")
		if err != nil || len(up) != 1 {
			t.Fatalf("up files: %v, %v (init wrote %v)", up, err, mig.File)
		}
		orig, err := os.ReadFile(up[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(up[0], append(append([]byte{}, orig...), "\n-- edited after it was applied\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(up[0])
		var out bytes.Buffer
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "status"}, v1); err != nil || !strings.Contains(out.String(), "changed "+strings.TrimSuffix(name, ".up.sql")) {
			t.Fatalf("db status: %v\n%s", err, out.String())
		}
		err = migrate.RunTo(ctx(t), &out, cfg, []string{"db", "check"}, v1)
		if !errors.Is(err, migrate.ErrCheckFailed) || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "Restore the file") {
			t.Fatalf("db check after the edit: %v", err)
		}
		logs := startupLogs(t, cfg)
		if !strings.Contains(logs, name) {
			t.Fatalf("start-up did not warn about %s: %q", name, logs)
		}
		if err := os.WriteFile(up[0], orig, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "check"}, v1); err != nil {
			t.Fatalf("db check after restoring the file: %v", err)
		}
	})
}
