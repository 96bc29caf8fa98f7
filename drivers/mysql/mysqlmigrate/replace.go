package mysqlmigrate

import (
	"strings"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/migrate"
)

// replacedIndexes splits diff's added indexes into those created by
// CREATE INDEX and the replacements of a dropped index of the same name
// (its columns or uniqueness change), each rendered as one ALTER TABLE
// that drops the old index and adds the new: MySQL checks a foreign key's
// need of an index at the end of a statement, so the key is never left
// without one (Error 1553), and the name is free when the new index is
// added (Error 1061 otherwise).
func replacedIndexes(d dialect.Dialect, diff *migrate.TableDiff) (adds []*migrate.Index, replace []string) {
	for _, ix := range diff.AddIndexes {
		old := firstOf(diff.DropIndexes, sameName(ix))
		if old == nil {
			adds = append(adds, ix)
			continue
		}
		cols := make([]string, len(ix.Columns))
		for i, c := range ix.Columns {
			cols[i] = d.Quote(c)
		}
		kind := "INDEX "
		if ix.Unique {
			kind = "UNIQUE INDEX "
		}
		replace = append(replace, "ALTER TABLE "+d.Quote(diff.To.Name)+" DROP INDEX "+d.Quote(old.Name)+", ADD "+kind+d.Quote(ix.Name)+" ("+strings.Join(cols, ", ")+")")
	}
	return adds, replace
}

func sameName(ix *migrate.Index) func(*migrate.Index) bool {
	return func(o *migrate.Index) bool { return strings.EqualFold(o.Name, ix.Name) }
}

func firstOf(list []*migrate.Index, f func(*migrate.Index) bool) *migrate.Index {
	for _, ix := range list {
		if f(ix) {
			return ix
		}
	}
	return nil
}
