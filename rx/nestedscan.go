package rx

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// How a column of a part is scanned.
const (
	cellDirect uint8 = iota // into the field, by its Dest
	cellHeld                // into an any, handed to the field's Scanner after Rows.Scan
	cellPtr                 // into a **F, so that NULL is seen (a part a LEFT JOIN may miss)
)

// cell is one result column of a part, for one row.
type cell struct {
	c    *schema.Column
	part int
	mode uint8
	held any
	pp   reflect.Value
}

// nestedRows folds the rows of one query into Rs.
type nestedRows[R any] struct {
	plan   *nestedPlan
	cells  []cell
	plain  []plainField // the ColumnExpr columns after the parts', in order
	dest   []any
	out    []R
	groups map[string]int
	seen   map[string]bool
	parts  []unsafe.Pointer // this row's part values
}

func newNestedRows[R any](plan *nestedPlan, plain []plainField) *nestedRows[R] {
	n := &nestedRows[R]{plan: plan, plain: plain, groups: map[string]int{}, seen: map[string]bool{}}
	n.cells = slices.Clone(plan.cells) // they hold the row's values aside
	n.dest = make([]any, len(n.cells)+len(plain))
	n.parts = make([]unsafe.Pointer, len(plan.parts))
	return n
}

// partCells is how each column of the parts is scanned, decided once per
// R: a column whose Scan runs user code is held aside (a panicking
// Scanner must not run inside Rows.Scan, scan_user.go), and so is a
// Scanner of a part a LEFT JOIN may miss; that part's other columns scan
// into a **F, so that NULL is seen.
func partCells(parts []nestedPart) []cell {
	var cells []cell
	for i, p := range parts {
		optional := p.kind != partValue
		probe := reflect.New(p.elem).UnsafePointer()
		for _, c := range p.t.Columns {
			mode := cellDirect
			_, scanner := c.Dest(probe).(sql.Scanner)
			switch {
			case c.ScansUserCode() || optional && scanner:
				mode = cellHeld
			case optional:
				mode = cellPtr
			}
			cells = append(cells, cell{c: c, part: i, mode: mode})
		}
	}
	return cells
}

// row scans the current row and adds it to out.
func (n *nestedRows[R]) row(rows *sql.Rows) error {
	cur := new(R)
	rv := reflect.ValueOf(cur).Elem()
	for i, p := range n.plan.parts {
		if p.kind == partValue {
			n.parts[i] = rv.FieldByIndex(p.index).Addr().UnsafePointer()
		} else {
			n.parts[i] = reflect.New(p.elem).UnsafePointer()
		}
	}
	for i := range n.cells {
		cl := &n.cells[i]
		switch cl.mode {
		case cellDirect:
			n.dest[i] = cl.c.Dest(n.parts[cl.part])
		case cellHeld:
			cl.held, n.dest[i] = nil, &cl.held
		case cellPtr:
			cl.pp = reflect.New(reflect.PointerTo(cl.c.GoType))
			n.dest[i] = cl.pp.Interface()
		}
	}
	for j, f := range n.plain {
		n.dest[len(n.cells)+j] = rv.FieldByIndex(f.index).Addr().Interface()
	}
	if err := rows.Scan(n.dest...); err != nil {
		return err
	}
	present, err := n.finish()
	if err != nil {
		return err
	}
	n.fold(cur, rv, present)
	return nil
}

// finish sets the fields scanned aside and reports which parts are
// there: a part whose key columns are all NULL is not.
func (n *nestedRows[R]) finish() ([]bool, error) {
	present := make([]bool, len(n.plan.parts))
	for i, p := range n.plan.parts {
		present[i] = p.kind == partValue
	}
	for i := range n.cells {
		cl := &n.cells[i]
		p := n.parts[cl.part]
		null := false
		switch cl.mode {
		case cellHeld:
			null = cl.held == nil
			if !null || n.plan.parts[cl.part].kind == partValue {
				if err := assignScanned(cl.c.Dest(p), cl.held); err != nil {
					return nil, fmt.Errorf("sql: Scan error on column index %d, name %q: %w", i, cl.c.Name, err)
				}
			}
		case cellPtr:
			if null = cl.pp.Elem().IsNil(); !null {
				reflect.NewAt(cl.c.GoType, cl.c.Addr(p)).Elem().Set(cl.pp.Elem().Elem())
			}
		}
		if cl.c.PrimaryKey && !null {
			present[cl.part] = true
		}
	}
	return present, nil
}

