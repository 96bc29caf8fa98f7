package postgres

import (
	"database/sql/driver"
	"reflect"

	"github.com/jackc/pgx/v5"
)

// colReader is how one column's destination reads: decoded by pgx
// (value nil), or as database/sql reads it (see sqlvalue.go). It is
// decided once per query and destination type.
type colReader struct {
	typ   reflect.Type
	value sqlValueFunc
}

// Scan reads the current row into dest: pgx decodes the typed
// destinations, and those that read as database/sql reads get
// stdlib's driver.Value of the column, converted as database/sql does.
func (r *nativeRows) Scan(dest []any) error {
	if !r.plan(dest) {
		return r.rows.Scan(dest...)
	}
	// pgx skips a nil destination.
	r.held = append(r.held[:0], dest...)
	for i, c := range r.cols {
		if c.value != nil {
			dest[i] = nil
		}
	}
	err := r.rows.Scan(dest...)
	copy(dest, r.held)
	if err != nil {
		return err
	}
	raw := r.rows.RawValues()
	for i, c := range r.cols {
		if c.value == nil {
			continue
		}
		var v driver.Value
		if raw[i] != nil {
			if v, err = c.value(raw[i]); err != nil {
				return r.scanErr(i, err)
			}
		}
		if err := assignSQLValue(dest[i], v); err != nil {
			return r.scanErr(i, err)
		}
	}
	return nil
}

// plan decides for each column how dest reads it, when its type is new,
// and reports whether any column reads as database/sql does.
func (r *nativeRows) plan(dest []any) bool {
	fds := r.rows.FieldDescriptions()
	if len(dest) != len(fds) {
		return false // pgx reports it
	}
	if len(r.cols) != len(fds) {
		r.cols = append(r.cols[:0], make([]colReader, len(fds))...)
	}
	via := false
	for i, d := range dest {
		c := &r.cols[i]
		if t := reflect.TypeOf(d); t != c.typ {
			c.typ, c.value = t, nil
			if viaSQLValue(t, fds[i]) {
				c.value = sqlValueOf(r.typeMap, fds[i].DataTypeOID, fds[i].Format)
			}
		}
		via = via || c.value != nil
	}
	return via
}

// scanErr is a conversion error of column i, as pgx reports its own.
func (r *nativeRows) scanErr(i int, err error) error {
	return pgx.ScanArgError{ColumnIndex: i, FieldName: r.rows.FieldDescriptions()[i].Name, Err: err}
}
