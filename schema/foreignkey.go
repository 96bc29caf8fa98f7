package schema

import (
	"fmt"
	"hash/fnv"
	"reflect"
	"strconv"
	"strings"
)

// The referential actions of ondelete and onupdate, as SQL.
const (
	ActionCascade  = "CASCADE"
	ActionSetNull  = "SET NULL"
	ActionRestrict = "RESTRICT"
	ActionNoAction = "NO ACTION"
)

// ForeignKey is a column's reference to a column of another model's table,
// declared with rx:"fk=table.column" and optionally ondelete= and
// onupdate= (cascade, set null, restrict, no action).
type ForeignKey struct {
	Name      string // constraint name, fk_<table>_<column>
	Table     string // the referencing table
	Column    string // the referencing column
	RefTable  string
	RefColumn string
	// OnDelete and OnUpdate are SQL actions (ActionCascade...), or "" for
	// the database's default, which is NO ACTION on all three.
	OnDelete string
	OnUpdate string
}

// ForeignKeys lists the table's foreign keys in column order.
func (t *Table) ForeignKeys() []*ForeignKey {
	var out []*ForeignKey
	for _, c := range t.Columns {
		if c.ForeignKey != nil {
			out = append(out, c.ForeignKey)
		}
	}
	return out
}

// parseForeignKeyOption reads fk=, ondelete= and onupdate=. Whether an
// action came with an fk is checked once every option is read.
func parseForeignKeyOption(c *Column, key, val string) error {
	if c.ForeignKey == nil {
		c.ForeignKey = &ForeignKey{}
	}
	fk := c.ForeignKey
	val = strings.TrimSpace(val)
	switch key {
	case "fk":
		tbl, col, ok := strings.Cut(val, ".")
		if !ok || !ValidIdent(tbl) || !ValidIdent(col) {
			return fmt.Errorf("fk needs the referenced table and column, as in rx:\"fk=author.id\"; got %q", val)
		}
		fk.RefTable, fk.RefColumn = tbl, col
		return nil
	}
	action, err := parseAction(val)
	if err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	if key == "ondelete" {
		fk.OnDelete = action
	} else {
		fk.OnUpdate = action
	}
	return nil
}

func parseAction(v string) (string, error) {
	norm := strings.ToUpper(strings.Join(strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == '_' || r == '-' }), " "))
	switch norm {
	case "CASCADE":
		return ActionCascade, nil
	case "SET NULL", "SETNULL":
		return ActionSetNull, nil
	case "RESTRICT":
		return ActionRestrict, nil
	case "NO ACTION", "NOACTION":
		return ActionNoAction, nil
	}
	return "", fmt.Errorf("unknown action %q (known: cascade, set null, restrict, no action)", v)
}

// finishTable completes what needs the whole model: foreign keys, which
// depend on the column's nullability and the primary key, and the checks
// of the timestamp options.
func finishTable(t *Table) error {
	for _, c := range t.Columns {
		fk := c.ForeignKey
		if fk == nil {
			continue
		}
		if fk.RefTable == "" {
			return &ModelError{Model: t.GoType.String(), Field: c.Field, Reason: "ondelete and onupdate need fk=table.column, as in rx:\"fk=author.id,ondelete=cascade\""}
		}
		if (fk.OnDelete == ActionSetNull || fk.OnUpdate == ActionSetNull) && !c.Nullable {
			return &ModelError{Model: t.GoType.String(), Field: c.Field, Reason: "set null needs a nullable column: make the field a pointer (*int64) or a sql.Null type"}
		}
		fk.Table, fk.Column = t.Name, c.Name
		fk.Name = ForeignKeyName(t.Name, c.Name)
		// Joins and ON DELETE look rows up by the referencing column, and
		// MySQL would add an index of its own, unknown to migrations.
		if !c.Unique && !(c.PrimaryKey && t.PrimaryKey[0] == c) && !t.ledByNamedIndex(c.Name) {
			c.Index = true
		}
	}
	for _, c := range t.Columns {
		if (c.AutoCreate || c.AutoUpdate) && c.GoType != timeType && c.GoType != reflect.PointerTo(timeType) {
			return &ModelError{Model: t.GoType.String(), Field: c.Field, Reason: "autocreate and autoupdate need a time.Time or *time.Time field"}
		}
	}
	return nil
}

// ForeignKeyName is the name rx gives the foreign key of column in table:
// fk_<table>_<column>, shortened as constraintName says. Introspection of
// SQLite, which keeps no constraint names, uses it too.
func ForeignKeyName(table, column string) string { return constraintName("fk", table, column) }

