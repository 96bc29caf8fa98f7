package sqlitemigrate

import (
	"slices"
	"strings"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/migrate"
)

// saveDependents is the start of a rebuild's documented procedure beyond
// create-copy-drop-rename: the CHECKs it cannot keep are named
// DESTRUCTIVE, and the views and triggers that refer to the table are
// dropped (newest first), since SQLite refuses the final rename while
// one of them names a missing table. Their definitions were read when
// the migration was written (Driver.Dependents); restoreDependents
// creates them again.
func saveDependents(d dialect.Dialect, deps *migrate.Dependents) []string {
	if deps == nil {
		return nil
	}
	var out []string
	for _, lost := range deps.Lost {
		out = append(out, "-- DESTRUCTIVE: the rebuilt table cannot keep "+oneLine(lost))
	}
	for _, o := range slices.Backward(deps.Objects) {
		out = append(out, "DROP "+strings.ToUpper(o.Kind)+" IF EXISTS "+d.Quote(o.Name))
	}
	return out
}

// restoreDependents creates the saved views and triggers again, in their
// creation order, after the indexes. PRAGMA foreign_key_check, the
// procedure's last step, runs when the migration ends (fkSafeDriver).
func restoreDependents(deps *migrate.Dependents) []string {
	if deps == nil {
		return nil
	}
	out := make([]string, len(deps.Objects))
	for i, o := range deps.Objects {
		out[i] = o.SQL
	}
	return out
}

// withChecks adds the kept CHECK constraints to the new table's CREATE
// TABLE, which dialect.CreateTableSQL ends with "\n)".
func withChecks(create string, deps *migrate.Dependents) string {
	if deps == nil || len(deps.Checks) == 0 {
		return create
	}
	body := strings.TrimSuffix(create, "\n)")
	return body + ",\n\t" + strings.Join(deps.Checks, ",\n\t") + "\n)"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
