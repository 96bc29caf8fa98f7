package schema

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"time"
	"unsafe"
)

// bindAccessors gives c the two functions the hot path uses instead of
// reflection by name: one reads the field's value for binding, one hands
// database/sql a typed pointer to scan into. Both take the address of the
// field, found from the struct's address by the cached offset.
func bindAccessors(c *Column) {
	if c.Kind == KindJSON {
		t := c.GoType
		c.value = func(p unsafe.Pointer) any { return jsonValue{reflect.NewAt(t, p)} }
		c.dest = func(p unsafe.Pointer) any { return jsonDest{reflect.NewAt(t, p)} }
		c.userScan = true
		return
	}
	switch c.GoType {
	case reflect.TypeFor[int64]():
		access[int64](c)
	case reflect.TypeFor[int]():
		if strconv.IntSize == 64 {
			// Bind and scan an int as the int64 it is: database/sql
			// converts an int64 column value into *int by formatting it
			// as a string and parsing it back, one allocation per value.
			c.value = func(p unsafe.Pointer) any { return *(*int64)(p) }
			c.dest = func(p unsafe.Pointer) any { return (*int64)(p) }
		} else {
			access[int](c)
		}
	case reflect.TypeFor[int32]():
		access[int32](c)
	case reflect.TypeFor[string]():
		access[string](c)
	case reflect.TypeFor[bool]():
		access[bool](c)
	case reflect.TypeFor[float64]():
		access[float64](c)
	case reflect.TypeFor[time.Time]():
		access[time.Time](c)
		c.dest = func(p unsafe.Pointer) any { return timeDest{(*time.Time)(p)} }
	case reflect.TypeFor[[]byte]():
		access[[]byte](c)
		if !c.Nullable {
			// A nil slice is the zero value, not NULL: the column is
			// NOT NULL unless tagged rx:"null".
			c.value = func(p unsafe.Pointer) any {
				if b := *(*[]byte)(p); b != nil {
					return b
				}
				return []byte{}
			}
		} else {
			c.dest = func(p unsafe.Pointer) any { return nullBytesDest{(*[]byte)(p)} }
		}
	case reflect.TypeFor[*string]():
		access[*string](c)
	case reflect.TypeFor[*int64]():
		access[*int64](c)
	case reflect.TypeFor[*time.Time]():
		access[*time.Time](c)
		c.dest = func(p unsafe.Pointer) any { return nullTimeDest{(**time.Time)(p)} }
	default:
		t := c.GoType
		c.value = func(p unsafe.Pointer) any { return reflect.NewAt(t, p).Elem().Interface() }
		c.dest = func(p unsafe.Pointer) any { return reflect.NewAt(t, p).Interface() }
		c.userScan = implementsScanner(t) || t.Kind() == reflect.Pointer && implementsScanner(t.Elem())
	}
}

// ScansUserCode reports whether scanning into c's field runs code of the
// field's type: a sql.Scanner (also behind a pointer) or, for rx:"json",
// the JSON decoder and any UnmarshalJSON. database/sql runs a Scanner
// while Rows.Scan holds the rows' lock, so that a panic there leaves the
// rows impossible to close; rx scans such columns into a plain value
// first and runs the Scanner after Rows.Scan has returned.
func (c *Column) ScansUserCode() bool { return c.userScan }

func access[T any](c *Column) {
	c.value = func(p unsafe.Pointer) any { return *(*T)(p) }
	c.dest = func(p unsafe.Pointer) any { return (*T)(p) }
}

// The accessors below read and write a column's field in a model value
// without reflection by name: p is always the address of a struct of the
// table's Go type (unsafe.Pointer(&model)), and the field is found by its
// cached offset. They are for packages that move rows in and out of
// models, such as rx; passing another type's address corrupts memory.

// Addr is the address of c's field in the struct at p.
func (c *Column) Addr(p unsafe.Pointer) unsafe.Pointer { return unsafe.Add(p, c.offset) }

// Value returns the value of c's field in the struct at p, ready to bind
// as a database/sql argument (JSON fields as their JSON text).
func (c *Column) Value(p unsafe.Pointer) any { return c.value(c.Addr(p)) }

// Dest returns a database/sql Scan destination for c's field in the
// struct at p (times also read from text, JSON fields decoded).
func (c *Column) Dest(p unsafe.Pointer) any { return c.dest(c.Addr(p)) }

// FieldDest is Dest for a value of c's field type standing alone at p
// (not in a struct), such as an element of a slice of column values.
func (c *Column) FieldDest(p unsafe.Pointer) any { return c.dest(p) }

// jsonValue binds a field tagged rx:"json" as its JSON text.
type jsonValue struct{ ptr reflect.Value }

func (v jsonValue) Value() (driver.Value, error) {
	e := v.ptr.Elem()
	if e.Kind() == reflect.Pointer && e.IsNil() {
		return nil, nil
	}
	b, err := json.Marshal(e.Interface())
	if err != nil {
		return nil, fmt.Errorf("rx: encoding JSON column: %w", err)
	}
	return string(b), nil
}

// jsonDest scans JSON text into a field tagged rx:"json".
type jsonDest struct{ ptr reflect.Value }

func (d jsonDest) Scan(src any) error {
	e := d.ptr.Elem()
	var b []byte
	switch s := src.(type) {
	case nil:
		e.SetZero()
		return nil
	case []byte:
		b = s
	case string:
		b = []byte(s)
	default:
		return fmt.Errorf("rx: JSON column holds %T, want text", src)
	}
	e.SetZero()
	if err := json.Unmarshal(b, e.Addr().Interface()); err != nil {
		return fmt.Errorf("rx: decoding JSON column into %s: %w", e.Type(), err)
	}
	return nil
}

// nullBytesDest scans a nullable []byte column: NULL is nil, and any
// other value, even an empty one, a non-nil slice. database/sql alone
// cannot tell them apart when a driver (SQLite's) hands back an empty
// BLOB as a nil slice.
type nullBytesDest struct{ p *[]byte }

func (d nullBytesDest) Scan(src any) error {
	switch s := src.(type) {
	case nil:
		*d.p = nil
	case []byte:
		*d.p = append(make([]byte, 0, len(s)), s...) // src is the driver's buffer
	case string:
		*d.p = []byte(s)
	default:
		return fmt.Errorf("rx: []byte column holds %T", src)
	}
	return nil
}

// SetInt stores n in c's integer field in the struct at p: a generated
// key, a version.
func (c *Column) SetInt(p unsafe.Pointer, n int64) {
	v := reflect.NewAt(c.GoType, c.Addr(p)).Elem()
	if v.CanInt() {
		v.SetInt(n)
	} else {
		v.SetUint(uint64(n))
	}
}

// Int reads c's integer field in the struct at p.
func (c *Column) Int(p unsafe.Pointer) int64 {
	v := reflect.NewAt(c.GoType, c.Addr(p)).Elem()
	if v.CanInt() {
		return v.Int()
	}
	return int64(v.Uint())
}

// IsZero reports whether c's field in the struct at p is the zero value.
func (c *Column) IsZero(p unsafe.Pointer) bool {
	if c.GoType == reflect.TypeFor[int64]() {
		return *(*int64)(c.Addr(p)) == 0
	}
	return reflect.NewAt(c.GoType, c.Addr(p)).Elem().IsZero()
}
