package dialect

import (
	"fmt"
	"strings"

	"github.com/rxgo/rxdb/schema"
)

// CreateTableSQL returns the statements that create t and its indexes in
// dialect d.
func CreateTableSQL(d Dialect, t *schema.Table) []string {
	var b strings.Builder
	b.WriteString("CREATE TABLE ")
	b.WriteString(d.Quote(t.Name))
	b.WriteString(" (\n")
	for _, c := range t.Columns {
		b.WriteString("\t")
		b.WriteString(ColumnDefinition(d, c))
		b.WriteString(",\n")
	}
	b.WriteString("\tPRIMARY KEY (")
	for i, c := range t.PrimaryKey {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(d.Quote(c.Name))
	}
	b.WriteString(")")
	for _, fk := range t.ForeignKeys() {
		b.WriteString(",\n\t")
		b.WriteString(ForeignKeySQL(d, fk))
	}
	for _, ck := range t.Checks() {
		b.WriteString(",\n\t")
		b.WriteString(CheckSQL(d, ck))
	}
	b.WriteString("\n)")
	out := []string{b.String()}
	for _, ix := range t.Indexes() {
		if ix.Fulltext && !HasFulltext(d) {
			continue // MySQL's kind of index: the others have no such thing
		}
		out = append(out, CreateIndexSQL(d, t.Name, ix))
	}
	return out
}

// HasFulltext reports whether d creates FULLTEXT indexes (FulltextIndexer).
func HasFulltext(d Dialect) bool {
	_, ok := d.(FulltextIndexer)
	return ok
}

// CheckSQL renders ck as a table constraint of CREATE TABLE or ALTER
// TABLE ... ADD: CONSTRAINT name CHECK (expr), or CHECK (expr) for an
// unnamed one (a live SQLite table's).
func CheckSQL(d Dialect, ck schema.Check) string {
	s := "CHECK (" + ck.Expr + ")"
	if ck.Name != "" {
		s = "CONSTRAINT " + d.Quote(ck.Name) + " " + s
	}
	return s
}

// ColumnDefinition renders one column for CREATE TABLE or ADD COLUMN.
func ColumnDefinition(d Dialect, c *schema.Column) string {
	def := d.Quote(c.Name) + " " + d.ColumnType(c)
	if coll := c.CollateFor(d.Name()); coll != "" {
		def += " COLLATE " + d.Quote(coll)
	}
	if !c.Nullable {
		def += " NOT NULL"
	}
	if c.AutoIncrement {
		if kw := d.AutoIncrement(); kw != "" {
			def += " " + kw
		}
	}
	if v, ok := c.DefaultFor(d.Name()); ok {
		def += " DEFAULT " + v
	}
	if _, ok := d.(ColumnOnUpdater); ok && c.UpdateExpr != "" {
		def += " ON UPDATE " + c.UpdateExpr
	}
	return def
}

// CreateIndexSQL renders CREATE [UNIQUE|FULLTEXT] INDEX for ix on table.
func CreateIndexSQL(d Dialect, table string, ix schema.Index) string {
	cols := make([]string, len(ix.Columns))
	for i, c := range ix.Columns {
		cols[i] = d.Quote(c)
	}
	unique := ""
	switch {
	case ix.Unique:
		unique = "UNIQUE "
	case ix.Fulltext:
		unique = "FULLTEXT "
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
