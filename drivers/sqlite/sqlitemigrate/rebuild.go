package sqlitemigrate

import (
	"strings"

	"github.com/rxgo/rxdb/migrate"
)

// withChecks adds the kept CHECK constraints to the new table's CREATE
// TABLE, which dialect.CreateTableSQL ends with "\n)".
func withChecks(create string, deps *migrate.Dependents) string {
	if deps == nil || len(deps.Checks) == 0 {
		return create
	}
	body := strings.TrimSuffix(create, "\n)")
	return body + ",\n\t" + strings.Join(deps.Checks, ",\n\t") + "\n)"
}
