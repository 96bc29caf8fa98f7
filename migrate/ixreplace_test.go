package migrate_test

import (
	"strings"
	"testing"

	"github.com/rxgo/rxdb/rx"
)

type ixrParent struct {
	rx.Model
	Name string
}

func (ixrParent) TableName() string { return "ixr_parent" }

type ixrChild struct {
	rx.Model
	ParentID int64 `rx:"fk=ixr_parent.id"`
}

func (ixrChild) TableName() string { return "ixr_child" }

// TestReplaceIndexAForeignKeyNeeds: the index a foreign key uses is
// replaced by another of the same name (here unique by hand, plain in
// the model): on MySQL the drop and the add are one statement, since
// dropping first leaves the key without an index (Error 1553) and adding
// first collides with the name (Error 1061). Up and down files apply.
func TestReplaceIndexAForeignKeyNeeds(t *testing.T) {
	if err := rx.Register(&ixrParent{}, &ixrChild{}); err != nil {
		t.Fatal(err)
	}
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		m := initAndMigrate(t, cfg, &ixrParent{}, &ixrChild{})
		db := openDB(t, cfg)
		q := db.Dialect().Quote
		ix, tbl := q("ix_ixr_child_parent_id"), q("ixr_child")
		swap := []string{"DROP INDEX " + ix, "CREATE UNIQUE INDEX " + ix + " ON " + tbl + " (" + q("parent_id") + ")"}
		if db.Dialect().Name() == "mysql" {
			swap = []string{"ALTER TABLE " + tbl + " DROP INDEX " + ix + ", ADD UNIQUE INDEX " + ix + " (" + q("parent_id") + ")"}
		}
		for _, s := range swap {
			if _, err := db.Exec(ctx(t), s); err != nil {
				t.Fatal(err)
			}
		}
		m.Prune = true
		mig, err := m.MakeMigrations(ctx(t), "plain fk index")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(mig.Up, "drop index ixr_child.ix_ixr_child_parent_id") {
			t.Fatalf("up file:\n%s", mig.Up)
		}
		live := roundTrip(t, m, cfg, nil)
		if c := live.Table("ixr_child"); len(c.Indexes) != 1 || c.Indexes[0].Unique || len(c.ForeignKeys) != 1 {
			t.Fatalf("after the replacement:\n%s", dump(live))
		}
	})
}
