package postgres

import (
	"database/sql/driver"

	"github.com/jackc/pgx/v5/pgtype"
)

// sqlValueFunc decodes a column's non-NULL wire bytes into the
// driver.Value pgx's stdlib adapter hands database/sql.
type sqlValueFunc func(src []byte) (driver.Value, error)

// sqlValueOf returns the sqlValueFunc of a column of type oid in format,
// the conversions of stdlib's Rows (initValueFuncs), type for type.
func sqlValueOf(m *pgtype.Map, oid uint32, format int16) sqlValueFunc {
	switch oid {
	case pgtype.BoolOID:
		return decodeAs(m, oid, format, func(d bool) driver.Value { return d })
	case pgtype.ByteaOID, pgtype.JSONOID, pgtype.JSONBOID, pgtype.XMLOID:
		return decodeAs(m, oid, format, func(d []byte) driver.Value { return d })
	case pgtype.CIDOID, pgtype.OIDOID, pgtype.XIDOID:
		return decodeValuer[pgtype.Uint32](m, oid, format)
	case pgtype.DateOID:
		return decodeValuer[pgtype.Date](m, oid, format)
	case pgtype.Float4OID:
		return decodeAs(m, oid, format, func(d float32) driver.Value { return float64(d) })
	case pgtype.Float8OID:
		return decodeAs(m, oid, format, func(d float64) driver.Value { return d })
	case pgtype.Int2OID:
		return decodeAs(m, oid, format, func(d int16) driver.Value { return int64(d) })
	case pgtype.Int4OID:
		return decodeAs(m, oid, format, func(d int32) driver.Value { return int64(d) })
	case pgtype.Int8OID:
		return decodeAs(m, oid, format, func(d int64) driver.Value { return d })
	case pgtype.TimestampOID:
		return decodeValuer[pgtype.Timestamp](m, oid, format)
	case pgtype.TimestamptzOID:
		return decodeValuer[pgtype.Timestamptz](m, oid, format)
	}
	return decodeAs(m, oid, format, func(d string) driver.Value { return d })
}

// decodeAs decodes into a T with pgx's scan plan, planned once per
// column, and converts it as stdlib does.
func decodeAs[T any](m *pgtype.Map, oid uint32, format int16, conv func(T) driver.Value) sqlValueFunc {
	var d T
	plan := m.PlanScan(oid, format, &d)
	return func(src []byte) (driver.Value, error) {
		if err := plan.Scan(src, &d); err != nil {
			return nil, err
		}
		return conv(d), nil
	}
}

// decodeValuer decodes into a pgtype value whose Value is stdlib's.
func decodeValuer[T any, PT interface {
	*T
	driver.Valuer
}](m *pgtype.Map, oid uint32, format int16) sqlValueFunc {
	var d T
	plan := m.PlanScan(oid, format, PT(&d))
	return func(src []byte) (driver.Value, error) {
		if err := plan.Scan(src, PT(&d)); err != nil {
			return nil, err
		}
		return PT(&d).Value()
	}
}
