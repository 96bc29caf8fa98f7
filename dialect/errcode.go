package dialect

import (
	"errors"
	"reflect"
)

// ServerCode is what the database itself said about an error, read from
// whichever Go driver carried it, so that a Dialect classifies errors of
// lib/pq, pgx, go-sql-driver/mysql, modernc.org/sqlite or
// mattn/go-sqlite3 alike without importing any of them.
type ServerCode struct {
	// SQLState is the five-character SQLSTATE (PostgreSQL, MySQL), or "".
	SQLState string
	// Number is the database's own error number: MySQL's error number
	// (1062), SQLite's extended result code (2067); 0 when none.
	Number int
}

// ServerCodeOf finds the first error in err's chain (errors.Unwrap, both
// forms) that carries a code from the database, and reports it. A driver
// error is recognized by either
//
//   - a method SQLState() string (pgx's *pgconn.PgError, lib/pq's
//     *pq.Error) or Code() int (modernc.org/sqlite's *sqlite.Error, whose
//     code is the extended result code), or
//   - exported fields, for driver types that have no such methods:
//     Number (go-sql-driver/mysql's *MySQLError), ExtendedCode
//     (mattn/go-sqlite3's sqlite3.Error) and SQLState as a string or a
//     [5]byte.
//
// A driver whose error type has neither is not classified: wrap its
// errors in a type with a SQLState method, or name it in an issue.
func ServerCodeOf(err error) (ServerCode, bool) {
	for _, e := range chain(err, nil) {
		if c, ok := codeOf(e); ok {
			return c, true
		}
	}
	return ServerCode{}, false
}

// chain lists err and everything it wraps, depth first.
func chain(err error, out []error) []error {
	for err != nil {
		out = append(out, err)
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				out = chain(e, out)
			}
			return out
		default:
			err = errors.Unwrap(err)
		}
	}
	return out
}

func codeOf(e error) (ServerCode, bool) {
	var c ServerCode
	if s, ok := e.(interface{ SQLState() string }); ok {
		c.SQLState = s.SQLState()
	}
	if n, ok := e.(interface{ Code() int }); ok {
		c.Number = n.Code()
	}
	if c != (ServerCode{}) {
		return c, true
	}
	v := reflect.ValueOf(e)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return c, false
	}
	for _, name := range []string{"Number", "ExtendedCode"} {
		if f := v.FieldByName(name); f.IsValid() && f.CanInterface() {
			switch {
			case f.CanInt():
				c.Number = int(f.Int())
			case f.CanUint():
				c.Number = int(f.Uint())
			}
			if c.Number != 0 {
				break
			}
		}
	}
	if f := v.FieldByName("SQLState"); f.IsValid() && f.CanInterface() {
		switch {
		case f.Kind() == reflect.String:
			c.SQLState = f.String()
		case f.Kind() == reflect.Array && f.Type().Elem().Kind() == reflect.Uint8 && f.Len() == 5:
			b := make([]byte, 5)
			reflect.Copy(reflect.ValueOf(b), f)
			if b[0] != 0 {
				c.SQLState = string(b)
			}
		}
	}
	return c, c != (ServerCode{})
}
