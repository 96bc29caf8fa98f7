package migrate_test

import (
	"strings"
	"testing"

	"github.com/rxgo/rxdb/rx"
)

type klKeep struct {
	rx.Model
	Name string
}

func (klKeep) TableName() string { return "kl_keep" }

// TestKeylessTableDownFile: pruning a table without a primary key (one
// rx did not create) writes a down file that re-creates it without a
// "PRIMARY KEY ()" clause, and the down file applies.
func TestKeylessTableDownFile(t *testing.T) {
	if err := rx.Register(&klKeep{}); err != nil {
		t.Fatal(err)
	}
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		m := initAndMigrate(t, cfg, &klKeep{})
		db := openDB(t, cfg)
		if _, err := db.Exec(ctx(t), "CREATE TABLE kl_log (msg VARCHAR(100), n INT NOT NULL)"); err != nil {
			t.Fatal(err)
		}
		m.Prune = true
		mig, err := m.MakeMigrations(ctx(t), "prune log")
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(mig.Down, "PRIMARY KEY ()") || !strings.Contains(mig.Down, "kl_log") {
			t.Fatalf("down file:\n%s", mig.Down)
		}
		roundTrip(t, m, cfg, nil)
	})
}
