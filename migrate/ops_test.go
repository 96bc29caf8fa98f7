package migrate_test

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

type opsItem struct {
	rx.Model
	Name  string `rx:"unique"`
	Price float64
}

func (opsItem) TableName() string { return "ops_item_v1" }

type opsItemV2 struct {
	rx.Model
	Name  string `rx:"unique"`
	Price float64
	Stock int32 `rx:"default=0"`
}

func (opsItemV2) TableName() string { return "ops_item_v2" }

func items(t *testing.T) (v1, v2 *schema.Table) {
	return renamed(t, opsItem{}, "ops_item"), renamed(t, opsItemV2{}, "ops_item")
}

func TestNoChangeWritesNothing(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, _ := items(t)
		m := migrate.New(cfg, v1)
		if _, err := m.Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		before := countFiles(t, cfg.MigrationsDir)
		mig, err := m.MakeMigrations(ctx(t), "nothing")
		if err != nil {
			t.Fatal(err)
		}
		if !mig.Diff.Empty() || len(mig.Paths) != 0 || countFiles(t, cfg.MigrationsDir) != before {
			t.Fatalf("no-change makemigrations wrote %v (%d -> %d files)", mig.Paths, before, countFiles(t, cfg.MigrationsDir))
		}
		var out bytes.Buffer
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "makemigrations", "-m", "nothing"}, v1); err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(out.String()) != "No changes detected" || countFiles(t, cfg.MigrationsDir) != before {
			t.Fatalf("output %q, files %d", out.String(), countFiles(t, cfg.MigrationsDir))
		}
		// A second migrate has nothing to do and says so.
		out.Reset()
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "migrate"}, v1); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "Already up to date") {
			t.Fatalf("second migrate: %q", out.String())
		}
	})
}

func TestBehindDatabaseRefusesMakeMigrations(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, v2 := items(t)
		if _, err := migrate.New(cfg, v1).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		before := countFiles(t, cfg.MigrationsDir)
		_, err := migrate.New(cfg, v2).MakeMigrations(ctx(t), "add stock")
		if !errors.Is(err, migrate.ErrBehind) || !strings.Contains(err.Error(), "db migrate") || !strings.Contains(err.Error(), "1 migration pending") {
			t.Fatalf("makemigrations on a behind database: %v", err)
		}
		if countFiles(t, cfg.MigrationsDir) != before {
			t.Fatal("a refused makemigrations wrote files")
		}
		// init twice is refused too.
		if _, err := migrate.New(cfg, v1).Init(ctx(t), ""); !errors.Is(err, migrate.ErrMigrationsExist) {
			t.Fatalf("second init: %v", err)
		}
	})
}

func TestConcurrentMigrateAppliesOnce(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, v2 := items(t)
		clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		m1 := migrate.New(cfg, v1)
		migrate.SetClock(m1, func() time.Time { return clock })
		if _, err := m1.Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		// A second migration written by hand, so the database need not be
		// migrated to write it.
		writeMigration(t, cfg.MigrationsDir, 20260101000100, "second", "CREATE TABLE ops_extra (id INTEGER PRIMARY KEY);", "DROP TABLE ops_extra;")
		_ = v2
		var wg sync.WaitGroup
		results := make([][]migrate.Step, 4)
		errs := make([]error, 4)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], errs[i] = migrate.New(cfg, v1).Migrate(ctx(t))
			}()
		}
		wg.Wait()
		seen := map[uint]int{}
		for i, err := range errs {
			if err != nil {
				t.Fatalf("run %d: %v", i, err)
			}
			for _, s := range results[i] {
				seen[s.Version]++
			}
		}
		if len(seen) != 2 || seen[20260101000000] != 1 || seen[20260101000100] != 1 {
			t.Fatalf("versions applied across 4 concurrent runs: %v", seen)
		}
	})
}

