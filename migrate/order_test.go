package migrate_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// TestOutOfOrderMigrationRefused: a migration merged with an older
// version than the one applied is never skipped: db migrate, status and
// check refuse naming it, the start-up check warns, and the rename the
// error prints makes db migrate apply it.
func TestOutOfOrderMigrationRefused(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, v2 := items(t)
		first, err := migrate.New(cfg, v1).Init(ctx(t), "")
		if err != nil {
			t.Fatal(err)
		}
		m := migrate.New(cfg, v2)
		migrate.SetClock(m, func() time.Time { return time.Now().Add(time.Hour) }) // v2 is written an hour later
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		// Another branch's migration, merged with a version between the
		// two applied here.
		writeMigration(t, cfg.MigrationsDir, first.File.Version+1, "other_branch",
			"CREATE TABLE ooo_other (id INTEGER PRIMARY KEY);\n", "DROP TABLE ooo_other;\n")
		if _, err := m.MakeMigrations(ctx(t), "v2"); !errors.Is(err, migrate.ErrBehind) {
			t.Fatalf("makemigrations with the merged migration pending: %v", err)
		}
		// Apply v2 as written before the merge: move the merged file aside.
		merged, _ := filepathGlob(cfg.MigrationsDir, "*_other_branch.*.sql")
		aside := t.TempDir()
		for _, p := range merged {
			if err := os.Rename(p, filepath.Join(aside, filepath.Base(p))); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := m.MakeMigrations(ctx(t), "v2"); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		for _, p := range merged {
			if err := os.Rename(filepath.Join(aside, filepath.Base(p)), p); err != nil {
				t.Fatal(err)
			}
		}
		var msg string
		for _, cmd := range []string{"migrate", "status", "check"} {
			var out bytes.Buffer
			err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", cmd}, v2)
			if !errors.Is(err, migrate.ErrOutOfOrder) || !strings.Contains(err.Error(), "_other_branch") {
				t.Fatalf("db %s: want ErrOutOfOrder naming the merged migration, got %v\n%s", cmd, err, out.String())
			}
			msg = err.Error()
		}
		if liveSchema(t, cfg).Table("ooo_other") != nil {
			t.Fatal("the refused migration was applied")
		}
		logs := startupLogs(t, cfg)
		if !strings.Contains(logs, "_other_branch") {
			t.Fatalf("start-up did not warn: %q", logs)
		}
		// Follow the fix as printed: rename to the suggested version.
		re := regexp.MustCompile(`(\d+_other_branch)\.\{up,down\}\.sql to (\d+_other_branch)\.\{up,down\}\.sql`)
		mv := re.FindStringSubmatch(msg)
		if mv == nil {
			t.Fatalf("no rename in %q", msg)
		}
		for _, dir := range []string{"up", "down"} {
			if err := os.Rename(filepath.Join(cfg.MigrationsDir, mv[1]+"."+dir+".sql"), filepath.Join(cfg.MigrationsDir, mv[2]+"."+dir+".sql")); err != nil {
				t.Fatal(err)
			}
		}
		if steps, err := m.Migrate(ctx(t)); err != nil || len(steps) != 1 || liveSchema(t, cfg).Table("ooo_other") == nil {
			t.Fatalf("after the rename: %v %v", steps, err)
		}
		if _, err := m.DowngradeAll(ctx(t)); err != nil {
			t.Fatal(err)
		}
		if s := liveSchema(t, cfg); len(s.Tables) != 0 {
			t.Fatalf("downgrade all left tables:\n%s", dump(s))
		}
	})
}
