package rx

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strconv"
	"unsafe"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// Get loads the row of model T with the given primary key (one value per
// key column, in field order). It returns ErrNotFound when there is none.
func Get[T any](ctx context.Context, q Querier, key ...any) (*T, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	t, err := tableFor[T]()
	if err != nil {
		return nil, err
	}
	if len(key) != len(t.PrimaryKey) {
		return nil, fmt.Errorf("rx: Get[%s] needs %d key value(s) (%v), got %d", t.Model(), len(t.PrimaryKey), columnNames(t.PrimaryKey), len(key))
	}
	for i, c := range t.PrimaryKey {
		if kt := reflect.TypeOf(key[i]); !keyFits(c, kt) {
			return nil, keyTypeError(t, c, kt)
		}
	}
	db, ex, err := readTargetOf(q)
	if err != nil {
		return nil, err
	}
	out := new(T)
	var found bool
	if ok, qerr, serr := db.readNative(ctx, &ex, what{op: "SELECT", table: t.Name}, db.sqlFor(t).get, key, func(rows dialect.NativeRows) (err error) {
		found, err = nativeScanOne(rows, t.Columns, unsafe.Pointer(out))
		return err
	}); ok {
		err = serr
		if qerr != nil {
			return nil, opError("select", t, qerr)
		}
	} else {
		var rows *sql.Rows
		if rows, err = db.query(ctx, ex, what{op: "SELECT", table: t.Name}, db.sqlFor(t).get, key); err != nil {
			return nil, opError("select", t, err)
		}
		found, err = scanOne(rows, t.Columns, unsafe.Pointer(out))
	}
	if err != nil {
		return nil, db.failed(ctx, "select", t, err) // errors can arrive with the rows
	}
	if !found {
		return nil, fmt.Errorf("rx: %s with key %s: %w", t.Model(), formatKey(key), ErrNotFound)
	}
	return out, nil
}

// keyFits reports whether a key value of Go type kt can be compared with
// column c: the databases disagree about a string for an integer key
// (SQLite and MySQL find no row, PostgreSQL fails), so Get refuses it.
// A driver.Valuer may produce anything and is let through.
func keyFits(c *schema.Column, kt reflect.Type) bool {
	if kt == c.GoType {
		return true
	}
	if kt == nil {
		return false
	}
	if kt.Implements(valuerType) {
		return true
	}
	if kt.Kind() == reflect.Pointer {
		kt = kt.Elem()
	}
	switch k := kt.Kind(); c.Kind {
	case schema.KindInt8, schema.KindInt16, schema.KindInt32, schema.KindInt64, schema.KindUint8, schema.KindUint16, schema.KindUint32, schema.KindUint64:
		return reflect.Int <= k && k <= reflect.Uint64
	case schema.KindFloat32, schema.KindFloat64:
		return reflect.Int <= k && k <= reflect.Float64
	case schema.KindString:
		return k == reflect.String
	case schema.KindBool:
		return k == reflect.Bool
	case schema.KindBytes:
		return k == reflect.String || k == reflect.Slice && kt.Elem().Kind() == reflect.Uint8
	case schema.KindTime:
		return kt == timeType
	}
	return true
}

func keyTypeError(t *schema.Table, c *schema.Column, kt reflect.Type) error {
	got := "nil"
	if kt != nil {
		got = kt.String()
	}
	return &ColumnError{Model: t.Model(), Column: c.Name, Reason: fmt.Sprintf("Get[%s] got a key of type %s for this key column, which is %s (field %s)", t.Model(), got, c.GoType, c.Field)}
}

// formatKey renders key values for a message without handing them to
// fmt: that would make every caller's key escape to the heap, one
// allocation per Get even when the row is found.
func formatKey(key []any) string {
	b := []byte{'['}
	for i, k := range key {
		if i > 0 {
			b = append(b, ' ')
		}
		switch v := reflect.ValueOf(k); v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			b = strconv.AppendInt(b, v.Int(), 10)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			b = strconv.AppendUint(b, v.Uint(), 10)
		case reflect.String:
			b = append(b, v.String()...)
		case reflect.Invalid:
			b = append(b, "<nil>"...)
		default:
			b = append(b, '(')
			b = append(b, v.Type().String()...)
			b = append(b, ')')
		}
	}
	return string(append(b, ']'))
}
