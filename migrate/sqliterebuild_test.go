package migrate_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type srItem struct {
	rx.Model
	Name string
	Qty  int64
	Note string
}

func (srItem) TableName() string { return "sr_item" }

// srItemV2 changes the name's type and drops the note: SQLite rebuilds
// the table.
type srItemV2 struct {
	rx.Model
	Name string `rx:"size=40"`
	Qty  int64
}

func (srItemV2) TableName() string { return "sr_item_v2" }

// The objects the rebuild must keep, as a database rx did not create
// has them: two views (one on the other), a trigger on the table, one on
// another table whose body names it, and CHECKs (a column's, a named
// table constraint, and one on the dropped column, which goes).
var srObjects = []string{
	`CREATE TABLE sr_log (item_id INTEGER, what TEXT)`,
	`CREATE VIEW sr_big AS SELECT id, name FROM sr_item WHERE qty > 10`,
	`CREATE VIEW sr_big_names AS SELECT name FROM sr_big`,
	`CREATE TRIGGER sr_item_ins AFTER INSERT ON sr_item BEGIN INSERT INTO sr_log (item_id, what) VALUES (NEW.id, 'insert'); END`,
	`CREATE TRIGGER sr_log_del BEFORE DELETE ON sr_log BEGIN UPDATE sr_item SET qty = qty + 1 WHERE id = OLD.item_id; END`,
}

var srChecks = []string{"CHECK (qty >= 0)", "CONSTRAINT ck_name CHECK (length(name) > 0)", "CHECK (note <> 'x')"}

// srState is what migrate.Schema does not hold: the views' and
// triggers' definitions and which CHECKs the table has.
func srState(t *testing.T, db *rx.DB) func() string {
	return func() string {
		rows, err := db.Query(ctx(t), "SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'sr%' ORDER BY type, name")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			var typ, name, sql string
			if err := rows.Scan(&typ, &name, &sql); err != nil {
				t.Fatal(err)
			}
			if typ == "table" && name == "sr_item" {
				// The rebuilt table's DDL quotes the CHECK's name: compare
				// without identifier quotes.
				unquoted := strings.ReplaceAll(sql, `"`, "")
				for _, ck := range srChecks {
					fmt.Fprintf(&b, "%s has %q: %v\n", name, ck, strings.Contains(unquoted, ck))
				}
				continue
			}
			fmt.Fprintf(&b, "%s %s: %s\n", typ, name, sql)
		}
		return b.String()
	}
}

// TestSQLiteRebuildKeepsViewsTriggersChecks: a change SQLite makes by
// rebuilding the table follows its documented procedure: the views and
// triggers that refer to the table are saved, dropped and created again,
// the table's CHECKs are kept (the one on a dropped column is named
// DESTRUCTIVE in the file), and the down file restores it all. SQLite
// only: MySQL and PostgreSQL alter the table in place.
func TestSQLiteRebuildKeepsViewsTriggersChecks(t *testing.T) {
	if err := rx.Register(&srItem{}, &srItemV2{}); err != nil {
		t.Fatal(err)
	}
	cfg := dialectConfig(t, "sqlite")
	db := openDB(t, cfg)
	create := db.CreateTableSQL(renamed(t, &srItem{}, "sr_item"))[0]
	create = strings.Replace(create, `"qty" INTEGER NOT NULL`, `"qty" INTEGER NOT NULL `+srChecks[0], 1)
	create = strings.TrimSuffix(create, "\n)") + ",\n\t" + srChecks[1] + ",\n\t" + srChecks[2] + "\n)"
	for _, s := range append([]string{create}, srObjects...) {
		if _, err := db.Exec(ctx(t), s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
	if mig, err := migrate.New(cfg, &srItem{}).Init(ctx(t), ""); err != nil || !mig.Baselined {
		t.Fatalf("init: %v", err)
	}
	m := migrate.New(cfg, renamed(t, &srItemV2{}, "sr_item"))
	mig, err := m.MakeMigrations(ctx(t), "name size")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(mig.Up, "-- DESTRUCTIVE: the change cannot keep "+srChecks[2]) {
		t.Fatalf("up file does not name the lost CHECK:\n%s", mig.Up)
	}
	roundTrip(t, m, cfg, srState(t, db))
	after := srState(t, db)()
	for _, want := range append(srObjects[1:], fmt.Sprintf("sr_item has %q: true", srChecks[0]), fmt.Sprintf("sr_item has %q: true", srChecks[1])) {
		if !strings.Contains(after, want) {
			t.Fatalf("after the rebuild, sqlite_master lacks %q:\n%s", want, after)
		}
	}
	if _, err := db.Exec(ctx(t), "INSERT INTO sr_item (name, qty) VALUES ('a', -1)"); err == nil || !strings.Contains(err.Error(), "CHECK") {
		t.Fatalf("the CHECK on qty is not enforced: %v", err)
	}
}
