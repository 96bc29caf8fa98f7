package migrate

import (
	"fmt"
	"slices"

	"github.com/rxgo/rxdb/schema"
)

// genModel is one table's model as Models writes it.
type genModel struct {
	t      *Table // live, as the database reports it
	norm   *Table // t in the driver's normal form
	name   string // the Go type
	fields []*genField
	rels   []genRelation
	taken  map[string]bool // field names in use, and TableName
}

// genField is one column's field.
type genField struct {
	col     *Column
	name    string
	goCol   goColumn
	sqlType string // type=, when rx would not write the live type itself
	opts    []string
	comment string
	keyed   bool // pk, unique, index or fk: MySQL sizes such a string column
	// singleKey: the column is the table's whole primary key.
	singleKey bool
}

// genRelation is a relation field for a foreign key: belongs-to on the
// model holding the key, has-many (or has-one, for a unique key) on the
// model it references.
type genRelation struct {
	name, model, local, remote string
	kind                       string // as rel= writes it
}

func (g *genModel) field(col string) *genField {
	for _, f := range g.fields {
		if f.col.Name == col {
			return f
		}
	}
	return nil
}

// newModels starts a model per table with a primary key, named and with
// the Go side of each column; the tables it skips are returned, each
// with why.
func newModels(c *conn, s *Schema) (models []*genModel, skipped []string) {
	types := map[string]bool{}
	for _, t := range s.Tables {
		if why := unmodelled(t); why != "" {
			skipped = append(skipped, t.Name+": "+why)
			continue
		}
		norm := t.clone()
		c.drv.Normalize(norm)
		g := &genModel{t: t, norm: norm, name: unique(types, goIdent(t.Name)), taken: map[string]bool{"TableName": true}}
		for i, col := range t.Columns {
			f := &genField{col: col, name: unique(g.taken, goIdent(col.Name)), goCol: goColumnOf(c.db.Dialect().Name(), norm.Columns[i].Type)}
			f.keyed = slices.Contains(t.PrimaryKey, col.Name)
			f.singleKey = len(t.PrimaryKey) == 1 && t.PrimaryKey[0] == col.Name
			g.fields = append(g.fields, f)
		}
		models = append(models, g)
	}
	return models, skipped
}

// unmodelled says why t can have no model, or "": rx models need a
// primary key, and names of letters, digits and underscores (a model
// without one of the columns would ask to drop it).
func unmodelled(t *Table) string {
	if !schema.ValidIdent(t.Name) {
		return "rx names tables with letters, digits and underscores, not starting with a digit"
	}
	for _, c := range t.Columns {
		if !schema.ValidIdent(c.Name) {
			return fmt.Sprintf("column %q is not a name rx can map (letters, digits and underscores, not starting with a digit)", c.Name)
		}
	}
	if len(t.PrimaryKey) == 0 {
		return "rx models need a primary key"
	}
	return ""
}

// unique returns name, or name with a number when taken already, and
// takes it.
func unique(taken map[string]bool, name string) string {
	n := name
	for i := 2; taken[n]; i++ {
		n = fmt.Sprintf("%s%d", name, i)
	}
	taken[n] = true
	return n
}

// addIndexes tags the columns of the live indexes: a single-column one
// as unique, or as index (fulltext) under its own name (index=name)
// unless it has the name rx gives it; a composite one as index=name:N
// (unique=, fulltext=) on each of its columns. An index whose name rx
// cannot write stays the database's (unmanaged, not drift).
func addIndexes(g *genModel) {
	for _, ix := range g.t.Indexes {
		if !schema.ValidIdent(ix.Name) || !hasColumns(g.t, ix.Columns) {
			continue
		}
		kind := "index"
		switch {
		case ix.Unique:
			kind = "unique"
		case ix.Fulltext:
			kind = "fulltext"
		}
		for i, col := range ix.Columns {
			f := g.field(col)
			switch {
			case len(ix.Columns) > 1:
				f.opts = append(f.opts, fmt.Sprintf("%s=%s:%d", kind, ix.Name, i+1))
			case ix.Unique || rxIndexName(g.t.Name, ix) || ix.Fulltext && ix.Name == "ft_"+g.t.Name+"_"+col:
				// Plain unique, for fk= of other models: rx checks that
				// what a key references is unique by this flag.
				f.opts = append(f.opts, kind)
			default:
				f.opts = append(f.opts, kind+"="+ix.Name)
			}
			f.keyed = f.keyed || !ix.Fulltext // MySQL sizes an indexed string, not a FULLTEXT one
		}
	}
}

// addChecks tags a column with the live CHECK constraint that has the
// name rx gives the column's own (ck_<table>_<column>); other CHECKs stay
// the database's (unmanaged, not drift).
func addChecks(g *genModel) {
	for _, ck := range g.t.Checks {
		for _, f := range g.fields {
			if ck.Name == schema.CheckName(g.t.Name, f.col.Name) {
				f.opts = append(f.opts, "check="+ck.Expr)
			}
		}
	}
}

// sqlTypeOf is the type= a field needs: the live type when the type rx
// writes for the field would compare different (with the field's key
// flags, which size MySQL's strings), or would make a different key (on
// SQLite only a key declared INTEGER is the rowid), else "".
func sqlTypeOf(c *conn, f *genField, keyed bool) string {
	sc := &schema.Column{Kind: f.goCol.kind, Size: f.goCol.size, Index: keyed}
	one := func(typ string) *Column {
		t := &Table{Columns: []*Column{{Name: "x", Type: typ, AutoIncrement: f.col.AutoIncrement}}}
		if f.singleKey {
			t.PrimaryKey = []string{"x"}
		}
		c.drv.Normalize(t)
		return t.Columns[0]
	}
	rx, live := one(c.db.Dialect().ColumnType(sc)), one(f.col.Type)
	if rx.Type == live.Type && rx.AutoIncrement == live.AutoIncrement {
		return ""
	}
	return f.col.Type
}

// modelType is the column type f's model has in DDL: its type=, or the
// type rx writes for it.
func modelType(c *conn, f *genField, keyed bool) string {
	if t := sqlTypeOf(c, f, keyed); t != "" {
		return t
	}
	return c.db.Dialect().ColumnType(&schema.Column{Kind: f.goCol.kind, Size: f.goCol.size, Index: keyed})
}
