package migrate_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type vdItem struct {
	rx.Model
	Qty  int32
	Note string
}

func (vdItem) TableName() string { return "vd_item" }

// vdItemV2 changes the note's type, under the views.
type vdItemV2 struct {
	rx.Model
	Qty  int32
	Note string `rx:"size=80"`
}

func (vdItemV2) TableName() string { return "vd_item_v2" }

// vdItemV3 drops the note a view reads.
type vdItemV3 struct {
	rx.Model
	Qty int32
}

func (vdItemV3) TableName() string { return "vd_item_v3" }

// vdViews reads the views' definitions (and on PostgreSQL their options
// and comments), for roundTrip.
func vdViews(t *testing.T, db *rx.DB) func() string {
	q := map[string]string{
		"sqlite":   "SELECT name, sql, '' FROM sqlite_master WHERE type = 'view' AND name LIKE 'vd%' ORDER BY name",
		"mysql":    "SELECT table_name, view_definition, '' FROM information_schema.views WHERE table_schema = DATABASE() AND table_name LIKE 'vd%' ORDER BY table_name",
		"postgres": "SELECT c.relname, pg_get_viewdef(c.oid), COALESCE(array_to_string(c.reloptions, ',') || ' ' || obj_description(c.oid, 'pg_class'), '') FROM pg_class c WHERE c.relkind = 'v' AND c.relname LIKE 'vd%' AND c.relnamespace = current_schema()::regnamespace ORDER BY c.relname",
	}[db.Dialect().Name()]
	return func() string {
		rows, err := db.Query(ctx(t), q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			var name, def, extra string
			if err := rows.Scan(&name, &def, &extra); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "view %s %s: %s\n", name, extra, def)
		}
		return b.String()
	}
}

// TestColumnTypeChangeUnderView: a column that views read changes type
// (TEXT to VARCHAR(80)).
// PostgreSQL refuses ALTER COLUMN TYPE under a view (2BP01), so the
// migration saves the views (definition, options, comment; a view on the
// view too) and creates them again; the other databases keep them by
// themselves (SQLite's rebuild saves them, MySQL's views are not bound).
// Up and down files apply with the views intact.
func TestColumnTypeChangeUnderView(t *testing.T) {
	if err := rx.Register(&vdItem{}, &vdItemV2{}); err != nil {
		t.Fatal(err)
	}
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		initAndMigrate(t, cfg, &vdItem{})
		db := openDB(t, cfg)
		views := []string{
			"CREATE VIEW vd_big AS SELECT id, note FROM vd_item WHERE qty > 10",
			"CREATE VIEW vd_big_ids AS SELECT id FROM vd_big",
		}
		if db.Dialect().Name() == "postgres" {
			views[0] = "CREATE VIEW vd_big WITH (security_barrier) AS SELECT id, note FROM vd_item WHERE qty > 10"
			views = append(views, "COMMENT ON VIEW vd_big IS 'the big ones'")
		}
		for _, s := range views {
			if _, err := db.Exec(ctx(t), s); err != nil {
				t.Fatal(err)
			}
		}
		state := vdViews(t, db)
		before := state()
		m2 := migrate.New(cfg, renamed(t, &vdItemV2{}, "vd_item"))
		if _, err := m2.MakeMigrations(ctx(t), "note size"); err != nil {
			t.Fatal(err)
		}
		roundTrip(t, m2, cfg, state)
		if after := state(); !strings.Contains(after, "view vd_big ") || !strings.Contains(after, "view vd_big_ids") || db.Dialect().Name() != "mysql" && after != before {
			t.Fatalf("views before:\n%s\nafter:\n%s", before, after)
		}
	})
}

