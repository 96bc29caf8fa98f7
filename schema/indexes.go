package schema

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Index describes an index that a model asks for.
type Index struct {
	Name    string
	Columns []string // in key order
	Unique  bool
	// Fulltext marks a MySQL/MariaDB FULLTEXT index (rx:"fulltext"). The
	// other databases have no such index: DDL leaves it out there, and
	// migrations do not compare it.
	Fulltext bool
	// Live names the softdelete column of a partial unique index
	// (rx:"live" on a member): it holds only the rows where that column
	// is NULL, so a soft-deleted row's values may be taken again.
	// PostgreSQL and SQLite have partial indexes; MySQL/MariaDB do not.
	Live string
}

// Check is a CHECK constraint that a model asks for (rx:"check=...").
type Check struct {
	Name   string // ck_<table>_<column>; "" for an unnamed live one (migrations)
	Column string // the field's column; "" for a table-level live one
	Expr   string // the SQL expression, as written
}

// indexKind is what an rx:"index=", "unique=" or "fulltext=" option asks for.
type indexKind uint8

const (
	kindIndex indexKind = iota + 1
	kindUnique
	kindFulltext
)

var indexKindNames = [...]string{"", "index", "unique", "fulltext"}

// indexMember is one field's part in a named index: rx:"index=ix_name" or
// rx:"index=ix_name:2" (1-based position; 0 when the field order decides).
type indexMember struct {
	name string
	kind indexKind
	pos  int
}

// parseIndexOption reads the value of index=, unique= or fulltext=.
func parseIndexOption(c *Column, key, val string) error {
	kind := kindIndex
	switch key {
	case "unique":
		kind = kindUnique
	case "fulltext":
		kind = kindFulltext
	}
	name, posText, hasPos := strings.Cut(strings.TrimSpace(val), ":")
	if !ValidIdent(name) {
		return fmt.Errorf("%s=%s: the index name %q must be letters, digits and underscores, not starting with a digit, at most 63 bytes, as in rx:\"%s=%s_name\" (or rx:\"%s=%s_name:2\" for its 2nd column)", key, val, name, key, prefixOf(kind), key, prefixOf(kind))
	}
	m := indexMember{name: name, kind: kind}
	if hasPos {
		n, err := strconv.Atoi(posText)
		if err != nil || n < 1 {
			return fmt.Errorf("%s=%s: the position after the colon must be a whole number from 1, as in rx:\"%s=%s:2\"", key, val, key, name)
		}
		m.pos = n
	}
	if slices.ContainsFunc(c.indexes, func(o indexMember) bool { return o.name == name }) {
		return fmt.Errorf("the field names index %s twice: list each index once per field", name)
	}
	c.indexes = append(c.indexes, m)
	return nil
}

func prefixOf(k indexKind) string {
	return [...]string{"", "ix", "ux", "ft"}[k]
}

// buildIndexes checks the tags that declare indexes and CHECK constraints
// and records the named (composite) indexes on t, before finishTable adds
// the foreign-key columns' own indexes.
func buildIndexes(t *Table) error {
	model := t.GoType.String()
	var order []string
	groups := map[string][]*Column{}
	for _, c := range t.Columns {
		if err := checkColumnOptions(t, c); err != nil {
			return &ModelError{Model: model, Field: c.Field, Reason: err.Error()}
		}
		for _, m := range c.indexes {
			if groups[m.name] == nil {
				order = append(order, m.name)
			}
			groups[m.name] = append(groups[m.name], c)
		}
	}
	for _, name := range order {
		ix, err := namedIndex(name, groups[name])
		if err != nil {
			return &ModelError{Model: model, Field: err.field, Reason: err.reason}
		}
		t.named = append(t.named, ix)
	}
	return nil
}

// checkColumnOptions refuses combinations of index and check options on
// one field that no database can create.
func checkColumnOptions(t *Table, c *Column) error {
	if c.Fulltext || slices.ContainsFunc(c.indexes, func(m indexMember) bool { return m.kind == kindFulltext }) {
		if c.Kind != KindString {
			return fmt.Errorf("fulltext needs a string field (FULLTEXT indexes text), not %s: remove the option or index the field with rx:\"index\"", c.GoType)
		}
	}
	if c.Fulltext && c.Unique {
		return fmt.Errorf("fulltext and unique on one field: a FULLTEXT index cannot be UNIQUE; keep rx:\"unique\" for the key and name the text index, as in rx:\"unique,fulltext=ft_%s_%s\"", t.Name, c.Name)
	}
	if c.HasCheck {
		if strings.TrimSpace(c.Check) == "" {
			return fmt.Errorf("check needs an SQL expression, as in rx:\"check=%s > 0\"", c.Name)
		}
		if n := CheckName(t.Name, c.Name); !ValidIdent(n) {
			return fmt.Errorf("the CHECK constraint's name %s is longer than 63 bytes: shorten the table or column name", n)
		}
	}
	return nil
}

type indexError struct{ field, reason string }

