package migrate

import (
	"context"
	"database/sql"
	"reflect"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

// Schema is a database schema as migrations see it: the tables, their
// columns, primary keys and indexes. It comes either from the models
// (FromModels) or from a live database (Driver.Inspect).
type Schema struct {
	Tables []*Table // sorted by name
}

// Table returns the table named name, or nil.
func (s *Schema) Table(name string) *Table {
	for _, t := range s.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// InspectTables starts a Driver's Inspect: a Schema with one empty table
// per table of the database, and an index of them by name for filling in
// columns and indexes.
func InspectTables(ctx context.Context, db *rx.DB) (*Schema, map[string]*Table, error) {
	names, err := db.Tables(ctx)
	if err != nil {
		return nil, nil, err
	}
	s := &Schema{}
	byName := make(map[string]*Table, len(names))
	for _, n := range names {
		t := &Table{Name: n}
		byName[n] = t
		s.Tables = append(s.Tables, t)
	}
	return s, byName, nil
}

// InspectParts runs a Driver's readers of the parts of the tables that
// InspectTables listed (indexes, foreign keys, CHECKs), in order, up to
// the first error.
func InspectParts(ctx context.Context, conn *sql.DB, byName map[string]*Table, parts ...func(context.Context, *sql.DB, map[string]*Table) error) error {
	for _, read := range parts {
		if err := read(ctx, conn, byName); err != nil {
			return err
		}
	}
	return nil
}

// AddIndexColumn records one row of a Driver's index listing, read in
// table, index and key-position order: a column of t's primary key, the
// next column of the index the previous row began, or else the first
// column of a new index, which newIndex makes with its name and kind.
func AddIndexColumn(t *Table, primary bool, index, column string, newIndex func() *Index) {
	switch {
	case primary:
		t.PrimaryKey = append(t.PrimaryKey, column)
	case len(t.Indexes) > 0 && t.Indexes[len(t.Indexes)-1].Name == index:
		last := t.Indexes[len(t.Indexes)-1]
		last.Columns = append(last.Columns, column)
	default:
		ix := newIndex()
		ix.Name, ix.Columns = index, []string{column}
		t.Indexes = append(t.Indexes, ix)
	}
}

func (s *Schema) sort() {
	sort.Slice(s.Tables, func(i, j int) bool { return s.Tables[i].Name < s.Tables[j].Name })
}

// Table is one table of a Schema as migrations compare it: names and
// normalized SQL types, read from a live database (Driver.Inspect) or
// made from the models (FromModels). It is not schema.Table, a registered
// model's metadata (Go types, field offsets, relations); RxTable converts
// one into the other for rendering DDL.
type Table struct {
	Name       string
	Columns    []*Column // in table order
	PrimaryKey []string  // column names, in key order
	Indexes    []*Index  // secondary indexes, primary key excluded
	// ForeignKeys are the table's single-column foreign keys, in column
	// order (models) or name order (live).
	ForeignKeys []*ForeignKey
	// Checks are the table's CHECK constraints, in column order (models)
	// or name order (live).
	Checks []*Check
	Was    []string // the table's earlier names (a model's WasTable)
	// Collation is the collation of the table's columns that name none
	// (live tables: MySQL's table default, PostgreSQL's "default",
	// SQLite's BINARY); "" on a model's table, whose columns without
	// collate= leave the collation to the database.
	Collation string
}

// TableRenamer is implemented by a model whose table had other names
// before: migrations rename the table (ALTER TABLE old RENAME TO new)
// instead of dropping it and creating a new one. List the names the
// table may still have in a database, most recent first:
//
//	func (Customer) WasTable() []string { return []string{"client"} }
type TableRenamer interface{ WasTable() []string }

// wasTable is the model's WasTable, with a value or pointer receiver.
func wasTable(t *schema.Table) []string {
	if t.GoType == nil || t.GoType.Kind() != reflect.Struct {
		return nil
	}
	for _, v := range []reflect.Value{reflect.Zero(t.GoType), reflect.New(t.GoType)} {
		if r, ok := v.Interface().(TableRenamer); ok {
			return r.WasTable()
		}
	}
	return nil
}

// Column returns the column named name, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Column is one column of a Table.
type Column struct {
	Name          string
	Type          string // as the dialect writes it (models) or reports it (live)
	Nullable      bool
	Default       string // an SQL expression; "" for none
	AutoIncrement bool
	Was           []string // the column's earlier names (rx:"was=...")
	Collate       string   // the column's collation, "" for the table's (Table.Collation)
	// OnUpdate is MySQL's ON UPDATE expression of the column, "" for none.
	OnUpdate string
	// noOnUpdate is the model's update= on a dialect without ON UPDATE:
	// not created, not compared, and said so in the migration file.
	noOnUpdate string
}

// Index is a secondary index or unique constraint of a Table.
type Index struct {
	Name     string
	Columns  []string
	Unique   bool
	Fulltext bool // a MySQL/MariaDB FULLTEXT index
	// Constraint marks a live PostgreSQL UNIQUE constraint (not a bare
	// unique index): it is dropped and re-created as a constraint.
	// A model's unique index matches either.
	Constraint bool
	// Where is a partial index's predicate, as the database gives it back
	// ("(deleted_at IS NULL)" on PostgreSQL), "" for an index of every
	// row; compared with quotes, parentheses, spaces and case left out.
	// A model's live unique index (rx:"live") has "<softdelete> IS NULL".
	Where  string
	pruned string // why dropping it is DESTRUCTIVE (scope.table), "" otherwise
	// skipped says why the dialect does not create this model index (a
	// FULLTEXT one outside MySQL): the diff does not compare it, and DDL
	// writes this as a comment in its place.
	skipped string
}

// sameKey reports whether two indexes cover the same columns the same
// way; names are not compared, so an index created by hand under another
// name is not reported as a difference.
func (ix *Index) sameKey(o *Index) bool {
	return ix.Unique == o.Unique && ix.Fulltext == o.Fulltext && slices.Equal(ix.Columns, o.Columns) &&
		normalPredicate(ix.Where) == normalPredicate(o.Where)
}

// FromModels is the schema that the models ask for on dialect d, with the
// column types and index names that rx.CreateAll uses.
func FromModels(d dialect.Dialect, tables []*schema.Table) *Schema {
	s := &Schema{}
	for _, t := range tables {
		mt := &Table{Name: t.Name, Was: wasTable(t)}
		for _, c := range t.Columns {
			col := &Column{Name: c.Name, Type: d.ColumnType(c), Nullable: c.Nullable, AutoIncrement: c.AutoIncrement, Was: c.Was, Collate: c.CollateFor(d.Name())}
			if v, ok := c.DefaultFor(d.Name()); ok {
				col.Default = v
			}
			if _, ok := d.(dialect.ColumnOnUpdater); ok {
				col.OnUpdate = c.UpdateExpr
			} else {
				col.noOnUpdate = c.UpdateExpr
			}
			mt.Columns = append(mt.Columns, col)
		}
		for _, c := range t.PrimaryKey {
			mt.PrimaryKey = append(mt.PrimaryKey, c.Name)
		}
		for _, ix := range t.Indexes() {
			mix := &Index{Name: ix.Name, Columns: ix.Columns, Unique: ix.Unique, Fulltext: ix.Fulltext}
			if ix.Live != "" {
				mix.Where = dialect.LivePredicate(d, ix.Live)
			}
			if ix.Fulltext && !dialect.HasFulltext(d) {
				mix.skipped = "FULLTEXT index " + ix.Name + " (" + strings.Join(ix.Columns, ", ") + ") is MySQL/MariaDB only: not created on " + d.Name() + ", and not compared"
			}
			mt.Indexes = append(mt.Indexes, mix)
		}
		for _, ck := range t.Checks() {
			mt.Checks = append(mt.Checks, &Check{Name: ck.Name, Expr: ck.Expr})
		}
		for _, fk := range t.ForeignKeys() {
			// Named for the table as the schema has it, as CreateAll names it.
			mt.ForeignKeys = append(mt.ForeignKeys, &ForeignKey{Name: schema.ForeignKeyName(t.Name, fk.Column), Column: fk.Column, RefTable: fk.RefTable, RefColumn: fk.RefColumn, OnDelete: fk.OnDelete, OnUpdate: fk.OnUpdate})
		}
		s.Tables = append(s.Tables, mt)
	}
	s.sort()
	return s
}

// RxTable converts t into rx's table metadata with each column's type
// fixed, so that dialect.CreateTableSQL and dialect.ColumnDefinition render it:
// migrations write the same DDL as CreateAll, foreign keys included.
// Indexes are not carried; render them with IndexSQL.
func RxTable(t *Table) *schema.Table {
	rt := &schema.Table{Name: t.Name}
	byName := map[string]*schema.Column{}
	for _, c := range t.Columns {
		rc := RxColumn(c)
		rc.PrimaryKey = slices.Contains(t.PrimaryKey, c.Name)
		for _, fk := range t.ForeignKeys {
			if fk.Column == c.Name {
				rc.ForeignKey = rxForeignKey(t.Name, fk)
			}
		}
		byName[c.Name] = rc
		rt.Columns = append(rt.Columns, rc)
	}
	for _, n := range t.PrimaryKey {
		if c := byName[n]; c != nil {
			rt.PrimaryKey = append(rt.PrimaryKey, c)
		}
	}
	for _, ck := range t.Checks {
		rt.TableChecks = append(rt.TableChecks, schema.Check{Name: ck.Name, Expr: ck.Expr})
	}
	return rt
}

// RxColumn converts c into rx's column metadata with its type fixed.
func RxColumn(c *Column) *schema.Column {
	return &schema.Column{Name: c.Name, SQLType: c.Type, Nullable: c.Nullable, AutoIncrement: c.AutoIncrement, Default: c.Default, HasDefault: c.Default != "",
		Collate: c.Collate, UpdateExpr: c.OnUpdate}
}

// createTableSQL renders the statements that create t with its indexes,
// through dialect.CreateTableSQL (which renders a model's table, schema.Table).
func createTableSQL(d dialect.Dialect, t *Table) []string {
	out := dialect.CreateTableSQL(d, RxTable(t))
	for _, ix := range t.Indexes {
		out = append(out, IndexSQL(d, t.Name, ix))
	}
	return out
}

// IndexSQL renders CREATE [UNIQUE|FULLTEXT] INDEX for ix, through rx's
// DDL; a live PostgreSQL UNIQUE constraint is re-created as one (ALTER
// TABLE ... ADD CONSTRAINT ... UNIQUE), and an index the dialect does not
// create is a "-- " comment saying so.
func IndexSQL(d dialect.Dialect, table string, ix *Index) string {
	if ix.skipped != "" {
		return "-- " + ix.skipped
	}
	if ix.Constraint {
		cols := make([]string, len(ix.Columns))
		for i, c := range ix.Columns {
			cols[i] = d.Quote(c)
		}
		return "ALTER TABLE " + d.Quote(table) + " ADD CONSTRAINT " + d.Quote(ix.Name) + " UNIQUE (" + strings.Join(cols, ", ") + ")"
	}
	s := dialect.CreateIndexSQL(d, table, schema.Index{Name: ix.Name, Columns: ix.Columns, Unique: ix.Unique, Fulltext: ix.Fulltext})
	if ix.Where != "" {
		s += " WHERE " + ix.Where
	}
	return s
}

// normalPredicate is a partial index's predicate for comparison: what
// PostgreSQL adds when it gives one back (parentheses, its own quoting)
// and what SQLite keeps as written (quotes, spacing, case) left out.
func normalPredicate(p string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '"', '`', '(', ')', ' ', '\t', '\n':
			return -1
		}
		return unicode.ToLower(r)
	}, p)
}

