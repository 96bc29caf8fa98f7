package rx

import (
	"fmt"
	"reflect"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// The arguments of Session.Add, Session.Insert and DB.Insert: each is a
// pointer to a model (one row) or a slice of rows of one model, []*T or
// []T, or a pointer to such a slice, as GORM's Create(&users) and bun's
// Model(&users) take them. A slice stands for its elements, in order, and
// the rows are written exactly as if they had been passed one by one:
// grouped by model into the same multi-row INSERTs, their generated keys
// set. The rows of a []T are its elements in the slice's backing array,
// whose keys rx sets in place; a []T passed by value shares that array
// with the caller's slice, so the caller sees them.
//
// Every argument is checked before any SQL is sent, and a bad one is an
// error naming it (models[i], or models[i][k] for an element).

// rowArg is one checked argument: a single row, or a slice of rows.
type rowArg struct {
	t     *schema.Table
	one   unsafe.Pointer // the single row; nil for a slice
	slice reflect.Value  // the slice, when one is nil
	ptrs  bool           // the slice holds pointers to rows
}

// len is the number of rows the argument holds.
func (a *rowArg) len() int {
	if a.one != nil {
		return 1
	}
	return a.slice.Len()
}

// row is the address of the argument's row k.
func (a *rowArg) row(k int) unsafe.Pointer {
	if a.one != nil {
		return a.one
	}
	e := a.slice.Index(k)
	if a.ptrs {
		return e.UnsafePointer()
	}
	return e.Addr().UnsafePointer()
}

// parseRowArg checks models[i], an argument of op ("Add", "Insert").
func parseRowArg(op string, i int, m any) (rowArg, error) {
	v := reflect.ValueOf(m)
	if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct {
		t, err := schema.TableOf(v.Type())
		if err != nil {
			return rowArg{}, fmt.Errorf("rx: %s: models[%d]: %w", op, i, err)
		}
		return rowArg{t: t, one: v.UnsafePointer()}, nil
	}
	if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Slice {
		v = v.Elem() // a pointer to a slice, as in GORM's Create(&rows)
	}
	if v.Kind() != reflect.Slice {
		return rowArg{}, badRowArg(op, i, m)
	}
	return sliceArg(op, i, v)
}

// sliceArg checks models[i], the slice v of rows.
func sliceArg(op string, i int, v reflect.Value) (rowArg, error) {
	et := v.Type().Elem()
	ptrs := et.Kind() == reflect.Pointer
	st := et
	if ptrs {
		st = et.Elem()
	}
	if st.Kind() != reflect.Struct {
		hint := "a []*Model or []Model of one model struct (or a pointer to one)"
		if et.Kind() == reflect.Interface {
			hint = "a slice typed by its model, []*Model or []Model, so that rx knows the table; or spread the rows as separate arguments (" + op + "(rows...))"
		}
		return rowArg{}, fmt.Errorf("rx: %s: models[%d] is a %s, not a slice of models: pass %s", op, i, v.Type(), hint)
	}
	t, err := schema.TableOf(st)
	if err != nil {
		return rowArg{}, fmt.Errorf("rx: %s: models[%d] is a %s: %w", op, i, v.Type(), err)
	}
	if ptrs {
		for k := range v.Len() {
			if v.Index(k).IsNil() {
				return rowArg{}, fmt.Errorf("rx: %s: models[%d][%d] is a nil %s: every element of a %s passed to %s must point at a row; leave the nil ones out", op, i, k, et, v.Type(), op)
			}
		}
	}
	return rowArg{t: t, slice: v, ptrs: ptrs}, nil
}

// badRowArg explains models[i], neither a row nor a slice of rows.
func badRowArg(op string, i int, m any) error {
	v := reflect.ValueOf(m)
	switch {
	case m == nil:
		return fmt.Errorf("rx: %s: models[%d] is nil: pass a pointer to a model, or a slice of models", op, i)
	case v.Kind() == reflect.Pointer && v.IsNil():
		return fmt.Errorf("rx: %s: models[%d] is a nil %T: pass a pointer to a row (or to a slice of rows)", op, i, m)
	case v.Kind() == reflect.Struct:
		return fmt.Errorf("rx: %s: models[%d] is a %T, not a pointer to one: pass &row, so that rx can set its generated key", op, i, m)
	}
	return fmt.Errorf("rx: %s: models[%d] is a %T: want a pointer to a model struct, or a slice of models ([]*Model, []Model, or a pointer to one)", op, i, m)
}

// parseRowArgs checks every argument of op, appending them to out.
func parseRowArgs(op string, models []any, out []rowArg) ([]rowArg, error) {
	for i, m := range models {
		a, err := parseRowArg(op, i, m)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}