// fold adds the row: a new R, or, when R has slices, the row's children
// to the R of its parents' keys (each child once).
func (n *nestedRows[R]) fold(cur *R, rv reflect.Value, present []bool) {
	for i, p := range n.plan.parts {
		if p.kind == partPtr && present[i] {
			rv.FieldByIndex(p.index).Set(reflect.NewAt(p.elem, n.parts[i]))
		}
	}
	if !n.plan.group {
		n.out = append(n.out, *cur)
		return
	}
	key := n.groupKey(present)
	at, ok := n.groups[key]
	if !ok {
		at = len(n.out)
		n.groups[key] = at
		n.out = append(n.out, *cur)
	}
	owner := reflect.ValueOf(&n.out[at]).Elem()
	for i, p := range n.plan.parts {
		if p.single || !present[i] {
			continue
		}
		child := n.partKey(key+"\x01", i)
		if n.seen[child] {
			continue // a second slice repeats this one's rows
		}
		n.seen[child] = true
		field := owner.FieldByIndex(p.index)
		v := reflect.NewAt(p.elem, n.parts[i])
		if p.kind == partSlice {
			v = v.Elem()
		}
		field.Set(reflect.Append(field, v))
	}
}

// groupKey is the row's parents: the keys of its parts that are no
// slice (a missing pointer part's as none).
func (n *nestedRows[R]) groupKey(present []bool) string {
	key := ""
	for i, p := range n.plan.parts {
		if !p.single {
			continue
		}
		if !present[i] {
			key += "-;"
			continue
		}
		key = n.partKey(key, i)
	}
	return key
}

// partKey appends part i's primary key to key, each column as the join
// key eager loading compares (keyOf).
func (n *nestedRows[R]) partKey(key string, i int) string {
	for _, c := range n.plan.parts[i].t.PrimaryKey {
		k, form := keyOf(c, n.parts[i])
		key += string(rune('0'+form)) + strconv.FormatInt(k.i, 10) + ":" + k.s + ";"
	}
	return key
}

// scanNested is Scan and ScanOne for an R that holds models.
func scanNested[R, T any](ctx context.Context, q *SelectQuery[T], plan *nestedPlan, limit int64) ([]R, error) {
	if q.err != nil {
		return nil, q.err
	}
	db, _, err := targetOf(q.q)
	if err != nil {
		return nil, err
	}
	k, err := nestedQuery(q, plan, db)
	if err != nil {
		return nil, err
	}
	db, rows, err := k.run(ctx, limit, false)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	plain, err := plainColumns[R](rows, plan)
	if err != nil {
		return nil, err
	}
	n := newNestedRows[R](plan, plain)
	for rows.Next() {
		if err := n.row(rows); err != nil {
			return nil, db.failed(ctx, "select", q.t, err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, db.failed(ctx, "select", q.t, err)
	}
	return n.out, rows.Close()
}

// plainColumns matches the result columns after the parts' (the
// ColumnExpr aliases) to R's other fields.
func plainColumns[R any](rows *sql.Rows, plan *nestedPlan) ([]plainField, error) {
	names, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []plainField
	for _, name := range names[plan.ncols:] {
		i := 0
		for i < len(plan.plain) && plan.plain[i].column != name {
			i++
		}
		if i == len(plan.plain) {
			rt := reflect.TypeFor[R]()
			return nil, &ColumnError{Model: rt.Name(), Column: name, Reason: "the query's ColumnExpr returns this column but " + rt.Name() + " has no field for it besides its model fields"}
		}
		out = append(out, plan.plain[i])
	}
	return out, nil
}

// scanNestedOne is ScanOne's: one R, however many rows its slices take.
func scanNestedOne[R, T any](ctx context.Context, q *SelectQuery[T], plan *nestedPlan) (*R, error) {
	limit := q.oneLimit()
	if plan.group {
		limit = q.limit // the children's rows are the parent's
	}
	out, err := scanNested[R](ctx, q, plan, limit)
	switch {
	case err != nil:
		return nil, err
	case len(out) == 0:
		return nil, ErrNotFound
	case len(out) > 1:
		return nil, ErrMultipleRows
	}
	return &out[0], nil
}
