package rx

import (
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/rxgo/rxdb/schema"
)

// Scanning a join into a struct of models: R's named fields that hold
// models (the parts: User, *User, []Comment, []*Comment) are
// read each from its model's table, the SELECT list written by rx in
// field order, and R's other fields from the query's ColumnExpr aliases.
// A pointer part is nil where a LEFT JOIN found no row (its key is NULL);
// a slice part collects the rows of its table that share the other parts'
// keys, so one R comes out per parent however many children it has. An
// R that is itself a model (a key of its own, or an embedded rx.Model)
// scans flat as before: its relation fields are With's to fill.

type partKind uint8

const (
	partValue    partKind = iota // S: required, as an inner join gives it
	partPtr                      // *S: nil when the key is NULL
	partSlice                    // []S: the rows of the group
	partSlicePtr                 // []*S
)

// nestedPart is one field of R that holds a model.
type nestedPart struct {
	name   string // the Go field
	index  []int  // reflect.Value.FieldByIndex of the field in R
	t      *schema.Table
	kind   partKind
	first  int // index of its first column in the select list
	elem   reflect.Type
	single bool // no slice: the part identifies the group
}

// plainField is a field of R that is no model, filled by the ColumnExpr
// of its name.
type plainField struct {
	column string
	index  []int
}

// nestedPlan is how rows scan into R.
type nestedPlan struct {
	parts []nestedPart
	plain []plainField
	ncols int // the parts' columns, before the ColumnExpr ones
	group bool
	cells []cell // how each part column scans (partCells), copied per query
}

var nestedPlans sync.Map // reflect.Type -> *nestedPlan, or nil for a flat R

// nestedPlanOf returns R's plan, or nil when R holds no model (Scan's
// flat case).
func nestedPlanOf(rt reflect.Type) (*nestedPlan, error) {
	if v, ok := nestedPlans.Load(rt); ok {
		return v.(*nestedPlan), nil
	}
	if rt.Kind() != reflect.Struct {
		return nil, nil
	}
	plan, err := buildNestedPlan(rt)
	if err != nil {
		return nil, err
	}
	v, _ := nestedPlans.LoadOrStore(rt, plan)
	return v.(*nestedPlan), nil
}

func buildNestedPlan(rt reflect.Type) (*nestedPlan, error) {
	if hasKey(rt) {
		return nil, nil // a model (its own key, or rx.Model's): Scan reads it flat, its relation fields are With's
	}
	plan := &nestedPlan{}
	for i := 0; i < rt.NumField(); i++ {
		f := rt.Field(i)
		if !f.IsExported() || f.Anonymous || f.Tag.Get("rx") == "-" || f.Tag.Get("db") == "-" {
			continue
		}
		part, ok := partOf(f)
		if !ok {
			name, _, _ := strings.Cut(f.Tag.Get("db"), ",")
			if name == "" {
				name = schema.SnakeCase(f.Name)
			}
			plan.plain = append(plan.plain, plainField{column: name, index: f.Index})
			continue
		}
		for _, p := range plan.parts {
			if p.t.Name == part.t.Name {
				return nil, &ModelError{Model: rt.String(), Field: f.Name, Reason: fmt.Sprintf("fields %s and %s both read table %s: rx reads each model field from its model's table, so a second one needs a query of its own", p.name, f.Name, part.t.Name)}
			}
		}
		part.first = plan.ncols
		plan.ncols += len(part.t.Columns)
		plan.group = plan.group || !part.single
		plan.parts = append(plan.parts, part)
	}
	if len(plan.parts) == 0 {
		return nil, nil
	}
	if plan.group && !hasSingle(plan.parts) {
		return nil, &ModelError{Model: rt.String(), Reason: "a slice of models collects the rows of one parent: add a field for the parent model (Post, or *Post) beside it"}
	}
	plan.cells = partCells(plan.parts)
	return plan, nil
}

// partOf reads a field that holds a registered model, or one that TableOf
// accepts, by value, pointer or slice.
func partOf(f reflect.StructField) (nestedPart, bool) {
	t, kind := f.Type, partValue
	switch {
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Pointer:
		t, kind = t.Elem().Elem(), partSlicePtr
	case t.Kind() == reflect.Slice:
		t, kind = t.Elem(), partSlice
	case t.Kind() == reflect.Pointer:
		t, kind = t.Elem(), partPtr
	}
	if t.Kind() != reflect.Struct || t == reflect.TypeFor[time.Time]() || reflect.PointerTo(t).Implements(reflect.TypeFor[sql.Scanner]()) {
		return nestedPart{}, false
	}
	if !hasKey(t) {
		return nestedPart{}, false
	}
	tbl, err := schema.TableOf(t)
	if err != nil {
		return nestedPart{}, false
	}
	return nestedPart{name: f.Name, index: f.Index, t: tbl, kind: kind, elem: t, single: kind <= partPtr}, true
}

func hasSingle(parts []nestedPart) bool {
	for _, p := range parts {
		if p.single {
			return true
		}
	}
	return false
}

// nestedQuery is the query with the parts' columns as its select list,
// the ColumnExpr items after them; every part's table must be the query's
// own or one its joins bring.
func nestedQuery[T any](q *SelectQuery[T], plan *nestedPlan, db *DB) (*SelectQuery[T], error) {
	if len(q.cols) > 0 {
		return nil, fmt.Errorf("rx: Scan into a struct of models selects each model's columns itself: drop Columns from the Select[%s] (ColumnExpr fills the struct's other fields)", q.t.Model())
	}
	k := *q
	k.sel = nil
	quote := db.dialect.Quote
	for _, p := range plan.parts {
		if p.t.Name != q.t.Name && !joinsTable(q.joins, p.t.Name) {
			return nil, fmt.Errorf("rx: Scan: field %s reads table %s, which the Select[%s] does not join: add JoinRelation (LeftJoinRelation when it may be missing), or Join: %w", p.name, quote(p.t.Name), q.t.Model(), ErrMissingJoin)
		}
		for _, c := range p.t.Columns {
			k.sel = append(k.sel, selItem{sql: quote(p.t.Name) + "." + quote(c.Name)})
		}
	}
	k.sel = append(k.sel, q.sel...)
	return &k, nil
}

// hasKey tells a model from a plain struct without registering it, as
// schema does: a key field by name or tag, or an embedded struct with one.
func hasKey(t reflect.Type) bool {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if schema.ReadFieldTags(f.Name, f.Tag).Key {
			return true
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct && hasKey(f.Type) {
			return true
		}
	}
	return false
}
