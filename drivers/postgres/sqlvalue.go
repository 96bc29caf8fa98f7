package postgres

import (
	"database/sql"
	"reflect"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// The native path must read exactly what database/sql reads through
// pgx's stdlib adapter. Two things make them differ: the result format
// (pgx alone asks for binary wherever it has a codec, and a binary inet,
// interval or array cannot become a string, a binary NUMERIC(40,10) zero
// loses its scale, a binary TIME its precision), and the value a
// destination is handed (database/sql converts one driver.Value per
// column; pgx decodes straight into the destination). So the native path
// asks for the result formats stdlib asks for, and every destination
// but those pgx is known to decode identically (pgxAsSQL: integers,
// floats and bools of their own column types, a string of a text
// column) gets the driver.Value stdlib would produce, converted as
// database/sql converts it (sqlconvert.go): a string of a binary column,
// []byte, sql.RawBytes, any, a sql.Scanner (rx's time fields among
// them), an integer of a float column. The common fields stay in pgx.

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
	scannerType = reflect.TypeFor[sql.Scanner]()
	rawBytesPtr = reflect.TypeFor[*sql.RawBytes]()
	bytesPtr    = reflect.TypeFor[*[]byte]()
)

// viaSQLValue reports whether a destination of type t, for the column
// fd, is read as database/sql reads it (see assignSQLValue), rather than
// decoded by pgx: all but the destinations pgx is known to decode as
// database/sql converts stdlib's value (pgxAsSQL).
func viaSQLValue(t reflect.Type, fd pgconn.FieldDescription) bool {
	if t == nil {
		return false // a nil destination: pgx skips it
	}
	if t.Kind() != reflect.Pointer || t.Implements(scannerType) || t == rawBytesPtr || t == bytesPtr {
		return true
	}
	e := t.Elem()
	if e.Kind() == reflect.Pointer { // a nullable field: NULL is nil in both
		e = e.Elem()
	}
	return reflect.PointerTo(e).Implements(scannerType) || !pgxAsSQL(e.Kind(), fd)
}

// pgxAsSQL reports whether pgx decodes a column fd into a value of kind
// k exactly as database/sql converts stdlib's driver.Value of it: the
// text of a text column into a string; integers, floats and booleans
// from columns of those types. The rest (a string of a binary column,
// an integer of a NUMERIC, a boolean of text, any struct) is rare
// enough to go through database/sql's conversion.
func pgxAsSQL(k reflect.Kind, fd pgconn.FieldDescription) bool {
	switch k {
	case reflect.String:
		// stdlib decodes the intrinsic types even in text (the simple
		// protocol): a bool is "true" to database/sql, not "t".
		_, intrinsic := sqlResultFormats[fd.DataTypeOID]
		return fd.Format == pgtype.TextFormatCode && !intrinsic
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return fd.DataTypeOID == pgtype.Int2OID || fd.DataTypeOID == pgtype.Int4OID || fd.DataTypeOID == pgtype.Int8OID
	case reflect.Float64:
		return fd.DataTypeOID == pgtype.Float8OID || fd.DataTypeOID == pgtype.Float4OID
	case reflect.Float32:
		return fd.DataTypeOID == pgtype.Float4OID
	case reflect.Bool:
		return fd.DataTypeOID == pgtype.BoolOID
	}
	return false
}
