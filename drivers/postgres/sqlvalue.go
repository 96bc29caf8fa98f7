package postgres

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"reflect"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// The native path must read exactly what database/sql reads through
// pgx's stdlib adapter. Two things make them differ: the result format
// (pgx alone asks for binary wherever it has a codec, and a binary inet,
// interval or array cannot become a string, a binary NUMERIC(40,10) zero
// loses its scale, a binary TIME its precision), and the value a
// destination is handed (database/sql converts one driver.Value per
// column; pgx decodes straight into the destination). So the native path
// asks for the result formats stdlib asks for, and a destination whose
// reading depends on the value's form (a string of a binary column,
// []byte, sql.RawBytes, any, a sql.Scanner) gets the driver.Value stdlib
// would produce, converted as database/sql converts it. Typed
// destinations (integers, floats, bools, a string of a text column)
// decode in pgx as before: their result is the same either way.

// sqlResultFormats are the result formats of pgx's stdlib adapter
// (stdlib's databaseSQLResultFormats): binary for the intrinsic types
// whose driver.Value it decodes itself, text for every other type.
var sqlResultFormats = pgx.QueryResultFormatsByOID{
	pgtype.BoolOID:        pgtype.BinaryFormatCode,
	pgtype.ByteaOID:       pgtype.BinaryFormatCode,
	pgtype.CIDOID:         pgtype.BinaryFormatCode,
	pgtype.DateOID:        pgtype.BinaryFormatCode,
	pgtype.Float4OID:      pgtype.BinaryFormatCode,
	pgtype.Float8OID:      pgtype.BinaryFormatCode,
	pgtype.Int2OID:        pgtype.BinaryFormatCode,
	pgtype.Int4OID:        pgtype.BinaryFormatCode,
	pgtype.Int8OID:        pgtype.BinaryFormatCode,
	pgtype.OIDOID:         pgtype.BinaryFormatCode,
	pgtype.TimestampOID:   pgtype.BinaryFormatCode,
	pgtype.TimestamptzOID: pgtype.BinaryFormatCode,
	pgtype.XIDOID:         pgtype.BinaryFormatCode,
}

var (
	stringPtr   = reflect.TypeFor[*string]()
	stringPtr2  = reflect.TypeFor[**string]()
	bytesPtr    = reflect.TypeFor[*[]byte]()
	rawBytesPtr = reflect.TypeFor[*sql.RawBytes]()
	anyPtr      = reflect.TypeFor[*any]()
	scannerType = reflect.TypeFor[sql.Scanner]()
)

// viaSQLValue reports whether a destination of type t, for a column of
// result format format, is read as database/sql reads it.
func viaSQLValue(t reflect.Type, format int16) bool {
	switch {
	case t == nil:
		return false
	case t == stringPtr || t == stringPtr2:
		// A text column's text is what pgx and stdlib both hand over.
		return format != pgtype.TextFormatCode
	case t == bytesPtr || t == rawBytesPtr || t == anyPtr || t.Implements(scannerType):
		return true
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Pointer:
		return viaSQLValue(t.Elem(), format)
	}
	return false
}

// errNullString is database/sql's refusal of NULL in a string.
var errNullString = errors.New("converting NULL to string is unsupported")

// assignSQLValue stores v in dest as database/sql's convertAssign does,
// for the destinations viaSQLValue selects: database/sql's own
// conversion, reached through sql.Null's Scan.
func assignSQLValue(dest any, v driver.Value) error {
	switch d := dest.(type) {
	case *string:
		if v == nil {
			return errNullString
		}
		var n sql.Null[string]
		err := n.Scan(v)
		*d = n.V
		return err
	case *[]byte:
		var n sql.Null[[]byte]
		err := n.Scan(v)
		*d = n.V
		return err
	case *sql.RawBytes:
		var n sql.Null[sql.RawBytes]
		err := n.Scan(v)
		*d = n.V
		return err
	case *any:
		var n sql.Null[any]
		err := n.Scan(v)
		*d = n.V
		return err
	case sql.Scanner:
		return d.Scan(v)
	}
	// A pointer to one of the above: NULL is nil, a value a new target.
	p := reflect.ValueOf(dest).Elem()
	if v == nil {
		p.SetZero()
		return nil
	}
	target := reflect.New(p.Type().Elem())
	if err := assignSQLValue(target.Interface(), v); err != nil {
		return err
	}
	p.Set(target)
	return nil
}