// TestDependentsRefusedBeforeWriting: on PostgreSQL a change that a rule
// or view blocks and that rxdb cannot work around (a rule reads the
// column; a view reads a dropped column) is refused before any file is
// written, naming the objects. PostgreSQL only: MySQL and SQLite do not
// bind views and rules to columns.
func TestDependentsRefusedBeforeWriting(t *testing.T) {
	if err := rx.Register(&vdItem{}, &vdItemV2{}, &vdItemV3{}); err != nil {
		t.Fatal(err)
	}
	cfg := dialectConfig(t, "postgres")
	initAndMigrate(t, cfg, &vdItem{})
	db := openDB(t, cfg)
	for _, s := range []string{
		"CREATE TABLE vd_log (note text)",
		"CREATE RULE vd_copy AS ON INSERT TO vd_item DO ALSO INSERT INTO vd_log VALUES (NEW.note)",
		"CREATE VIEW vd_notes AS SELECT id, note FROM vd_item",
	} {
		if _, err := db.Exec(ctx(t), s); err != nil {
			t.Fatal(err)
		}
	}
	files := countFiles(t, cfg.MigrationsDir)
	for model, want := range map[any]string{
		renamed(t, &vdItemV2{}, "vd_item"): "change the type of vd_item.note while these depend on it: rule vd_copy on vd_item",
		renamed(t, &vdItemV3{}, "vd_item"): "drop column vd_item.note while these depend on it: rule vd_copy on vd_item, view vd_notes",
	} {
		_, err := migrate.New(cfg, model).MakeMigrations(ctx(t), "blocked")
		if !errors.Is(err, migrate.ErrDependentObjects) || !strings.Contains(err.Error(), want) {
			t.Fatalf("want %q, got %v", want, err)
		}
		if n := countFiles(t, cfg.MigrationsDir); n != files {
			t.Fatalf("a refused migration wrote files: %d -> %d", files, n)
		}
	}
}

// TestBaselineUnderViewsAndPrunedTable: on PostgreSQL db init baselines
// a database whose views read the models' tables (its down file, which
// drops them all, is not refused), while a -prune that drops a table a
// view reads is refused before writing.
func TestBaselineUnderViewsAndPrunedTable(t *testing.T) {
	if err := rx.Register(&vdItem{}); err != nil {
		t.Fatal(err)
	}
	cfg := dialectConfig(t, "postgres")
	db := openDB(t, cfg)
	if err := db.CreateAll(ctx(t), &vdItem{}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"CREATE VIEW vd_big AS SELECT id, note FROM vd_item WHERE qty > 10",
		"CREATE TABLE vd_extra (n integer)",
		"CREATE VIEW vd_extra_v AS SELECT n FROM vd_extra",
	} {
		if _, err := db.Exec(ctx(t), s); err != nil {
			t.Fatal(err)
		}
	}
	m := migrate.New(cfg, &vdItem{})
	if mig, err := m.Init(ctx(t), ""); err != nil || !mig.Baselined {
		t.Fatalf("init under a view: %v", err)
	}
	m.Prune = true
	files := countFiles(t, cfg.MigrationsDir)
	_, err := m.MakeMigrations(ctx(t), "prune")
	if want := "drop table vd_extra while these depend on it: view vd_extra_v"; !errors.Is(err, migrate.ErrDependentObjects) || !strings.Contains(err.Error(), want) {
		t.Fatalf("want %q, got %v", want, err)
	}
	if n := countFiles(t, cfg.MigrationsDir); n != files {
		t.Fatalf("a refused migration wrote files: %d -> %d", files, n)
	}
}

// TestSQLiteRebuildRefusesViewOnDroppedColumn: on SQLite a rebuild that
// drops a column a view reads is refused before writing (the view could
// not be created again, and the migration would roll back), naming it.
func TestSQLiteRebuildRefusesViewOnDroppedColumn(t *testing.T) {
	if err := rx.Register(&vdItem{}, &vdItemV3{}); err != nil {
		t.Fatal(err)
	}
	cfg := dialectConfig(t, "sqlite")
	initAndMigrate(t, cfg, &vdItem{})
	if _, err := openDB(t, cfg).Exec(ctx(t), "CREATE VIEW vd_notes AS SELECT id, note FROM vd_item"); err != nil {
		t.Fatal(err)
	}
	files := countFiles(t, cfg.MigrationsDir)
	_, err := migrate.New(cfg, renamed(t, &vdItemV3{}, "vd_item")).MakeMigrations(ctx(t), "no note")
	if want := "and view vd_notes name it"; !errors.Is(err, migrate.ErrDependentObjects) || !strings.Contains(err.Error(), want) {
		t.Fatalf("want %q, got %v", want, err)
	}
	if n := countFiles(t, cfg.MigrationsDir); n != files {
		t.Fatalf("a refused migration wrote files: %d -> %d", files, n)
	}
}