// namedIndex assembles the index name from the fields that name it,
// ordered by their positions (or by field order when none gives one).
func namedIndex(name string, cols []*Column) (Index, *indexError) {
	first, _ := memberOf(cols[0], name)
	ix := Index{Name: name, Unique: first.kind == kindUnique, Fulltext: first.kind == kindFulltext}
	byPos := make([]*Column, len(cols))
	explicit := first.pos > 0
	for i, c := range cols {
		m, _ := memberOf(c, name)
		if m.kind != first.kind {
			return ix, &indexError{c.Field, fmt.Sprintf("%s=%s: field %s declares %s as %s: one name is one index; give this one another name", indexKindNames[m.kind], name, cols[0].Field, name, indexKindNames[first.kind])}
		}
		if (m.pos > 0) != explicit {
			return ix, &indexError{c.Field, fmt.Sprintf("%s=%s: some fields of index %s give a position (%s=%s:N) and some do not: give every field of the index its position, or none", indexKindNames[m.kind], name, name, indexKindNames[m.kind], name)}
		}
		pos := i
		if explicit {
			pos = m.pos - 1
			if pos >= len(cols) {
				return ix, &indexError{c.Field, fmt.Sprintf("%s=%s:%d: index %s has %d column(s), so positions run from 1 to %d", indexKindNames[m.kind], name, m.pos, name, len(cols), len(cols))}
			}
			if byPos[pos] != nil {
				return ix, &indexError{c.Field, fmt.Sprintf("%s=%s:%d: field %s also claims position %d of index %s: give each field its own position", indexKindNames[m.kind], name, m.pos, byPos[pos].Field, m.pos, name)}
			}
		}
		byPos[pos] = c
	}
	for _, c := range byPos {
		ix.Columns = append(ix.Columns, c.Name)
	}
	return ix, nil
}

// ledByNamedIndex reports whether a named index other than FULLTEXT leads
// with column: a foreign key's lookups (and MySQL's requirement of an
// index for the key) are met by it, so the column needs no index of its own.
func (t *Table) ledByNamedIndex(column string) bool {
	return slices.ContainsFunc(t.named, func(ix Index) bool { return !ix.Fulltext && ix.Columns[0] == column })
}

// Keyed reports whether c is a key or part of an index other than a
// FULLTEXT one: MySQL indexes only a bounded prefix of TEXT, so its
// dialect gives such a string column a VARCHAR.
func (c *Column) Keyed() bool {
	return c.PrimaryKey || c.Unique || c.Index || slices.ContainsFunc(c.indexes, func(m indexMember) bool { return m.kind != kindFulltext })
}

func memberOf(c *Column, name string) (indexMember, bool) {
	for _, m := range c.indexes {
		if m.name == name {
			return m, true
		}
	}
	return indexMember{}, false
}

// Indexes lists the indexes the model declares: the single-column ones
// (rx:"index", "unique", "fulltext", and a foreign-key column's own) in
// column order, then the named ones (rx:"index=name", "unique=name",
// "fulltext=name") in the order their first field comes.
func (t *Table) Indexes() []Index {
	var out []Index
	live := func(c *Column) string {
		if c.Live && t.SoftDelete != nil {
			return t.SoftDelete.Name
		}
		return ""
	}
	for _, c := range t.Columns {
		switch {
		case c.Unique:
			out = append(out, Index{Name: "ux_" + t.Name + "_" + c.Name, Columns: []string{c.Name}, Unique: true, Live: live(c)})
		case c.Index:
			out = append(out, Index{Name: "ix_" + t.Name + "_" + c.Name, Columns: []string{c.Name}})
		}
		if c.Fulltext {
			out = append(out, Index{Name: "ft_" + t.Name + "_" + c.Name, Columns: []string{c.Name}, Fulltext: true})
		}
	}
	for _, ix := range t.named {
		ix.Columns = slices.Clone(ix.Columns)
		for _, name := range ix.Columns {
			if c := t.Column(name); c != nil && ix.Unique && live(c) != "" {
				ix.Live = live(c)
			}
		}
		out = append(out, ix)
	}
	return out
}

// CheckName is the name rx gives the CHECK constraint of column in table.
func CheckName(table, column string) string { return "ck_" + table + "_" + column }

// Checks lists the model's CHECK constraints: each field's rx:"check=..."
// in column order, then TableChecks.
func (t *Table) Checks() []Check {
	var out []Check
	for _, c := range t.Columns {
		if c.HasCheck {
			out = append(out, Check{Name: CheckName(t.Name, c.Name), Column: c.Name, Expr: c.Check})
		}
	}
	return append(out, t.TableChecks...)
}

// UniqueKeys lists the column sets that identify a row of t: its primary
// key, then each unique index's columns (in index order).
func (t *Table) UniqueKeys() [][]string {
	out := [][]string{columnNames(t.PrimaryKey)}
	for _, ix := range t.Indexes() {
		if ix.Unique {
			out = append(out, ix.Columns)
		}
	}
	return out
}
