package rx

import (
	"context"
	"reflect"
	"strings"
	"unsafe"

	sq "github.com/Masterminds/squirrel"
)

// insert writes the link rows from the parent to rows, a link already
// there kept (ON CONFLICT DO NOTHING, or MySQL's no-op update).
func (op *linkOp) insert(ctx context.Context, rows []unsafe.Pointer) error {
	if len(rows) == 0 {
		return nil
	}
	rel := op.rel
	links := make([]unsafe.Pointer, len(rows))
	for i, rp := range rows {
		lp := reflect.New(rel.Through.GoType).UnsafePointer()
		copyKey(rel.ThroughLocal, lp, rel.Local, op.parent)
		copyKey(rel.ThroughRemote, lp, rel.Remote, rp)
		links[i] = lp
	}
	on := &conflict{columns: rel.Through.PrimaryKey}
	_, err := op.db.insertRows(ctx, op.ex, rel.Through, links, on)
	return err
}

// delete removes the parent's links to the related keys, given as
// bind values.
func (op *linkOp) delete(ctx context.Context, remotes []any) error {
	if len(remotes) == 0 {
		return nil
	}
	rel, q := op.rel, op.db.dialect.Quote
	r := resolver{db: op.db, t: rel.Through}
	cond, err := r.cond(sq.Eq{rel.ThroughLocal.Name: rel.Local.Value(op.parent), rel.ThroughRemote.Name: remotes})
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("DELETE FROM " + q(rel.Through.Name) + " WHERE ")
	args, err := writeConds(&b, nil, []Sqlizer{cond})
	if err != nil {
		return err
	}
	_, err = op.db.exec(ctx, op.ex, what{op: "DELETE", table: rel.Through.Name}, op.db.rebind(b.String()), args)
	return opError("delete", rel.Through, err)
}

// linked reads the keys the parent is linked to now, each with its bind
// value.
func (op *linkOp) linked(ctx context.Context) (map[relKey]any, error) {
	rel, q := op.rel, op.db.dialect.Quote
	query := op.db.rebind("SELECT " + q(rel.ThroughRemote.Name) + " FROM " + q(rel.Through.Name) + " WHERE " + q(rel.ThroughLocal.Name) + " = ?")
	rows, err := op.db.query(ctx, op.ex, what{op: "SELECT", table: rel.Through.Name}, query, []any{rel.Local.Value(op.parent)})
	if err != nil {
		return nil, opError("select", rel.Through, err)
	}
	defer rows.Close()
	scratch := reflect.New(rel.Through.GoType).UnsafePointer()
	have := map[relKey]any{}
	for rows.Next() {
		if err := rows.Scan(rel.ThroughRemote.Dest(scratch)); err != nil {
			return nil, op.db.failed(ctx, "select", rel.Through, err)
		}
		have[keyAt(rel.ThroughRemote, scratch)] = rel.ThroughRemote.Value(scratch)
	}
	if err := rows.Err(); err != nil {
		return nil, op.db.failed(ctx, "select", rel.Through, err)
	}
	return have, rows.Close()
}

// keepInField keeps the relation field's rows for which keep is true and
// appends add's rows that it does not hold by key: []*T gets the
// pointers, []T copies.
func (op *linkOp) keepInField(keep func(unsafe.Pointer) bool, add []unsafe.Pointer) {
	rel := op.rel
	field := rel.FieldAt(op.parent)
	elem := func(i int) unsafe.Pointer {
		if rel.Pointers() {
			return field.Index(i).UnsafePointer()
		}
		return field.Index(i).Addr().UnsafePointer()
	}
	out := reflect.MakeSlice(field.Type(), 0, field.Len()+len(add))
	held := map[relKey]bool{}
	for i := range field.Len() {
		if p := elem(i); p != nil && keep(p) {
			out = reflect.Append(out, field.Index(i))
			held[keyAt(rel.Remote, p)] = true
		}
	}
	for _, p := range add {
		if k := keyAt(rel.Remote, p); !held[k] {
			held[k] = true
			v := reflect.NewAt(rel.Target.GoType, p)
			if !rel.Pointers() {
				v = v.Elem()
			}
			out = reflect.Append(out, v)
		}
	}
	field.Set(out)
}
