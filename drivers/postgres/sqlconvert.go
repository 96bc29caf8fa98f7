package postgres

import (
	"bytes"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"strconv"
)

// assignSQLValue stores src, a driver.Value of pgx's stdlib, in dest as
// database/sql's Rows.Scan does (convertAssign): through sql.Null's
// Scan, which is that conversion, for the common destinations, and for
// the others by the same rules as convertAssign's reflection.
func assignSQLValue(dest any, src driver.Value) error {
	switch d := dest.(type) {
	case sql.Scanner:
		return d.Scan(src)
	case *string:
		if src == nil {
			return errors.New("converting NULL to string is unsupported")
		}
		return nullScan(d, src)
	case *[]byte:
		return nullScan(d, src)
	case *sql.RawBytes:
		return nullScan(d, src)
	case *any:
		return nullScan(d, src)
	case *bool:
		v, err := driver.Bool.ConvertValue(src)
		if err == nil {
			*d = v.(bool)
		}
		return err
	}
	return assignReflect(dest, src)
}

// nullScan is database/sql's conversion of a non-NULL src into *d, or
// NULL into the zero value.
func nullScan[T any](d *T, src driver.Value) error {
	var n sql.Null[T]
	err := n.Scan(src)
	*d = n.V
	return err
}

// assignReflect is the end of database/sql's convertAssign: assignable
// and convertible values, pointers, and numbers and strings through
// their text.
func assignReflect(dest any, src driver.Value) error {
	dpv := reflect.ValueOf(dest)
	if dpv.Kind() != reflect.Pointer || dpv.IsNil() {
		return errors.New("destination not a non-nil pointer")
	}
	sv, dv := reflect.ValueOf(src), dpv.Elem()
	if sv.IsValid() && sv.Type().AssignableTo(dv.Type()) {
		if b, ok := src.([]byte); ok {
			sv = reflect.ValueOf(bytes.Clone(b))
		}
		dv.Set(sv)
		return nil
	}
	if sv.IsValid() && dv.Kind() == sv.Kind() && sv.Type().ConvertibleTo(dv.Type()) {
		dv.Set(sv.Convert(dv.Type()))
		return nil
	}
	k := dv.Kind()
	if k == reflect.Pointer {
		if src == nil {
			dv.SetZero()
			return nil
		}
		dv.Set(reflect.New(dv.Type().Elem()))
		return assignSQLValue(dv.Interface(), src)
	}
	if src == nil {
		return fmt.Errorf("converting NULL to %s is unsupported", k)
	}
	return assignText(dv, src, dest)
}

// assignText is convertAssign's conversion of a number or a string
// through its text.
func assignText(dv reflect.Value, src driver.Value, dest any) error {
	s := asString(src)
	var err error
	switch k := dv.Kind(); {
	case dv.CanInt():
		var n int64
		if n, err = strconv.ParseInt(s, 10, dv.Type().Bits()); err == nil {
			dv.SetInt(n)
		}
	case dv.CanUint():
		var n uint64
		if n, err = strconv.ParseUint(s, 10, dv.Type().Bits()); err == nil {
			dv.SetUint(n)
		}
	case dv.CanFloat():
		var f float64
		if f, err = strconv.ParseFloat(s, dv.Type().Bits()); err == nil {
			dv.SetFloat(f)
		}
	case k == reflect.String:
		switch v := src.(type) {
		case string:
			dv.SetString(v)
			return nil
		case []byte:
			dv.SetString(string(v))
			return nil
		}
		fallthrough
	default:
		return fmt.Errorf("unsupported Scan, storing driver.Value type %T into type %T", src, dest)
	}
	if ne, ok := err.(*strconv.NumError); ok {
		err = ne.Err
	}
	if err != nil {
		return fmt.Errorf("converting driver.Value type %T (%q) to a %s: %v", src, s, dv.Kind(), err)
	}
	return nil
}

// asString is database/sql's text of a driver.Value.
func asString(src any) string {
	switch v := src.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	rv := reflect.ValueOf(src)
	switch {
	case rv.CanInt():
		return strconv.FormatInt(rv.Int(), 10)
	case rv.CanUint():
		return strconv.FormatUint(rv.Uint(), 10)
	case rv.Kind() == reflect.Float64:
		return strconv.FormatFloat(rv.Float(), 'g', -1, 64)
	case rv.Kind() == reflect.Float32:
		return strconv.FormatFloat(rv.Float(), 'g', -1, 32)
	case rv.Kind() == reflect.Bool:
		return strconv.FormatBool(rv.Bool())
	}
	return fmt.Sprintf("%v", src)
}
