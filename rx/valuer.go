package rx

import (
	"database/sql/driver"
	"fmt"
	"reflect"
)

// valuesOf returns args with every driver.Valuer replaced by its value,
// called here, before database/sql is entered. database/sql calls a
// Valuer (or lets the driver call it) inside a query while it holds the
// transaction's lock, and releases that lock without defer: a Valuer that
// panics there leaves the lock held, and the session's rollback then
// waits for ever (golang/go#26332, #50953), or, outside a transaction,
// the connection never returns to the pool. Called here, a panic leaves
// nothing held and reaches WithSession's caller after the rollback.
// Statements (db.exec) go through it too, through bindArgs, so that both
// paths bind the same values (times in UTC among them). args is copied
// only when it holds a Valuer, since it may be the caller's slice.
func valuesOf(args []any) ([]any, error) {
	var out []any
	for i, a := range args {
		vr, ok := a.(driver.Valuer)
		if !ok {
			continue
		}
		if out == nil {
			out = make([]any, len(args))
			copy(out, args)
		}
		v, err := callValuer(vr)
		if err != nil {
			return nil, fmt.Errorf("rx: argument %d (%T): %w", i+1, a, err)
		}
		out[i] = v
	}
	if out == nil {
		return args, nil
	}
	return out, nil
}

// bindArgs readies a statement's arguments before they reach the
// driver, on database/sql and the native path alike: Valuers called
// (valuesOf), times made UTC, or text in the URL's format (utcArgs,
// after the Valuers, whose sql.NullTime may hold one), floats the database cannot store refused.
func (db *DB) bindArgs(args []any) ([]any, error) {
	args, err := valuesOf(args)
	if err != nil {
		return nil, err
	}
	args = utcArgs(args, db.timeText)
	return args, db.checkFloats(args)
}

// callValuer calls vr.Value as database/sql does: a nil pointer whose
// type has a value-receiver Value method is NULL, not a nil dereference.
func callValuer(vr driver.Valuer) (driver.Value, error) {
	if rv := reflect.ValueOf(vr); rv.Kind() == reflect.Pointer && rv.IsNil() && rv.Type().Elem().Implements(valuerType) {
		return nil, nil
	}
	return vr.Value()
}
