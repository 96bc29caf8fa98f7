package schema

import (
	"fmt"
	"slices"
	"strings"
)

// Several models may map one table: a list view with a few columns and
// the full row, as sqlx code often has. A table is created (CreateAll,
// migrations) from one of them, its definition: the model with every
// column that the table's other models have. The others read and write
// their own columns only. All must have the same primary key, by which
// Update and Delete find the row; models registered before the full one
// need not nest with each other, but creating the table needs a model
// that covers them all.

// addDefinition records tbl among the models of its table and makes the
// model that covers all of them (if one does) the table's definition. The
// caller holds registry's lock.
func addDefinition(tbl *Table) error {
	if registry.defs == nil {
		registry.defs, registry.models = map[string]*Table{}, map[string][]*Table{}
	}
	def := registry.defs[tbl.Name]
	if def == nil {
		registry.defs[tbl.Name], registry.models[tbl.Name] = tbl, []*Table{tbl}
		registry.order = append(registry.order, tbl)
		return nil
	}
	if !slices.Equal(columnNames(def.PrimaryKey), columnNames(tbl.PrimaryKey)) {
		return &ModelError{Model: tbl.GoType.String(), Reason: fmt.Sprintf(
			"maps table %q as model %s does, with primary key (%s) where %s has (%s): the models of one table must have the same primary key",
			tbl.Name, def.GoType, strings.Join(columnNames(tbl.PrimaryKey), ", "), def.GoType, strings.Join(columnNames(def.PrimaryKey), ", "))}
	}
	models := append(registry.models[tbl.Name], tbl)
	registry.models[tbl.Name] = models
	if cover := covering(models); cover != nil && cover != def {
		registry.defs[tbl.Name] = cover
		registry.order[slices.Index(registry.order, def)] = cover
	}
	return nil
}

// covering returns the model among models that has every column of the
// others, or nil.
func covering(models []*Table) *Table {
	for _, m := range models {
		if !slices.ContainsFunc(models, func(o *Table) bool { return len(missingColumns(m, o)) > 0 }) {
			return m
		}
	}
	return nil
}

// uncovered explains why no model of table name can create it, or "".
// The caller holds registry's lock.
func uncovered(name string) string {
	models, def := registry.models[name], registry.defs[name]
	if covering(models) != nil {
		return ""
	}
	for _, o := range models {
		if missing := missingColumns(def, o); len(missing) > 0 {
			return fmt.Sprintf("models %s and %s both map table %q, and neither has every column of the other (%s has %s, which %s lacks): "+
				"the table is created from the model that has every column of its other models; register one (rx.Register) or give one model a TableName method naming another table",
				def.GoType, o.GoType, name, o.GoType, strings.Join(missing, ", "), def.GoType)
		}
	}
	return ""
}

// missingColumns lists the columns of t that have no column in of.
func missingColumns(of, t *Table) []string {
	var out []string
	for _, c := range t.Columns {
		if of.Column(c.Name) == nil {
			out = append(out, c.Name)
		}
	}
	return out
}

// Definition returns the model that t's table is created from: t itself,
// or, when other registered models map the same table, the one with
// every column. CreateAll and migrations use it, so that a table with a
// list view and a full model is created once, with all its columns.
func Definition(t *Table) *Table {
	registry.Lock()
	defer registry.Unlock()
	def := registry.defs[t.Name]
	if def == nil || t.GoType == nil {
		return t
	}
	// Only a registered model is swapped: a Table built by hand that
	// happens to share the name is the caller's own description.
	if v, ok := registry.byType.Load(t.GoType); !ok || v.(*Table) != t {
		return t
	}
	return def
}

// Definitions maps each of tables to its Definition, keeping the first of
// each table, in order. It fails when the models of a table leave it
// without a definition: none of them has every column of the others.
func Definitions(tables []*Table) ([]*Table, error) {
	out := make([]*Table, 0, len(tables))
	for _, t := range tables {
		def := Definition(t)
		if slices.ContainsFunc(out, func(o *Table) bool { return o.Name == def.Name }) {
			continue
		}
		registry.Lock()
		why := ""
		if registry.defs[def.Name] == def {
			why = uncovered(def.Name)
		}
		registry.Unlock()
		if why != "" {
			return nil, &ModelError{Model: def.GoType.String(), Reason: why}
		}
		out = append(out, def)
	}
	return out, nil
}
