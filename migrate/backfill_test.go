package migrate_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type looseRow struct {
	rx.Model
	Name  *string `rx:"size=40"`
	Count *int32
	On    *bool
}

func (looseRow) TableName() string { return "loose_row_v1" }

type tightRow struct {
	rx.Model
	Name  string `rx:"size=40,default=''"`
	Count int32  `rx:"default=3"`
	On    bool   `rx:"default=TRUE"`
}

func (tightRow) TableName() string { return "loose_row_v2" }

// TestNotNullWithDefaultBackfills tightens nullable columns to NOT NULL
// with a default on a table whose rows hold NULL: the migration sets
// them to the default first (an UPDATE before MODIFY or SET NOT NULL;
// SQLite's rebuild copies with COALESCE), and the down file loosens them
// again.
func TestNotNullWithDefaultBackfills(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, v2 := renamed(t, looseRow{}, "loose_row"), renamed(t, tightRow{}, "loose_row")
		if _, err := migrate.New(cfg, v1).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		db := openDB(t, cfg)
		if _, err := db.Exec(ctx(t), "INSERT INTO loose_row (name, count, "+db.Dialect().Quote("on")+") VALUES (NULL, NULL, NULL), ('kept', 9, FALSE)"); err != nil {
			t.Fatal(err)
		}
		mig, err := migrate.New(cfg, v2).MakeMigrations(ctx(t), "tighten")
		if err != nil {
			t.Fatal(err)
		}
		if w := mig.Diff.Warnings(); len(w) != 0 {
			t.Errorf("tightening with a default warned: %v", w)
		}
		if _, err := migrate.New(cfg, v2).Migrate(ctx(t)); err != nil {
			t.Fatalf("%v\n%s", err, mig.Up)
		}
		noDrift(t, migrate.New(cfg, v2))
		got := looseRows(t, cfg)
		if got != "|3|true;kept|9|false" {
			t.Fatalf("rows after tightening: %s\n%s", got, mig.Up)
		}
		if _, err := migrate.New(cfg, v1).Downgrade(ctx(t), 1); err != nil {
			t.Fatal(err)
		}
		noDrift(t, migrate.New(cfg, v1), true)
		if got := looseRows(t, cfg); got != "|3|true;kept|9|false" {
			t.Fatalf("rows after the down file: %s", got)
		}
	})
}

func looseRows(t *testing.T, cfg rx.Config) string {
	t.Helper()
	db := openDB(t, cfg)
	rows, err := db.SQL().QueryContext(ctx(t), "SELECT name, count, "+db.Dialect().Quote("on")+" FROM loose_row ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name sql.NullString
		var count sql.NullInt64
		var on sql.NullBool
		if err := rows.Scan(&name, &count, &on); err != nil {
			t.Fatal(err)
		}
		out = append(out, name.String+"|"+fmtNull(count.Valid, count.Int64)+"|"+fmtNull(on.Valid, on.Bool))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, ";")
}

func fmtNull[T any](valid bool, v T) string {
	if !valid {
		return "NULL"
	}
	return fmt.Sprint(v)
}
