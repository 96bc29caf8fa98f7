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
	for _, ck := range t.Checks() {
		parts = append(parts, CheckSQL(d, ck))
	}
	b.WriteString("\t")
	b.WriteString(strings.Join(parts, ",\n\t"))
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
	where := ""
	if ix.Live != "" {
		where = " WHERE " + LivePredicate(d, ix.Live)
	}
	return fmt.Sprintf("CREATE %sINDEX %s ON %s (%s)%s", unique, d.Quote(ix.Name), d.Quote(table), strings.Join(cols, ", "), where)
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

// PartialIndexer is an optional interface of a Dialect that creates
// partial indexes (CREATE INDEX ... WHERE), as PostgreSQL and SQLite do:
// an Index with Live holds only the rows not soft-deleted.
type PartialIndexer interface {
	// UpsertWhere is Upsert for a conflict on a partial unique index,
	// whose predicate where (as its CREATE INDEX has it) the conflict
	// target must repeat for the database to pick the index:
	// ON CONFLICT (cols) WHERE where DO ....
	UpsertWhere(b *strings.Builder, conflict []string, where string, update []string)
}

// LivePredicate is the predicate of a live unique index on softdelete
// column live: the rows not soft-deleted.
func LivePredicate(d Dialect, live string) string { return d.Quote(live) + " IS NULL" }

// CheckPartialIndexes refuses, before any DDL, a partial unique index
// (rx:"live") on a database without partial indexes: MySQL/MariaDB would
// have to hold the soft-deleted rows' values too, which is the one thing
// the index is for.
func CheckPartialIndexes(d Dialect, tables []*schema.Table) error {
	if _, ok := d.(PartialIndexer); ok {
		return nil
	}
	for _, t := range tables {
		for _, ix := range t.Indexes() {
			if ix.Live != "" {
				return &schema.ModelError{Model: t.GoType.String(), Reason: fmt.Sprintf("unique index %s is live (rx:\"live\": only the rows whose %s is NULL), and %s has no partial indexes: drop live to keep soft-deleted rows' values taken, or hard-delete the rows (HardDelete) whose values must be free again", ix.Name, ix.Live, d.Name())}
			}
		}
	}
	return nil
}
