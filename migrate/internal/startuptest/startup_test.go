package startuptest

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	_ "github.com/rxgo/rxdb/drivers/mysql/mysqlmigrate"
	_ "github.com/rxgo/rxdb/drivers/postgres/pgmigrate"
	_ "github.com/rxgo/rxdb/drivers/sqlite/sqlitemigrate"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type startNote struct {
	rx.Model
	Body string
}

func TestStartupWarning(t *testing.T) {
	if err := rx.Register(&startNote{}); err != nil {
		t.Fatal(err)
	}
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			var logs bytes.Buffer
			cfg := rx.Config{
				DBURL:         rxtest.FreshURL(t, d),
				IgnoreEnv:     true,
				MigrationsDir: filepath.Join(t.TempDir(), "migrations"),
				Logger:        slog.New(slog.NewTextHandler(&logs, nil)),
			}
			plain := cfg
			plain.MigrationsDir = ""
			admin, err := rx.Open(ctx, plain)
			if err != nil {
				t.Fatal(err)
			}
			defer admin.Close()

			// open opens the database as an app would and returns the
			// warnings logged, checking that Open changed no table.
			open := func() []string {
				t.Helper()
				before, err := admin.Tables(ctx)
				if err != nil {
					t.Fatal(err)
				}
				logs.Reset()
				db, err := rx.Open(ctx, cfg)
				if err != nil {
					t.Fatal(err)
				}
				db.Close()
				after, err := admin.Tables(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if strings.Join(before, ",") != strings.Join(after, ",") {
					t.Fatalf("Open changed the tables: %v -> %v", before, after)
				}
				var warns []string
				for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
					if strings.Contains(l, "level=WARN") {
						warns = append(warns, l)
					}
				}
				return warns
			}
			expect := func(step string, want ...string) {
				t.Helper()
				warns := open()
				if len(want) == 0 {
					if len(warns) != 0 {
						t.Fatalf("%s: unexpected warnings %q", step, warns)
					}
					return
				}
				if len(warns) != 1 {
					t.Fatalf("%s: want one warning, got %q", step, warns)
				}
				for _, w := range want {
					if !strings.Contains(warns[0], w) {
						t.Fatalf("%s: warning %q lacks %q", step, warns[0], w)
					}
				}
			}
			exec := func(stmt string) {
				t.Helper()
				if _, err := admin.Exec(ctx, stmt); err != nil {
					t.Fatal(err)
				}
			}

			expect("no migrations folder yet")
			m := migrate.New(cfg)
			if _, err := m.Init(ctx, ""); err != nil {
				t.Fatal(err)
			}
			expect("after init", "1 migration pending", "db migrate`")
			if _, err := m.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			expect("after migrate")

			q := admin.Dialect().Quote
			exec("ALTER TABLE " + q("start_note") + " ADD COLUMN " + q("extra") + " INTEGER")
			expect("after a change made by hand", "schema changes detected", "db makemigrations", "drop column start_note.extra")
			exec("ALTER TABLE " + q("start_note") + " DROP COLUMN " + q("extra"))
			expect("after undoing it")

			// Objects no model declares are not drift; an index in rx's
			// own naming is, until Ignore hides it.
			exec("CREATE TABLE " + q("start_side") + " (" + q("id") + " INT PRIMARY KEY)")
			exec("CREATE UNIQUE INDEX " + q("start_note_key") + " ON " + q("start_note") + " (" + q("id") + ")")
			expect("with a table and an index no model declares")
			exec("CREATE INDEX " + q("ix_start_note_id") + " ON " + q("start_note") + " (" + q("id") + ")")
			expect("with an index named as rx names them", "drop index start_note.ix_start_note_id")
			cfg.Ignore = []string{"ix_start_*"}
			expect("with the index ignored")

			exec("UPDATE " + q(migrate.VersionTable) + " SET dirty = true")
			expect("dirty", "dirty", "db force")
			// The warning's force command runs as printed (-1 included).
			warn := open()[0]
			force := regexp.MustCompile("`[^` ]+ (db force [^`]*)`").FindStringSubmatch(warn)
			if force == nil {
				t.Fatalf("no db force command in %q", warn)
			}
			if err := migrate.Run(ctx, cfg, strings.Fields(force[1])); err != nil {
				t.Fatalf("%s: %v", force[1], err)
			}
			if st, err := m.Status(ctx); err != nil || st.Dirty {
				t.Fatalf("after %s: %v %v", force[1], err, st)
			}

			// Without a migrations source there is no check at all.
			cfg.MigrationsDir = ""
			expect("no migrations configured")
		})
	}
}
