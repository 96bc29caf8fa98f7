package migrate_test

import (
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type dcPair struct {
	rx.Model
	A string
	B string
}

func (dcPair) TableName() string { return "dc_pair" }

// dcPairV2 changes a column's type: SQLite rebuilds the table.
type dcPairV2 struct {
	rx.Model
	A string
	B string `rx:"size=10"`
}

func (dcPairV2) TableName() string { return "dc_pair_v2" }

// TestSQLiteUniqueConstraint: a SQLite UNIQUE table constraint has an
// index SQLite names itself (sqlite_autoindex_<table>_N), which no
// CREATE INDEX may use and no DROP INDEX may drop. Undeclared, it is
// reported, kept through a table rebuild as a UNIQUE constraint, and
// -prune's rebuild drops it while its down file's rebuild restores it.
// (SQLite only: the other databases name such indexes like any other.)
func TestSQLiteUniqueConstraint(t *testing.T) {
	if err := rx.Register(&dcPair{}, &dcPairV2{}); err != nil {
		t.Fatal(err)
	}
	cfg := rx.Config{DBURL: rxtest.FreshURL(t, "sqlite"), IgnoreEnv: true, MigrationsDir: t.TempDir()}
	db := openDB(t, cfg)
	execAll(t, db, `CREATE TABLE dc_pair (id INTEGER NOT NULL PRIMARY KEY, a TEXT NOT NULL, b TEXT NOT NULL, UNIQUE (a, b))`,
		"INSERT INTO dc_pair (a, b) VALUES ('x', 'y')")
	before := liveSchema(t, cfg)
	m := migrate.New(cfg, &dcPair{})
	if mig, err := m.Init(ctx(t), ""); err != nil || !mig.Baselined {
		t.Fatalf("init: %v", err)
	}
	if st, err := m.Status(ctx(t)); err != nil || !strings.Contains(st.String(), "unmanaged index dc_pair.sqlite_autoindex_dc_pair_1 (unique a, b)") {
		t.Fatalf("status: %v\n%s", err, st)
	}
	pm := migrate.New(cfg, &dcPair{})
	pm.Prune, pm.NoReplay = true, true
	pruned, err := pm.MakeMigrations(ctx(t), "prune")
	if err != nil || !strings.Contains(pruned.Up, "-- DESTRUCTIVE: drop index dc_pair.sqlite_autoindex_dc_pair_1") {
		t.Fatalf("prune: %v\n%s", err, pruned.Up)
	}
	if _, err := pm.Migrate(ctx(t)); err != nil {
		t.Fatalf("migrate the prune: %v\n%s", err, pruned.Up)
	}
	if _, err := pm.Downgrade(ctx(t), 1); err != nil {
		t.Fatalf("down: %v\n%s", err, pruned.Down)
	}
	if after := liveSchema(t, cfg); !sameSchema(before, after) {
		t.Fatalf("down did not restore the table:\n%s\n%s\n%s", dump(before), dump(after), pruned.Down)
	}
	removeFiles(t, pruned.Paths)

	m2 := migrate.New(cfg, renamed(t, &dcPairV2{}, "dc_pair"))
	mig, err := m2.MakeMigrations(ctx(t), "size b")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m2.Migrate(ctx(t)); err != nil {
		t.Fatalf("migrate the rebuild: %v\n%s", err, mig.Up)
	}
	if _, err := db.Exec(ctx(t), "INSERT INTO dc_pair (a, b) VALUES ('x', 'y')"); err == nil {
		t.Fatalf("the rebuild lost the UNIQUE constraint:\n%s", mig.Up)
	}
	if err := m2.Check(ctx(t)); err != nil {
		t.Fatalf("check: %v", err)
	}
}
