package sqlitemigrate

import (
	"strings"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/migrate"
)

// withConstraints adds to the new table's CREATE TABLE (which
// dialect.CreateTableSQL ends with "\n)") the CHECKs it keeps and the
// UNIQUE constraints among its indexes: SQLite names the index of a
// UNIQUE constraint sqlite_autoindex_<table>_<n> and refuses CREATE INDEX
// under that name, so the constraint is declared again instead.
func withConstraints(d dialect.Dialect, create string, deps *migrate.Dependents, indexes []*migrate.Index) string {
	var extra []string
	if deps != nil {
		extra = append(extra, deps.Checks...)
	}
	for _, ix := range indexes {
		if autoIndex(ix) {
			cols := make([]string, len(ix.Columns))
			for i, c := range ix.Columns {
				cols[i] = d.Quote(c)
			}
			extra = append(extra, "UNIQUE ("+strings.Join(cols, ", ")+")")
		}
	}
	if len(extra) == 0 {
		return create
	}
	return strings.TrimSuffix(create, "\n)") + ",\n\t" + strings.Join(extra, ",\n\t") + "\n)"
}

// autoIndex reports whether ix is the index SQLite made for a UNIQUE
// constraint of the table.
func autoIndex(ix *migrate.Index) bool {
	return strings.HasPrefix(ix.Name, "sqlite_autoindex_")
}