// constraintName is prefix_table_column, shortened with a hash of the
// whole name when longer than the 63 bytes PostgreSQL keeps, so that it
// stays deterministic and unique.
func constraintName(prefix, table, column string) string {
	name := prefix + "_" + table + "_" + column
	if len(name) <= 63 {
		return name
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return name[:54] + "_" + strconv.FormatUint(uint64(h.Sum32()), 16)
}

// checkForeignKeysOnRegister checks, as t is registered, the foreign keys
// whose two ends are now both known: t's own that point at a registered
// model (or at t itself), and those of registered models that point at t.
// A key whose target is not registered yet is checked when it is, and at
// CreateAll at the latest.
func checkForeignKeysOnRegister(t *Table, registered []*Table) error {
	byName := func(name string) *Table {
		if name == t.Name {
			return t
		}
		for _, r := range registered {
			if r.Name == name {
				return r
			}
		}
		return nil
	}
	for _, c := range t.Columns {
		if fk := c.ForeignKey; fk != nil {
			if ref := byName(fk.RefTable); ref != nil {
				if err := checkForeignKey(t, c, ref); err != nil {
					return err
				}
			}
		}
	}
	for _, r := range registered {
		for _, c := range r.Columns {
			if fk := c.ForeignKey; fk != nil && fk.RefTable == t.Name {
				if err := checkForeignKey(r, c, t); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// checkForeignKey checks c of t against the column it references in ref.
func checkForeignKey(t *Table, c *Column, ref *Table) error {
	fk := c.ForeignKey
	fail := func(reason string) error {
		return &ModelError{Model: t.GoType.String(), Field: c.Field, Reason: "fk=" + fk.RefTable + "." + fk.RefColumn + ": " + reason}
	}
	rc := ref.Column(fk.RefColumn)
	if rc == nil {
		return fail(fmt.Sprintf("model %s (table %s) has no column %q (columns: %s)", ref.Model(), ref.Name, fk.RefColumn, sortedColumnNames(ref)))
	}
	if !rc.Unique && !(rc.PrimaryKey && len(ref.PrimaryKey) == 1) {
		return fail(fmt.Sprintf("%s.%s is neither the primary key nor unique, and a foreign key must reference one of those", ref.Name, rc.Name))
	}
	// SQL types (type=, type.<dialect>=) are compared on a dialect, which
	// knows their equivalent spellings: dialect.CheckForeignKeyTypes.
	if c.Kind != rc.Kind {
		return fail(fmt.Sprintf("the column is %s but %s.%s is %s: give both fields the same type", describeType(c), ref.Name, rc.Name, describeType(rc)))
	}
	return nil
}

func describeType(c *Column) string {
	if c.SQLType != "" {
		return c.Kind.String() + " (type=" + c.SQLType + ")"
	}
	return c.Kind.String()
}

// resolveForeignKeys checks every foreign key of tables against the
// registered models, reporting one whose target is not registered.
func resolveForeignKeys(tables []*Table) error {
	for _, t := range tables {
		for _, c := range t.Columns {
			fk := c.ForeignKey
			if fk == nil {
				continue
			}
			ref := Lookup(fk.RefTable)
			if ref == nil {
				return &ModelError{Model: t.GoType.String(), Field: c.Field, Reason: fmt.Sprintf("fk=%s.%s: no registered model has table %q; register it with rx.Register, or pass it to CreateAll", fk.RefTable, fk.RefColumn, fk.RefTable)}
			}
			if err := checkForeignKey(t, c, ref); err != nil {
				return err
			}
		}
	}
	return nil
}

// dependencyOrder sorts tables so that every table comes after the tables
// its foreign keys reference, keeping the given order otherwise. A table
// referencing itself is fine; a cycle between tables is an error, since
// CREATE TABLE needs its references to exist.
func dependencyOrder(tables []*Table) ([]*Table, error) {
	index := make(map[string]int, len(tables))
	for i, t := range tables {
		index[t.Name] = i
	}
	const (
		unvisited = iota
		visiting
		done
	)
	state := make([]int, len(tables))
	out := make([]*Table, 0, len(tables))
	var path []string
	var visit func(i int) error
	visit = func(i int) error {
		switch state[i] {
		case done:
			return nil
		case visiting:
			start := 0
			for j, n := range path {
				if n == tables[i].Name {
					start = j
				}
			}
			cycle := append(append([]string(nil), path[start:]...), tables[i].Name)
			return fmt.Errorf("rx: the foreign keys of tables %s form a cycle, so no creation order exists; make one of them a plain column and enforce it in code, or add that constraint in a migration after both tables exist", strings.Join(cycle, " -> "))
		}
		state[i] = visiting
		path = append(path, tables[i].Name)
		for _, fk := range tables[i].ForeignKeys() {
			if j, ok := index[fk.RefTable]; ok && j != i {
				if err := visit(j); err != nil {
					return err
				}
			}
		}
		path = path[:len(path)-1]
		state[i] = done
		out = append(out, tables[i])
		return nil
	}
	for i := range tables {
		if err := visit(i); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Resolve returns the metadata of models, or of every registered model
// when there are none, with their relations and foreign keys resolved
// against the registered models, each table after the tables its foreign
// keys reference: the order CREATE TABLE needs. A model that shares its
// table with others stands for the table's Definition.
func Resolve(models ...any) ([]*Table, error) {
	tables := Models()
	if len(models) > 0 {
		var err error
		if tables, err = tablesOf(models); err != nil {
			return nil, err
		}
	}
	// A view's table is created from its definition.
	tables, err := Definitions(tables)
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		if err := t.ResolveRelations(); err != nil {
			return nil, err
		}
	}
	if err := resolveForeignKeys(tables); err != nil {
		return nil, err
	}
	return dependencyOrder(tables)
}
