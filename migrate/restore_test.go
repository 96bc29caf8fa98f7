package migrate_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type wideRow struct {
	rx.Model
	Keep  string
	Name  string
	Count int64
	On    bool
	Score float64
	At    time.Time
	Data  []byte
	Note  *string
	Meta  map[string]string `rx:"json"`
}

func (wideRow) TableName() string { return "wide_row_v1" }

type narrowRow struct {
	rx.Model
	Keep *string // loosened: the down file tightens it again
}

func (narrowRow) TableName() string { return "wide_row_v2" }

type goneRow struct {
	rx.Model
	Title string
}

func (goneRow) TableName() string { return "gone_row" }

// TestDownFileAppliesOnRows drops NOT NULL columns of every kind (and a
// table) from tables with rows, then runs the down file: it re-adds them
// with their type's zero value in the existing rows, and says in its
// DESTRUCTIVE lines that the data does not come back.
func TestDownFileAppliesOnRows(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1 := []any{renamed(t, wideRow{}, "wide_row"), goneRow{}}
		v2 := []any{renamed(t, narrowRow{}, "wide_row")}
		if _, err := migrate.New(cfg, v1...).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1...).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		db := openDB(t, cfg)
		if _, err := db.Exec(ctx(t), "INSERT INTO wide_row (keep, name, count, "+db.Dialect().Quote("on")+", score, at, data, meta) VALUES ('k1', 'n', 5, TRUE, 1.5, '2026-01-02 03:04:05', 'b', '{}')"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx(t), "INSERT INTO gone_row (title) VALUES ('t')"); err != nil {
			t.Fatal(err)
		}
		m2 := migrate.New(cfg, v2...)
		m2.Prune = true // gone_row has no model any more: drop it
		mig, err := m2.MakeMigrations(ctx(t), "narrow")
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			"-- DESTRUCTIVE: add column wide_row.name (", "its data cannot come back; existing rows get ''",
			"-- DESTRUCTIVE: add column wide_row.count (", "existing rows get 0",
			"-- DESTRUCTIVE: add column wide_row.note (", "existing rows get NULL",
			"-- DESTRUCTIVE: add table gone_row: re-creates the table empty",
			"-- WARNING: alter column wide_row.keep (nullable -> NOT NULL): rows holding NULL get ''",
		} {
			if !strings.Contains(mig.Down, want) {
				t.Fatalf("down file lacks %q:\n%s", want, mig.Down)
			}
		}
		if _, err := migrate.New(cfg, v2...).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		if _, err := openDB(t, cfg).Exec(ctx(t), "INSERT INTO wide_row (keep) VALUES (NULL)"); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1...).Downgrade(ctx(t), 1); err != nil {
			t.Fatalf("down file on a table with rows: %v\n%s", err, mig.Down)
		}
		noDrift(t, migrate.New(cfg, v1...), true)
		var keep, name string
		var count int64
		var on bool
		db = openDB(t, cfg)
		var got []string
		rows, err := db.SQL().QueryContext(ctx(t), "SELECT keep, name, count, "+db.Dialect().Quote("on")+" FROM wide_row ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := rows.Scan(&keep, &name, &count, &on); err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprintf("%q %q %d %v", keep, name, count, on))
		}
		if want := `"k1" "" 0 false|"" "" 0 false`; strings.Join(got, "|") != want || rows.Err() != nil {
			t.Fatalf("restored rows: %s, want %s (%v)", strings.Join(got, "|"), want, rows.Err())
		}
	})
}
