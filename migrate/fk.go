package migrate

import (
	"strings"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// ForeignKey is a single-column foreign-key constraint of a Table.
type ForeignKey struct {
	Name      string
	Column    string
	RefTable  string
	RefColumn string
	OnDelete  string // as SQL: CASCADE, SET NULL, RESTRICT, NO ACTION
	OnUpdate  string
	// Unnamed: the database keeps no constraint name (SQLite), so Name is
	// the one rx would give it and says nothing of who created it: a key
	// the models do not declare is then unmanaged, not rx's own to drop.
	Unnamed bool
	pruned  string // why dropping it is DESTRUCTIVE (scope.table), "" otherwise
}

// sameKey reports whether two foreign keys constrain the same way; names
// are not compared, as for indexes.
func (fk *ForeignKey) sameKey(o *ForeignKey) bool {
	return fk.Column == o.Column && fk.RefTable == o.RefTable && fk.RefColumn == o.RefColumn &&
		Action(fk.OnDelete) == Action(o.OnDelete) && Action(fk.OnUpdate) == Action(o.OnUpdate)
}

// Action is the canonical form of a referential action: upper case, and
// NO ACTION for none, the default of all three databases.
func Action(a string) string {
	a = strings.ToUpper(strings.Join(strings.Fields(a), " "))
	if a == "" {
		return schema.ActionNoAction
	}
	return a
}

func (fk *ForeignKey) String() string {
	s := fk.Column + " -> " + fk.RefTable + "." + fk.RefColumn
	if a := Action(fk.OnDelete); a != schema.ActionNoAction {
		s += " on delete " + strings.ToLower(a)
	}
	if a := Action(fk.OnUpdate); a != schema.ActionNoAction {
		s += " on update " + strings.ToLower(a)
	}
	return s
}

// rxForeignKey converts fk of table into rx's metadata, for rx's DDL.
func rxForeignKey(table string, fk *ForeignKey) *schema.ForeignKey {
	return &schema.ForeignKey{Name: fk.Name, Table: table, Column: fk.Column, RefTable: fk.RefTable, RefColumn: fk.RefColumn, OnDelete: fk.OnDelete, OnUpdate: fk.OnUpdate}
}

// AddForeignKeySQL renders ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY,
// which MySQL, MariaDB and PostgreSQL accept (SQLite rebuilds the table).
func AddForeignKeySQL(d dialect.Dialect, table string, fk *ForeignKey) string {
	return dialect.AddForeignKeySQL(d, rxForeignKey(table, fk))
}

// orderByReferences sorts tables so that each comes after the tables its
// foreign keys reference among them (for CREATE TABLE), keeping the
// given order otherwise; a cycle keeps the given order for its tables.
func orderByReferences(tables []*Table) []*Table {
	index := map[string]int{}
	for i, t := range tables {
		index[t.Name] = i
	}
	state := make([]uint8, len(tables)) // 0 new, 1 visiting, 2 done
	out := make([]*Table, 0, len(tables))
	var visit func(i int)
	visit = func(i int) {
		if state[i] != 0 {
			return
		}
		state[i] = 1
		for _, fk := range tables[i].ForeignKeys {
			if j, ok := index[fk.RefTable]; ok && j != i {
				visit(j)
			}
		}
		state[i] = 2
		out = append(out, tables[i])
	}
	for i := range tables {
		visit(i)
	}
	return out
}
