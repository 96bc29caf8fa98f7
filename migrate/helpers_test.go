package migrate_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/rxgo/rxdb/drivers/mysql/mysqlmigrate"
	_ "github.com/rxgo/rxdb/drivers/postgres/pgmigrate"
	_ "github.com/rxgo/rxdb/drivers/sqlite/sqlitemigrate"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

// eachDialect runs fn as a parallel subtest per dialect with a fresh
// database URL and an empty migrations folder.
func eachDialect(t *testing.T, fn func(t *testing.T, cfg rx.Config)) {
	t.Helper()
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			cfg := rx.Config{DBURL: rxtest.FreshURL(t, d), IgnoreEnv: true, MigrationsDir: filepath.Join(t.TempDir(), "migrations")}
			fn(t, cfg)
		})
	}
}

// renamed returns model's metadata under another table name, so that
// several versions of one table can coexist in one test binary (rx's
// registry keeps one model per table name).
func renamed(t *testing.T, model any, name string) *schema.Table {
	t.Helper()
	tbl, err := schema.TableOf(model)
	if err != nil {
		t.Fatal(err)
	}
	c := *tbl
	c.Name = name
	return &c
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

// liveSchema is a fresh introspection of the database cfg names, our
// tables only.
func liveSchema(t *testing.T, cfg rx.Config) *migrate.Schema {
	t.Helper()
	db := openDB(t, cfg)
	drv, err := migrate.DriverFor(db.Dialect())
	if err != nil {
		t.Fatal(err)
	}
	s, err := drv.Inspect(ctx(t), db)
	if err != nil {
		t.Fatal(err)
	}
	out := &migrate.Schema{}
	for _, tb := range s.Tables {
		if tb.Name != migrate.VersionTable && tb.Name != migrate.DowngradeTable && tb.Name != migrate.LockTable && tb.Name != migrate.AppliedTable {
			out.Tables = append(out.Tables, tb)
		}
	}
	return out
}

func openDB(t *testing.T, cfg rx.Config) *rx.DB {
	t.Helper()
	cfg.MigrationsDir, cfg.MigrationsFS = "", nil
	db, err := rx.Open(ctx(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return len(entries)
}

// sameSchema compares two schemas ignoring column order, which
// PostgreSQL cannot restore when a down migration re-adds a column.
func sameSchema(a, b *migrate.Schema) bool {
	return reflect.DeepEqual(byColumnName(a), byColumnName(b))
}

func byColumnName(s *migrate.Schema) *migrate.Schema {
	out := &migrate.Schema{}
	for _, t := range s.Tables {
		c := *t
		c.Columns = slices.Clone(t.Columns)
		slices.SortFunc(c.Columns, func(a, b *migrate.Column) int { return strings.Compare(a.Name, b.Name) })
		out.Tables = append(out.Tables, &c)
	}
	return out
}

// noDrift fails unless the models match the live database and (unless
// pendingOK) nothing is pending.
func noDrift(t *testing.T, m *migrate.Migrator, pendingOK ...bool) {
	t.Helper()
	st, err := m.Status(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if !st.Drift.Empty() || len(st.Pending) > 0 && len(pendingOK) == 0 || st.Dirty {
		t.Fatalf("expected no drift, got:\n%s", st)
	}
}

func filepathGlob(dir, pattern string) ([]string, error) {
	return filepath.Glob(filepath.Join(dir, pattern))
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func dump(s *migrate.Schema) string {
	var b strings.Builder
	for _, t := range s.Tables {
		fmt.Fprintf(&b, "%s pk=%v\n", t.Name, t.PrimaryKey)
		for _, c := range t.Columns {
			fmt.Fprintf(&b, "  %+v\n", *c)
		}
		for _, ix := range t.Indexes {
			fmt.Fprintf(&b, "  index %+v\n", *ix)
		}
	}
	return b.String()
}

// startupLogs is what rx.Open's start-up check logs for cfg.
func startupLogs(t *testing.T, cfg rx.Config) string {
	t.Helper()
	var logs bytes.Buffer
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	db, err := rx.Open(ctx(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	return logs.String()
}
