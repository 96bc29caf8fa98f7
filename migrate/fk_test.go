package migrate_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type fkmParent struct {
	rx.Model
	Name string
}

func (fkmParent) TableName() string { return "fkm_parent" }

// fkmParentV3 changes the name's type, which SQLite makes by rebuilding
// the table that children reference.
type fkmParentV3 struct {
	rx.Model
	Name string `rx:"size=40"`
}

func (fkmParentV3) TableName() string { return "fkm_parent_v3" }

type fkmChild struct {
	rx.Model
	ParentID int64
	Note     string
}

func (fkmChild) TableName() string { return "fkm_child" }

// fkmChildV2 is fkmChild with a foreign key on the column it had.
type fkmChildV2 struct {
	rx.Model
	ParentID int64 `rx:"fk=fkm_parent.id,ondelete=cascade"`
	Note     string
}

func (fkmChildV2) TableName() string { return "fkm_child_v2" }

// TestForeignKeyMigrations: a foreign key added to a column with rows is
// written (ALTER TABLE ADD CONSTRAINT, or SQLite's rebuild), seen by
// check before and not after, enforced once applied, survives a rebuild
// of the table it references without losing rows, and is dropped by the
// down file.
func TestForeignKeyMigrations(t *testing.T) {
	if err := rx.Register(&fkmParent{}, &fkmChild{}, &fkmChildV2{}, &fkmParentV3{}); err != nil {
		t.Fatal(err)
	}
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1 := []any{&fkmParent{}, &fkmChild{}}
		v2 := []any{&fkmParent{}, renamed(t, &fkmChildV2{}, "fkm_child")}
		v3 := []any{renamed(t, &fkmParentV3{}, "fkm_parent"), renamed(t, &fkmChildV2{}, "fkm_child")}
		if _, err := migrate.New(cfg, v1...).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1...).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		db := openDB(t, cfg)
		if _, err := db.Exec(ctx(t), "INSERT INTO fkm_parent (name) VALUES ('p')"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx(t), "INSERT INTO fkm_child (parent_id, note) VALUES (1, 'a'), (1, 'b')"); err != nil {
			t.Fatal(err)
		}
		countChildren := func() int64 {
			t.Helper()
			var n int64
			rows, err := db.Query(ctx(t), "SELECT COUNT(*) FROM fkm_child")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			rows.Next()
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}

		// Check sees the missing foreign key.
		var out strings.Builder
		err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "check"}, v2...)
		if !errors.Is(err, migrate.ErrCheckFailed) || !strings.Contains(err.Error(), "add foreign key fkm_child.fk_fkm_child_parent_id (parent_id -> fkm_parent.id on delete cascade)") {
			t.Fatalf("check without the foreign key: %v", err)
		}
		m2 := migrate.New(cfg, v2...)
		mig, err := m2.MakeMigrations(ctx(t), "child fk")
		if err != nil {
			t.Fatal(err)
		}
		q := db.Dialect().Quote
		if !strings.Contains(mig.Up, "CONSTRAINT "+q("fk_fkm_child_parent_id")+" FOREIGN KEY ("+q("parent_id")+") REFERENCES "+q("fkm_parent")+" ("+q("id")+") ON DELETE CASCADE") {
			t.Fatalf("up file:\n%s", mig.Up)
		}
		if !strings.Contains(mig.Down, "drop foreign key fkm_child") {
			t.Fatalf("down file does not drop the key:\n%s", mig.Down)
		}
		if _, err := m2.Migrate(ctx(t)); err != nil {
			t.Fatalf("migrate: %v\n%s", err, mig.Up)
		}
		noDrift(t, m2)
		if n := countChildren(); n != 2 {
			t.Fatalf("%d children after adding the key, want 2", n)
		}
		if _, err := db.Exec(ctx(t), "INSERT INTO fkm_child (parent_id, note) VALUES (99, 'orphan')"); !errors.Is(err, rx.ErrForeignKeyViolation) {
			t.Fatalf("orphan after the migration: %v", err)
		}

		// Rebuilding the referenced table keeps the children (on SQLite a
		// DROP TABLE of the parent would cascade).
		m3 := migrate.New(cfg, v3...)
		if _, err := m3.MakeMigrations(ctx(t), "parent name size"); err != nil {
			t.Fatal(err)
		}
		if _, err := m3.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		noDrift(t, m3)
		if n := countChildren(); n != 2 {
			t.Fatalf("%d children after changing the parent table, want 2", n)
		}

		// Down to v1: the key goes, the rows stay.
		if _, err := m3.Downgrade(ctx(t), 1); err != nil {
			t.Fatal(err)
		}
		if _, err := m2.Downgrade(ctx(t), 1); err != nil {
			t.Fatal(err)
		}
		noDrift(t, migrate.New(cfg, v1...), true)
		if n := countChildren(); n != 2 {
			t.Fatalf("%d children after the downgrade, want 2", n)
		}
		if _, err := db.Exec(ctx(t), "INSERT INTO fkm_child (parent_id, note) VALUES (99, 'orphan')"); err != nil {
			t.Fatalf("the key is still there after the downgrade: %v", err)
		}
	})
}

// TestNewTablesInReferenceOrder: the first migration creates referenced
// tables first, whatever their names' order.
func TestNewTablesInReferenceOrder(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		models := []any{renamed(t, &fkmChildV2{}, "fkm_child"), &fkmParent{}}
		m := migrate.New(cfg, models...)
		mig, err := m.Init(ctx(t), "")
		if err != nil {
			t.Fatal(err)
		}
		if strings.Index(mig.Up, "add table fkm_parent") > strings.Index(mig.Up, "add table fkm_child") {
			t.Fatalf("child created before its parent:\n%s", mig.Up)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatalf("migrate: %v\n%s", err, mig.Up)
		}
		noDrift(t, m)
		if _, err := m.Downgrade(ctx(t), 1); err != nil {
			t.Fatalf("downgrade drops children first: %v\n%s", err, mig.Down)
		}
	})
}

// TestForeignKeyOverOrphansFails: adding a foreign key to a column whose
// rows point at nothing fails on every database, SQLite included (its
// rebuild runs with foreign keys off, then checks them).
func TestForeignKeyOverOrphansFails(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1 := []any{&fkmParent{}, &fkmChild{}}
		if _, err := migrate.New(cfg, v1...).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1...).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		db := openDB(t, cfg)
		if _, err := db.Exec(ctx(t), "INSERT INTO fkm_child (parent_id, note) VALUES (99, 'orphan')"); err != nil {
			t.Fatal(err)
		}
		m2 := migrate.New(cfg, &fkmParent{}, renamed(t, &fkmChildV2{}, "fkm_child"))
		if _, err := m2.MakeMigrations(ctx(t), "child fk"); err != nil {
			t.Fatal(err)
		}
		_, err := m2.Migrate(ctx(t))
		if err == nil {
			t.Fatal("a foreign key over an orphan row was applied")
		}
		if db.Dialect().Name() == "sqlite" && !strings.Contains(err.Error(), "leaves rows of fkm_child pointing at missing fkm_parent rows") {
			t.Errorf("SQLite's error: %v", err)
		}
	})
}