func writeMigration(t *testing.T, dir string, version uint, slug, up, down string) {
	t.Helper()
	base := filepath.Join(dir, strconv.FormatUint(uint64(version), 10)+"_"+slug)
	if err := os.WriteFile(base+".up.sql", []byte(up), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base+".down.sql", []byte(down), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBrokenMigrationReportsDirty(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, _ := items(t)
		m := migrate.New(cfg, v1)
		m.Command = "myapp"
		migrate.SetClock(m, func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) })
		if _, err := m.Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		// The second statement fails after the first created a table.
		writeMigration(t, cfg.MigrationsDir, 20260101000100, "broken",
			"CREATE TABLE broken_half (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n", "DROP TABLE broken_half;")
		steps, err := m.Migrate(ctx(t))
		var dirty *migrate.DirtyError
		if !errors.As(err, &dirty) || !errors.Is(err, migrate.ErrDirty) {
			t.Fatalf("broken migration: steps %v, err %v", steps, err)
		}
		if len(steps) != 1 || dirty.Version != 20260101000100 || !strings.Contains(err.Error(), "myapp db force 20260101000000") {
			t.Fatalf("dirty report: steps %v, %v", steps, err)
		}
		t.Log(err)
		if !strings.Contains(err.Error(), "no_such_table") {
			t.Fatalf("the failure is not named: %v", err)
		}
		half := liveSchema(t, cfg).Table("broken_half") != nil
		if dirty.Transactional == half {
			t.Fatalf("transactional=%v but broken_half exists=%v", dirty.Transactional, half)
		}
		// migrate, status and check keep reporting it with the repair.
		if _, err := m.Migrate(ctx(t)); !errors.Is(err, migrate.ErrDirty) || !strings.Contains(err.Error(), "myapp db force 20260101000000") {
			t.Fatalf("second migrate: %v", err)
		}
		st, err := m.Status(ctx(t))
		if err != nil || !st.Dirty || !strings.Contains(st.String(), "myapp db force 20260101000000") {
			t.Fatalf("status: %v\n%v", err, st)
		}
		if err := m.Check(ctx(t)); !errors.Is(err, migrate.ErrCheckFailed) || !strings.Contains(err.Error(), "dirty") {
			t.Fatalf("check: %v", err)
		}
		// The repair: fix the file, force, migrate.
		writeMigrationOverwrite(t, cfg.MigrationsDir, 20260101000100, "broken", "CREATE TABLE broken_fixed (id INTEGER PRIMARY KEY);\n", "DROP TABLE broken_fixed;")
		if half {
			if _, err := openDB(t, cfg).Exec(ctx(t), "DROP TABLE broken_half"); err != nil {
				t.Fatal(err)
			}
		}
		if err := m.Force(ctx(t), 20260101000000); err != nil {
			t.Fatal(err)
		}
		if steps, err := m.Migrate(ctx(t)); err != nil || len(steps) != 1 {
			t.Fatalf("after repair: %v %v", steps, err)
		}
	})
}

func writeMigrationOverwrite(t *testing.T, dir string, version uint, slug, up, down string) {
	t.Helper()
	writeMigration(t, dir, version, slug, up, down)
}

func TestCheckNamesDifferences(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, v2 := items(t)
		if _, err := migrate.New(cfg, v1).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "check"}, v1)
		if !errors.Is(err, migrate.ErrCheckFailed) || !strings.Contains(err.Error(), "1 migration pending") {
			t.Fatalf("check with a pending migration: %v", err)
		}
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "migrate"}, v1); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "applied ") {
			t.Fatalf("migrate output: %q", out.String())
		}
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "check"}, v1); err != nil {
			t.Fatalf("check when up to date: %v", err)
		}
		// The models move on without a migration: check names the column.
		err = migrate.RunTo(ctx(t), &out, cfg, []string{"db", "check"}, v2)
		if !errors.Is(err, migrate.ErrCheckFailed) || !strings.Contains(err.Error(), "add column ops_item.stock") || !strings.Contains(err.Error(), "makemigrations") {
			t.Fatalf("check with drift: %v", err)
		}
		out.Reset()
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "status"}, v2); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "0 pending") || !strings.Contains(out.String(), "add column ops_item.stock") {
			t.Fatalf("status: %s", out.String())
		}
	})
}

