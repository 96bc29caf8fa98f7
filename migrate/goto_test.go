package migrate_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

// TestGotoAndDowngradeAll writes three versions, then moves between them
// with `db goto` (down two, up one, up to the newest) and empties the
// schema with `db downgrade all`, checking the schema at each stop.
func TestGotoAndDowngradeAll(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, v2 := items(t)
		v3 := renamed(t, warnItemV3{}, "ops_item")
		var versions []string
		for i, model := range []*schema.Table{v1, v2, v3} {
			m := migrate.New(cfg, model)
			var mig *migrate.Migration
			var err error
			if i == 0 {
				mig, err = m.Init(ctx(t), "")
			} else {
				mig, err = m.MakeMigrations(ctx(t), "v"+strconv.Itoa(i+1))
			}
			if err != nil {
				t.Fatal(err)
			}
			versions = append(versions, strconv.FormatUint(uint64(mig.File.Version), 10))
			if _, err := m.Migrate(ctx(t)); err != nil {
				t.Fatal(err)
			}
		}
		run := func(model *schema.Table, args ...string) string {
			t.Helper()
			var out bytes.Buffer
			if err := migrate.RunTo(ctx(t), &out, cfg, append([]string{"db"}, args...), model); err != nil {
				t.Fatalf("db %s: %v\n%s", strings.Join(args, " "), err, out.String())
			}
			return out.String()
		}
		at := func(model *schema.Table, version string) {
			t.Helper()
			st, err := migrate.New(cfg, model).Status(ctx(t))
			if err != nil || !st.Drift.Empty() || strconv.FormatUint(uint64(st.Version), 10) != version {
				t.Fatalf("want version %s: %v\n%v", version, err, st)
			}
		}
		if out := run(v1, "goto", versions[0]); strings.Count(out, "undid ") != 2 {
			t.Fatalf("goto v1 from v3:\n%s", out)
		}
		at(v1, versions[0])
		if out := run(v2, "goto", versions[1]); strings.Count(out, "applied ") != 1 {
			t.Fatalf("goto v2 from v1:\n%s", out)
		}
		at(v2, versions[1])
		if out := run(v2, "goto", versions[1]); !strings.Contains(out, "Already at version") {
			t.Fatalf("goto the current version:\n%s", out)
		}
		run(v3, "goto", versions[2])
		at(v3, versions[2])
		if out := run(v3, "downgrade", "all"); strings.Count(out, "undid ") != 3 {
			t.Fatalf("downgrade all:\n%s", out)
		}
		if s := liveSchema(t, cfg); len(s.Tables) != 0 {
			t.Fatalf("downgrade all left tables:\n%s", dump(s))
		}
		var out bytes.Buffer
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "goto", "123"}, v1); err == nil || !strings.Contains(err.Error(), "version 123 is not in") {
			t.Fatalf("goto an unknown version: %v", err)
		}
	})
}
