package rx

import (
	"database/sql"
	"fmt"
	"reflect"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// scanDeferred is scanRow for columns whose Scan runs the field type's own
// code (schema.Column.ScansUserCode). database/sql calls a Scanner while
// Rows.Scan holds the rows' lock: a panic there leaves the lock held, and
// closing the rows (which returns the connection) then waits for ever.
// So those columns are scanned into a plain value, and their Scanner is
// called here once Rows.Scan has returned: a panic then reaches the caller
// with the rows still closable by its deferred Close.
func scanDeferred(rows *sql.Rows, cols []*schema.Column, p unsafe.Pointer, dest []any) error {
	held := make([]any, len(cols))
	for i, c := range cols {
		if c.ScansUserCode() {
			dest[i] = &held[i]
		}
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	for i, c := range cols {
		if !c.ScansUserCode() {
			continue
		}
		if err := assignScanned(c.Dest(p), held[i]); err != nil {
			// database/sql's own wording for a Scanner's error.
			return fmt.Errorf("sql: Scan error on column index %d, name %q: %w", i, c.Name, err)
		}
	}
	return nil
}

// assignScanned hands src to dest as database/sql would: to its Scan
// method, or, for a pointer to a pointer to a Scanner, nil for NULL and
// else a new value scanned by it.
func assignScanned(dest, src any) error {
	if s, ok := dest.(sql.Scanner); ok {
		return s.Scan(src)
	}
	field := reflect.ValueOf(dest).Elem()
	if src == nil {
		field.SetZero()
		return nil
	}
	v := reflect.New(field.Type().Elem())
	field.Set(v)
	return v.Interface().(sql.Scanner).Scan(src)
}
