package migrate

import (
	"fmt"
	"strings"

	"github.com/rxgo/rxdb/dialect"
)

// Statements renders the SQL of a diff on dialect d: new tables first,
// then each changed table, then dropped tables. Every change is named in
// a comment above its statements; one that can lose data is marked
// DESTRUCTIVE, one that can fail on existing rows WARNING.
func Statements(d dialect.Dialect, drv Driver, diff *Diff) string {
	var b strings.Builder
	for _, t := range diff.AddTables {
		for _, c := range diff.Changes {
			if c.Kind == AddTable && c.Table == t.Name {
				b.WriteString(changeComment(c))
			}
		}
		b.WriteString(onUpdateNotes(d, t.Name, t.Columns))
		writeStmts(&b, createTableSQL(d, t))
	}
	for _, td := range diff.Tables {
		for _, c := range diff.Changes {
			if c.Table == td.To.Name && c.Kind != AddTable && c.Kind != DropTable {
				b.WriteString(changeComment(c))
			}
		}
		b.WriteString(onUpdateNotes(d, td.To.Name, td.AddColumns))
		var stmts []string
		if td.RenamedFrom != "" {
			stmts = append(stmts, RenameTableSQL(d, td.RenamedFrom, td.To.Name))
		}
		for _, r := range td.RenameColumns {
			stmts = append(stmts, RenameColumnSQL(d, td.To.Name, r[0], r[1]))
		}
		writeStmts(&b, append(stmts, drv.AlterTable(d, td)...))
	}
	for _, t := range diff.DropTables {
		b.WriteString(changeComment(Change{Kind: DropTable, Table: t.Name, Destructive: true, Warning: "drops the table and all its rows"}))
		writeStmts(&b, []string{drv.DropTable(d, t.Name)})
	}
	return b.String()
}

// onUpdateNotes says, for each column of cols whose model asks for
// update= on a dialect without ON UPDATE, that it is not created.
func onUpdateNotes(d dialect.Dialect, table string, cols []*Column) string {
	var b strings.Builder
	for _, c := range cols {
		if c.noOnUpdate != "" {
			fmt.Fprintf(&b, "-- NOTE: %s.%s: update=%s (MySQL's ON UPDATE) is not created on %s, which has none, and the diff does not see it: set the column on every write in code (rx:\"autoupdate\" does for a time)\n", table, c.Name, c.noOnUpdate, d.Name())
		}
	}
	return b.String()
}

func changeComment(c Change) string {
	switch {
	case c.Destructive:
		return "-- DESTRUCTIVE: " + c.String() + ": " + c.Warning + "\n"
	case c.Warning != "":
		return "-- WARNING: " + c.String() + ": " + c.Warning + "\n"
	}
	return "-- " + c.String() + "\n"
}

// writeStmts writes statements, each ended by a semicolon; a driver's
// "-- " line is a comment and is written as it is.
func writeStmts(b *strings.Builder, stmts []string) {
	for _, s := range stmts {
		b.WriteString(s)
		if strings.HasPrefix(s, "-- ") {
			b.WriteString("\n")
		} else {
			b.WriteString(";\n")
		}
	}
	b.WriteString("\n")
}