// AddColumnDefinition is the definition of column c that diff adds:
// with its Placeholder as a default when it needs one, which the driver
// drops right after the rows are filled.
func AddColumnDefinition(d dialect.Dialect, diff *TableDiff, c *Column) string {
	rc := RxColumn(c)
	if p := diff.Placeholder(c); p != "" {
		rc.Default, rc.HasDefault = p, true
	}
	return dialect.ColumnDefinition(d, rc)
}

// RenameTableSQL renders ALTER TABLE old RENAME TO new, which SQLite,
// MySQL, MariaDB and PostgreSQL all accept.
func RenameTableSQL(d dialect.Dialect, old, name string) string {
	return "ALTER TABLE " + d.Quote(old) + " RENAME TO " + d.Quote(name)
}

// RenameColumnSQL renders ALTER TABLE t RENAME COLUMN old TO new, which
// SQLite (3.25 and later), MySQL 8, MariaDB 10.5 and PostgreSQL accept.
func RenameColumnSQL(d dialect.Dialect, table, old, name string) string {
	return "ALTER TABLE " + d.Quote(table) + " RENAME COLUMN " + d.Quote(old) + " TO " + d.Quote(name)
}

// BackfillSQL renders the UPDATE that gives the rows where the column
// of cc holds NULL the value diff.Backfill chooses, so that tightening it
// to NOT NULL does not fail on them; "" when it needs none. Drivers write
// it before the statement that sets NOT NULL.
func BackfillSQL(d dialect.Dialect, diff *TableDiff, cc ColumnChange) string {
	v := diff.Backfill(cc.From, cc.To)
	if v == "" {
		return ""
	}
	col := d.Quote(cc.To.Name)
	return "UPDATE " + d.Quote(diff.To.Name) + " SET " + col + " = " + v + " WHERE " + col + " IS NULL"
}

func (t *Table) clone() *Table {
	c := &Table{Name: t.Name, PrimaryKey: slices.Clone(t.PrimaryKey), Was: t.Was, Collation: t.Collation}
	for _, col := range t.Columns {
		cc := *col
		c.Columns = append(c.Columns, &cc)
	}
	for _, ix := range t.Indexes {
		ic := *ix
		ic.Columns = slices.Clone(ix.Columns)
		c.Indexes = append(c.Indexes, &ic)
	}
	for _, fk := range t.ForeignKeys {
		fc := *fk
		c.ForeignKeys = append(c.ForeignKeys, &fc)
	}
	for _, ck := range t.Checks {
		cc := *ck
		c.Checks = append(c.Checks, &cc)
	}
	return c
}
