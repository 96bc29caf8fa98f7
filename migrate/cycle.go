package migrate

import (
	"slices"

	"github.com/rxgo/rxdb/dialect"
)

// deferredKey is a foreign key of a new table that references a table
// created after it: tables whose keys form a cycle (store -> staff ->
// store) have no creation order, so MySQL and PostgreSQL get the key by
// ALTER TABLE once both exist, and lose it first when both are dropped.
type deferredKey struct {
	table *Table
	fk    *ForeignKey
}

// splitCycles returns tables (in creation order) without the foreign keys
// that reference a table created later among them, and those keys; a key
// to the table itself stays inline. On a dialect.ForwardReferencer
// dialect (SQLite) nothing is split.
func splitCycles(d dialect.Dialect, tables []*Table) ([]*Table, []deferredKey) {
	if dialect.ForwardReferences(d) {
		return tables, nil
	}
	pos := map[string]int{}
	for i, t := range tables {
		pos[t.Name] = i
	}
	out := make([]*Table, len(tables))
	var later []deferredKey
	for i, t := range tables {
		out[i] = t
		forward := func(fk *ForeignKey) bool {
			j, ok := pos[fk.RefTable]
			return ok && j > i
		}
		if !slices.ContainsFunc(t.ForeignKeys, forward) {
			continue
		}
		c := t.clone()
		c.ForeignKeys = slices.DeleteFunc(c.ForeignKeys, forward)
		out[i] = c
		for _, fk := range t.ForeignKeys {
			if forward(fk) {
				later = append(later, deferredKey{table: t, fk: fk})
			}
		}
	}
	return out, later
}

// alterKeys renders, through the driver, ALTER TABLE statements that add
// (or, with drop, drop) the deferred keys.
func alterKeys(d dialect.Dialect, drv Driver, keys []deferredKey, drop bool) []string {
	var out []string
	for _, k := range keys {
		td := &TableDiff{From: k.table, To: k.table}
		if drop {
			td.DropForeignKeys = []*ForeignKey{k.fk}
		} else {
			td.AddForeignKeys = []*ForeignKey{k.fk}
		}
		out = append(out, drv.AlterTable(d, td)...)
	}
	return out
}

// cycleComment names the keys that a cycle makes a migration add after
// (or drop before) the tables.
func cycleComment(keys []deferredKey, drop bool) string {
	s := "-- foreign keys that form a cycle, added once every table exists:\n"
	if drop {
		s = "-- foreign keys that form a cycle, dropped before the tables:\n"
	}
	for _, k := range keys {
		s += "--   " + k.table.Name + "." + k.fk.Name + " (" + k.fk.String() + ")\n"
	}
	return s
}
