package migrate

import (
	"slices"
	"strings"

	"github.com/rxgo/rxdb/schema"
)

// table scopes one modelled table: ft as live, tt as its model wants it.
// It returns copies of ft and of tt, with the unmanaged indexes and
// foreign keys of ft copied in, or, with prune, marks them on ft's copies
// as DESTRUCTIVE drops; and an FK column's own index is not asked for
// when a live index already leads with the column.
func (s scope) table(ft, tt *Table) (*Table, *Table, []Unmanaged) {
	ft, tt = ft.clone(), tt.clone()
	if !s.prune {
		tt.Indexes = slices.DeleteFunc(tt.Indexes, func(ix *Index) bool { return fkIndexCovered(ft, tt, ix) })
	}
	var un []Unmanaged
	for i, ix := range ft.Indexes {
		if slices.ContainsFunc(tt.Indexes, ix.sameKey) || rxIndexName(ft.Name, ix) || rxIndexName(tt.Name, ix) {
			continue
		}
		if s.prune || !hasColumns(tt, ix.Columns) {
			c := *ix
			c.pruned = prunedWarning
			ft.Indexes[i] = &c
			continue
		}
		tt.Indexes = append(tt.Indexes, ix)
		un = append(un, Unmanaged{Kind: "index", Table: ft.Name, Name: ix.Name, Detail: indexDetail(ix)})
	}
	for i, fk := range ft.ForeignKeys {
		rxNamed := !fk.Unnamed && (fk.Name == schema.ForeignKeyName(ft.Name, fk.Column) || fk.Name == schema.ForeignKeyName(tt.Name, fk.Column))
		if slices.ContainsFunc(tt.ForeignKeys, fk.sameKey) || rxNamed {
			continue
		}
		if s.prune || !hasColumns(tt, []string{fk.Column}) {
			c := *fk
			c.pruned = prunedWarning
			ft.ForeignKeys[i] = &c
			continue
		}
		tt.ForeignKeys = append(tt.ForeignKeys, fk)
		un = append(un, Unmanaged{Kind: "foreign key", Table: ft.Name, Name: fk.Name, Detail: fk.String()})
	}
	return ft, tt, append(un, s.checks(ft, tt)...)
}

// checks scopes the CHECK constraints of one modelled table as table
// does its indexes: a live one the model does not declare (by name or
// expression, sameCheck) is copied into tt, so that a SQLite rebuild
// keeps it, and reported; with prune it is marked as a DESTRUCTIVE drop.
// A live SQLite CHECK written without a name is treated the same way:
// reported, kept, and dropped only by prune.
func (s scope) checks(ft, tt *Table) []Unmanaged {
	var un []Unmanaged
	for i, ck := range ft.Checks {
		if slices.ContainsFunc(tt.Checks, ck.sameCheck) || rxCheckName(ft.Name, ck) || rxCheckName(tt.Name, ck) {
			continue
		}
		if s.prune {
			c := *ck
			c.pruned = prunedWarning
			ft.Checks[i] = &c
			continue
		}
		tt.Checks = append(tt.Checks, ck)
		un = append(un, Unmanaged{Kind: "check", Table: ft.Name, Name: checkLabel(ck), Detail: ck.Expr})
	}
	return un
}

// fkIndexCovered reports whether ix is the single-column index of one
// of tt's foreign-key columns that live table ft lacks but serves with
// another index (or its primary key) leading with the column: lookups
// and MySQL's requirement of an index for the key are met by it.
func fkIndexCovered(ft, tt *Table, ix *Index) bool {
	if ix.Unique || len(ix.Columns) != 1 || slices.ContainsFunc(ft.Indexes, ix.sameKey) {
		return false
	}
	col := ix.Columns[0]
	if !slices.ContainsFunc(tt.ForeignKeys, func(fk *ForeignKey) bool { return fk.Column == col }) {
		return false
	}
	if len(ft.PrimaryKey) > 0 && ft.PrimaryKey[0] == col {
		return true
	}
	return slices.ContainsFunc(ft.Indexes, func(o *Index) bool { return !o.Fulltext && len(o.Columns) > 0 && o.Columns[0] == col })
}

// rxIndexName reports whether ix has the name rx gives the index of a
// column it declares (schema.Table.Indexes): a model declared it once,
// so dropping it when the model no longer does is the model's change.
func rxIndexName(table string, ix *Index) bool {
	if len(ix.Columns) != 1 {
		return false
	}
	prefix := "ix_"
	if ix.Unique {
		prefix = "ux_"
	}
	return ix.Name == prefix+table+"_"+ix.Columns[0]
}

func hasColumns(t *Table, cols []string) bool {
	for _, c := range cols {
		if t.Column(c) == nil {
			return false
		}
	}
	return true
}

func indexDetail(ix *Index) string {
	s := strings.Join(ix.Columns, ", ")
	switch {
	case ix.Unique:
		s = "unique " + s
	case ix.Fulltext:
		s = "fulltext " + s
	}
	return s
}
