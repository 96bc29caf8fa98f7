package migrate_test

import (
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type renItem struct {
	rx.Model
	Name string `rx:"size=40,index"`
	Qty  int32
	Note *string
}

func (renItem) TableName() string { return "ren_item" }

// renProduct is renItem renamed: the table (WasTable), name -> title,
// qty -> amount (also widened to BIGINT).
type renProduct struct {
	rx.Model
	Title  string `rx:"size=40,index,was=name"`
	Amount int64  `rx:"was=qty"`
	Note   *string
}

func (renProduct) TableName() string  { return "ren_product" }
func (renProduct) WasTable() []string { return []string{"ren_item"} }

// TestRenames: a renamed table and renamed columns are written as
// RENAME (up and down), keep their rows, and leave no drift.
func TestRenames(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		if _, err := migrate.New(cfg, renItem{}).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, renItem{}).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		db := openDB(t, cfg)
		if _, err := db.Exec(ctx(t), "INSERT INTO ren_item (name, qty, note) VALUES ('ann', 3, 'x'), ('bob', 4, NULL)"); err != nil {
			t.Fatal(err)
		}
		v1 := liveSchema(t, cfg)
		m := migrate.New(cfg, renProduct{})
		mig, err := m.MakeMigrations(ctx(t), "rename")
		if err != nil {
			t.Fatal(err)
		}
		q := db.Dialect().Quote
		for _, want := range []string{
			"ALTER TABLE " + q("ren_item") + " RENAME TO " + q("ren_product"),
			"RENAME COLUMN " + q("name") + " TO " + q("title"),
			"RENAME COLUMN " + q("qty") + " TO " + q("amount"),
			"-- rename table ren_product (was ren_item)",
		} {
			if !strings.Contains(mig.Up, want) {
				t.Fatalf("up file lacks %q:\n%s", want, mig.Up)
			}
		}
		for _, want := range []string{
			"ALTER TABLE " + q("ren_product") + " RENAME TO " + q("ren_item"),
			"RENAME COLUMN " + q("title") + " TO " + q("name"),
			"RENAME COLUMN " + q("amount") + " TO " + q("qty"),
		} {
			if !strings.Contains(mig.Down, want) {
				t.Fatalf("down file lacks %q:\n%s", want, mig.Down)
			}
		}
		if strings.Contains(mig.Up+mig.Down, "DROP COLUMN") || strings.Contains(mig.Up+mig.Down, "DROP TABLE "+q("ren")) || len(mig.Diff.Warnings()) != 0 {
			t.Fatalf("a rename was written as drop and add:\n%s\n%s", mig.Up, mig.Down)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatalf("%v\n%s", err, mig.Up)
		}
		noDrift(t, m)
		if db.Dialect().Name() == "postgres" { // the key's constraint follows the table's name
			var n int
			if err := openDB(t, cfg).SQL().QueryRowContext(ctx(t), "SELECT count(*) FROM pg_constraint WHERE conname = 'ren_product_pkey'").Scan(&n); err != nil || n != 1 {
				t.Fatalf("ren_product_pkey: %d %v\n%s", n, err, mig.Up)
			}
		}
		rows := func(query string) string {
			t.Helper()
			r, err := openDB(t, cfg).SQL().QueryContext(ctx(t), query)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var out []string
			for r.Next() {
				var s string
				var n int64
				if err := r.Scan(&s, &n); err != nil {
					t.Fatal(err)
				}
				out = append(out, s+"="+strings.Repeat("|", int(n)))
			}
			return strings.Join(out, ",")
		}
		const want = "ann=|||,bob=||||"
		if got := rows("SELECT title, amount FROM ren_product ORDER BY id"); got != want {
			t.Fatalf("rows after the rename: %s", got)
		}
		if _, err := migrate.New(cfg, renItem{}).Downgrade(ctx(t), 1); err != nil {
			t.Fatalf("%v\n%s", err, mig.Down)
		}
		noDrift(t, migrate.New(cfg, renItem{}), true)
		if got := liveSchema(t, cfg); !sameSchema(got, v1) {
			t.Fatalf("after the down file:\n%s\nwant\n%s", dump(got), dump(v1))
		}
		if got := rows("SELECT name, qty FROM ren_item ORDER BY id"); got != want {
			t.Fatalf("rows after the down file: %s", got)
		}
	})
}
