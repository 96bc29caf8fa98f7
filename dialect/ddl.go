package dialect

import (
	"fmt"
	"strings"

	"github.com/rxgo/rxdb/schema"
)

// CreateTableSQL returns the statements that create t and its indexes in
// dialect d.
func CreateTableSQL(d Dialect, t *schema.Table) []string {
	return createTableSQL(d, t, func(*schema.ForeignKey) bool { return true })
}

// createTableSQL is CreateTableSQL with the foreign keys that keep
// approves.
func createTableSQL(d Dialect, t *schema.Table, keep func(*schema.ForeignKey) bool) []string {
	var b strings.Builder
	b.WriteString("CREATE TABLE ")
	b.WriteString(d.Quote(t.Name))
	b.WriteString(" (\n")
	parts := make([]string, 0, len(t.Columns)+1)
	for _, c := range t.Columns {
		parts = append(parts, ColumnDefinition(d, c))
	}
	// A table without a key (one rx did not create, re-created by a down
	// file) has no PRIMARY KEY clause: "PRIMARY KEY ()" is not SQL.
	if len(t.PrimaryKey) > 0 {
		keys := make([]string, len(t.PrimaryKey))
		for i, c := range t.PrimaryKey {
			keys[i] = d.Quote(c.Name)
		}
		parts = append(parts, "PRIMARY KEY ("+strings.Join(keys, ", ")+")")
	}
	for _, fk := range t.ForeignKeys() {
		if keep(fk) {
			parts = append(parts, ForeignKeySQL(d, fk))
		}
	}
	b.WriteString("\t")
	b.WriteString(strings.Join(parts, ",\n\t"))
	b.WriteString("\n)")
	out := []string{b.String()}
	for _, ix := range t.Indexes() {
		out = append(out, CreateIndexSQL(d, t.Name, ix))
	}
	return out
}

// ColumnDefinition renders one column for CREATE TABLE or ADD COLUMN.
func ColumnDefinition(d Dialect, c *schema.Column) string {
	def := d.Quote(c.Name) + " " + d.ColumnType(c)
	if !c.Nullable {
		def += " NOT NULL"
	}
	if c.AutoIncrement {
		if kw := d.AutoIncrement(); kw != "" {
			def += " " + kw
		}
	}
	if c.HasDefault {
		def += " DEFAULT " + c.Default
	}
	return def
}

// CreateIndexSQL renders CREATE [UNIQUE] INDEX for ix on table.
func CreateIndexSQL(d Dialect, table string, ix schema.Index) string {
	cols := make([]string, len(ix.Columns))
	for i, c := range ix.Columns {
		cols[i] = d.Quote(c)
	}
	unique := ""
	if ix.Unique {
		unique = "UNIQUE "
	}
	return fmt.Sprintf("CREATE %sINDEX %s ON %s (%s)", unique, d.Quote(ix.Name), d.Quote(table), strings.Join(cols, ", "))
}

// ForeignKeySQL renders fk as a table constraint of CREATE TABLE.
func ForeignKeySQL(d Dialect, fk *schema.ForeignKey) string {
	s := "CONSTRAINT " + d.Quote(fk.Name) + " FOREIGN KEY (" + d.Quote(fk.Column) + ") REFERENCES " + d.Quote(fk.RefTable) + " (" + d.Quote(fk.RefColumn) + ")"
	if fk.OnDelete != "" {
		s += " ON DELETE " + fk.OnDelete
	}
	if fk.OnUpdate != "" {
		s += " ON UPDATE " + fk.OnUpdate
	}
	return s
}
