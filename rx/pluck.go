package rx

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// Pluck runs the query for one column and returns its values in the
// query's order, one per row, as GORM's Pluck and bun's Column do:
//
//	emails, err := rx.Pluck[string](ctx, rx.Select[User](db).
//		Where(rx.Eq{"active": true}).OrderBy("email"), "email")
//
// The query is any Select: Where, Join (column may be "table.column" of
// a joined model), Distinct, OrderBy, Limit and Offset apply; it must
// not have its own Columns, ColumnExpr or With. The column is checked
// against the models as everywhere else, and V must be the type of its
// field (Pluck[int] for an int field, Pluck[*string] for a *string one),
// so that the values scan as they would into the model: times in UTC,
// NULL as nil, JSON decoded. Like Scan, Pluck leaves the query usable.
func Pluck[V, T any](ctx context.Context, q *SelectQuery[T], column string) ([]V, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	sel, c, err := q.pluck(column, reflect.TypeFor[V]())
	if err != nil {
		return nil, err
	}
	db, rows, err := sel.run(ctx, sel.limit, false)
	if err != nil {
		return nil, err
	}
	out, err := scanValues[V](rows, c)
	if err != nil {
		return nil, db.failed(ctx, "select", sel.t, err)
	}
	return out, nil
}

// pluck returns a copy of the query selecting only column, whose field
// must be of type v, and that column.
func (s *SelectQuery[T]) pluck(column string, v reflect.Type) (*SelectQuery[T], *schema.Column, error) {
	if s.err == nil && (s.sel != nil || len(s.with) > 0) {
		return nil, nil, &ColumnError{Model: s.t.Model(), Column: column, Reason: "Pluck selects the one column it names: build the query without Columns, ColumnExpr and With (for several columns, rx.Scan into a struct)"}
	}
	cp := *s // a terminal method: s stays usable
	cp.others = slices.Clip(cp.others)
	sel := &cp
	r, ok := sel.resolver()
	if !ok {
		return nil, nil, sel.err
	}
	ref, c, err := r.column(column)
	if err != nil {
		return nil, nil, err
	}
	if c.GoType != v {
		return nil, nil, &ColumnError{Model: s.t.Model(), Column: column, Reason: fmt.Sprintf("Pluck[%s] of a column whose field %s is of type %s: write rx.Pluck[%s]", v, c.Field, c.GoType, c.GoType)}
	}
	sel.sel = []selItem{{sql: ref}}
	sel.cols = []*schema.Column{s.t.Column(c.Name)}
	return sel, c, nil
}

// scanValues reads the one column of every row into a V, the type of
// c's field, as scanning into the field would, and closes rows.
func scanValues[V any](rows *sql.Rows, c *schema.Column) ([]V, error) {
	defer rows.Close()
	out := []V{}
	var held any
	dest := []any{&held}
	for rows.Next() {
		var zero V
		out = append(out, zero)
		p := unsafe.Pointer(&out[len(out)-1])
		if !c.ScansUserCode() {
			dest[0] = c.FieldDest(p)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if c.ScansUserCode() {
			// As scanDeferred: the field type's Scan runs after Rows.Scan.
			if err := assignScanned(c.FieldDest(p), held); err != nil {
				return nil, fmt.Errorf("sql: Scan error on column index 0, name %q: %w", c.Name, err)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, rows.Close()
}