type kindsRow struct {
	ID      int64 `rx:"pk,autoincrement"`
	Flag    bool
	I8      int8
	I16     int16
	I32     int32
	U8      uint8
	U16     uint16
	U32     uint32
	U64     uint64
	F32     float32
	F64     float64
	S       string
	Sized   string `rx:"size=40,index"`
	Keyed   string `rx:"unique"`
	B       []byte
	T       time.Time
	PT      *time.Time
	J       map[string]int `rx:"json"`
	NS      sql.NullString
	Counter int64  `rx:"default=0"`
	Label   string `rx:"size=20,default='none'"`
	Neg     int32  `rx:"default=-1"`
	Dec     string `rx:"type=NUMERIC(10,2)"`
}

// TestEveryKindHasNoDrift creates a table with every column kind, each
// database's type aliases included (MariaDB reports BOOLEAN as
// tinyint(1) and JSON as longtext, PostgreSQL BIGINT as bigint and
// NUMERIC as numeric), and checks that introspection matches the models.
func TestEveryKindHasNoDrift(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		m := migrate.New(cfg, kindsRow{})
		if _, err := m.Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		noDrift(t, m)
		// CreateAll's DDL and the migration's agree: a database made by
		// CreateAll has no drift either.
		cfg2 := cfg
		cfg2.MigrationsDir = filepath.Join(t.TempDir(), "none")
		db := openDB(t, cfg)
		for _, tbl := range []string{"kinds_row", migrate.VersionTable} { // a database that records a version needs its folder
			if _, err := db.Exec(ctx(t), "DROP TABLE "+db.Dialect().Quote(tbl)); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.CreateAll(ctx(t), kindsRow{}); err != nil {
			t.Fatal(err)
		}
		st, err := migrate.New(cfg2, kindsRow{}).Status(ctx(t))
		if err != nil || !st.Drift.Empty() {
			t.Fatalf("CreateAll's table drifts: %v\n%v", err, st)
		}
	})
}

type warnItemV3 struct {
	rx.Model
	Name    string `rx:"unique"`
	Stock   int32  `rx:"default=5"`
	Serial  string // NOT NULL, no default
	Comment *string
}

func (warnItemV3) TableName() string { return "ops_item_v3" }

// TestWarningsAndDefaults: a dropped column is DESTRUCTIVE, a NOT NULL
// column without a default is warned about, both in the output and the
// file; a changed default is detected and applied on each database.
func TestWarningsAndDefaults(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		_, v2 := items(t)
		v3 := renamed(t, warnItemV3{}, "ops_item")
		m := migrate.New(cfg, v2)
		if _, err := m.Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "makemigrations", "--message", "rework"}, v3); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			"DESTRUCTIVE: drop column ops_item.price: drops the column and its data",
			"warning: add column ops_item.serial",
			"NOT NULL without a default",
			"alter column ops_item.stock (default 0 -> 5)",
			"add column ops_item.comment",
		} {
			if !strings.Contains(out.String(), want) {
				t.Fatalf("makemigrations output lacks %q:\n%s", want, out.String())
			}
		}
		ups, _ := filepathGlob(cfg.MigrationsDir, "*_rework.up.sql")
		up := readFile(t, ups[0])
		if !strings.Contains(up, "-- DESTRUCTIVE: drop column ops_item.price") || !strings.Contains(up, "-- WARNING: add column ops_item.serial") {
			t.Fatalf("file lacks the marks:\n%s", up)
		}
		// On an empty table the NOT NULL column applies everywhere, and
		// the down file restores the old default and column.
		if _, err := migrate.New(cfg, v3).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		noDrift(t, migrate.New(cfg, v3))
		if _, err := migrate.New(cfg, v2).Downgrade(ctx(t), 1); err != nil {
			t.Fatal(err)
		}
		noDrift(t, migrate.New(cfg, v2), true)
		if _, err := migrate.New(cfg, v3).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		db := openDB(t, cfg)
		if _, err := db.Exec(ctx(t), "INSERT INTO ops_item (name, serial) VALUES ('a', 's1')"); err != nil {
			t.Fatal(err)
		}
		var stock int
		if err := db.SQL().QueryRowContext(ctx(t), "SELECT stock FROM ops_item").Scan(&stock); err != nil || stock != 5 {
			t.Fatalf("the new default: %d, %v", stock, err)
		}
	})
}

