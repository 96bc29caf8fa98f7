package migrate_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type floatItem struct {
	rx.Model
	F float32
}

func (floatItem) TableName() string { return "float_item" }

// rx maps float32 to DOUBLE on MySQL and MariaDB (a FLOAT reads back
// with 6 significant digits): a float32 column an earlier version made
// as FLOAT gets a migration to DOUBLE, which keeps every value, and
// after it the value the float32 held reads back exactly. The other
// databases' float32 type (REAL) is unchanged, so nothing is proposed.
func TestFloat32FloatColumnMigratesToDouble(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		m := migrate.New(cfg, floatItem{})
		if _, err := m.Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		db := openDB(t, cfg)
		mysql := db.Dialect().Name() == "mysql"
		if mysql { // the column as rx made it before float32 became DOUBLE
			if _, err := db.Exec(ctx(t), "ALTER TABLE float_item MODIFY COLUMN f FLOAT NOT NULL"); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Insert(ctx(t), &floatItem{F: 16777215}); err != nil {
			t.Fatal(err)
		}
		mig, err := m.MakeMigrations(ctx(t), "float32 as double")
		if err != nil {
			t.Fatal(err)
		}
		if !mysql {
			if !mig.Diff.Empty() {
				t.Fatalf("a float32 column on %s changes: %s", db.Dialect().Name(), mig.Up)
			}
			return
		}
		if !strings.Contains(mig.Up, "MODIFY COLUMN `f` DOUBLE NOT NULL") || len(mig.Diff.Warnings()) != 0 {
			t.Fatalf("migration of a FLOAT column: warnings %v\n%s", mig.Diff.Warnings(), mig.Up)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		noDrift(t, m)
		// 16777215 was stored as FLOAT (single precision, exact) and reads
		// exactly once the column is DOUBLE.
		got, err := rx.Select[floatItem](db).First(context.Background())
		if err != nil || got.F != 16777215 {
			t.Fatalf("read %v, %v; want 16777215", got, err)
		}
	})
}
