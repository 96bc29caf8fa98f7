package migrate_test

import (
	"path/filepath"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// roundTrip runs every down file m has pending: it applies the pending
// migrations, undoes them, and applies them again, failing unless the
// live schema after the undo is the schema before, and after the second
// apply the schema of the first. objects, when given, reads what
// migrate.Schema does not hold (views, triggers, CHECKs) for the same
// comparison. It returns the live schema after the last apply.
func roundTrip(t *testing.T, m *migrate.Migrator, cfg rx.Config, objects func() string) *migrate.Schema {
	t.Helper()
	snap := func() (*migrate.Schema, string) {
		s, o := liveSchema(t, cfg), ""
		if objects != nil {
			o = objects()
		}
		return s, o
	}
	start, startObj := snap()
	steps, err := m.Migrate(ctx(t))
	if err != nil {
		t.Fatalf("up: %v", err)
	}
	if len(steps) == 0 {
		t.Fatal("roundTrip: nothing pending")
	}
	up, upObj := snap()
	if _, err := m.Downgrade(ctx(t), len(steps)); err != nil {
		t.Fatalf("down: %v", err)
	}
	if down, downObj := snap(); !sameSchema(start, down) || downObj != startObj {
		t.Fatalf("the down files did not restore the schema:\nbefore:\n%s%s\nafter down:\n%s%s", dump(start), startObj, dump(down), downObj)
	}
	if _, err := m.Migrate(ctx(t)); err != nil {
		t.Fatalf("up again: %v", err)
	}
	again, againObj := snap()
	if !sameSchema(up, again) || againObj != upObj {
		t.Fatalf("up, down, up differs from up:\nup:\n%s%s\nagain:\n%s%s", dump(up), upObj, dump(again), againObj)
	}
	return again
}

// dialectConfig is eachDialect's configuration for one dialect, for a
// behaviour only that database has; the test runs in parallel.
func dialectConfig(t *testing.T, d string) rx.Config {
	t.Helper()
	t.Parallel()
	return rx.Config{DBURL: rxtest.FreshURL(t, d), IgnoreEnv: true, MigrationsDir: filepath.Join(t.TempDir(), "migrations")}
}

// initAndMigrate writes the first migration of models and applies it.
func initAndMigrate(t *testing.T, cfg rx.Config, models ...any) *migrate.Migrator {
	t.Helper()
	m := migrate.New(cfg, models...)
	if _, err := m.Init(ctx(t), ""); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Migrate(ctx(t)); err != nil {
		t.Fatal(err)
	}
	return m
}