// TestMigrateFromFS applies migrations served by an fs.FS (as an
// embed.FS is) with no folder on disk.
func TestMigrateFromFS(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, _ := items(t)
		disk := filepath.Join(t.TempDir(), "written")
		w := cfg
		w.MigrationsDir = disk
		mig, err := migrate.New(w, v1).Init(ctx(t), "")
		if err != nil {
			t.Fatal(err)
		}
		fsys := fstest.MapFS{}
		for _, p := range mig.Paths {
			fsys["db/migrations/"+filepath.Base(p)] = &fstest.MapFile{Data: []byte(readFile(t, p))}
		}
		cfg.MigrationsDir, cfg.MigrationsFS = "db/migrations", fsys
		steps, err := migrate.New(cfg, v1).Migrate(ctx(t))
		if err != nil || len(steps) != 1 || steps[0].Version != mig.File.Version {
			t.Fatalf("migrate from an fs.FS: %v %+v", err, steps)
		}
		noDrift(t, migrate.New(cfg, v1))
	})
}

type pkV1 struct {
	Tenant string `rx:"pk,size=20"`
	Code   string `rx:"size=20"`
	Label  string
}

func (pkV1) TableName() string { return "ops_pk_v1" }

type pkV2 struct {
	Tenant string `rx:"pk,size=20"`
	Code   string `rx:"pk,size=20"`
	Label  string
}

func (pkV2) TableName() string { return "ops_pk_v2" }

// TestPrimaryKeyChange widens a primary key to two columns and back,
// keeping the rows.
func TestPrimaryKeyChange(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, v2 := renamed(t, pkV1{}, "ops_pk"), renamed(t, pkV2{}, "ops_pk")
		m := migrate.New(cfg, v1)
		if _, err := m.Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		if _, err := openDB(t, cfg).Exec(ctx(t), "INSERT INTO ops_pk (tenant, code, label) VALUES ('t1', 'a', 'x'), ('t2', 'a', 'y')"); err != nil {
			t.Fatal(err)
		}
		mig, err := migrate.New(cfg, v2).MakeMigrations(ctx(t), "composite key")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(fmt.Sprint(mig.Diff.Changes), "alter primary key ops_pk ((tenant) -> (tenant, code))") {
			t.Fatalf("changes: %v\n%s", mig.Diff.Changes, mig.Up)
		}
		if _, err := migrate.New(cfg, v2).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		noDrift(t, migrate.New(cfg, v2))
		db := openDB(t, cfg)
		if _, err := db.Exec(ctx(t), "INSERT INTO ops_pk (tenant, code, label) VALUES ('t1', 'b', 'z')"); err != nil {
			t.Fatalf("the new key should allow a second code per tenant: %v", err)
		}
		if _, err := db.Exec(ctx(t), "DELETE FROM ops_pk WHERE code = 'b'"); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1).Downgrade(ctx(t), 1); err != nil {
			t.Fatal(err)
		}
		noDrift(t, migrate.New(cfg, v1), true)
		var n int
		if err := openDB(t, cfg).SQL().QueryRowContext(ctx(t), "SELECT COUNT(*) FROM ops_pk").Scan(&n); err != nil || n != 2 {
			t.Fatalf("rows after the round trip: %d, %v", n, err)
		}
	})
}
