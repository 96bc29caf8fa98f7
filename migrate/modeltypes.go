package migrate

import (
	"strconv"
	"strings"

	"github.com/rxgo/rxdb/schema"
)

// goColumn is the Go side of a live column in a generated model: the
// field's type, the kind rx reads from it, and a size= for a sized string.
type goColumn struct {
	goType string
	kind   schema.Kind
	size   int
}

// goColumnOf maps a normalized live column type of dialect to the Go type
// that holds its values: integers by width and sign, exact decimals as
// strings (rx binds and reads them as text, so no digit is lost), times as
// time.Time, and anything rx has no kind for as a string. The exact SQL
// type is kept with type= whenever rx would not write it by itself.
func goColumnOf(dialect, typ string) goColumn {
	t := strings.ToLower(strings.TrimSpace(typ))
	if dialect == "sqlite" {
		return sqliteColumnOf(t)
	}
	if t == "tinyint(1)" && dialect == "mysql" {
		return goColumn{"bool", schema.KindBool, 0}
	}
	unsigned := strings.HasSuffix(t, " unsigned")
	base, args, _ := strings.Cut(strings.TrimSuffix(t, " unsigned"), "(")
	base = strings.TrimSpace(base)
	switch base {
	case "boolean", "bool":
		return goColumn{"bool", schema.KindBool, 0}
	case "tinyint":
		return intColumn(unsigned, 8)
	case "smallint", "int2", "year":
		return intColumn(unsigned, 16)
	case "mediumint", "int", "integer", "int4":
		return intColumn(unsigned, 32)
	case "bigint", "int8":
		return intColumn(unsigned, 64)
	case "float", "real", "float4":
		return goColumn{"float32", schema.KindFloat32, 0}
	case "double", "double precision", "float8":
		return goColumn{"float64", schema.KindFloat64, 0}
	case "varchar", "character varying", "nvarchar":
		return goColumn{"string", schema.KindString, argSize(args)}
	case "varbinary":
		return goColumn{"[]byte", schema.KindBytes, argSize(args)}
	case "bytea", "blob", "tinyblob", "mediumblob", "longblob", "binary":
		return goColumn{"[]byte", schema.KindBytes, 0}
	case "datetime", "timestamp", "timestamp without time zone", "timestamp with time zone", "date":
		return goColumn{"time.Time", schema.KindTime, 0}
	}
	return goColumn{"string", schema.KindString, 0} // text, char, decimal, enum, json, uuid, time...
}

// sqliteColumnOf follows SQLite's rules for a declared type's affinity
// (https://www.sqlite.org/datatype3.html#determination_of_column_affinity),
// with dates and booleans first, as the SQLite driver reads them.
func sqliteColumnOf(t string) goColumn {
	has := func(s ...string) bool {
		for _, x := range s {
			if strings.Contains(t, x) {
				return true
			}
		}
		return false
	}
	switch {
	case has("bool"):
		return goColumn{"bool", schema.KindBool, 0}
	case has("int"):
		return goColumn{"int64", schema.KindInt64, 0}
	case has("date", "time"):
		return goColumn{"time.Time", schema.KindTime, 0}
	case has("char", "clob", "text"):
		size := 0
		if base, args, ok := strings.Cut(t, "("); ok && strings.TrimSpace(base) == "varchar" {
			size = argSize(args)
		}
		return goColumn{"string", schema.KindString, size}
	case has("blob"):
		return goColumn{"[]byte", schema.KindBytes, 0}
	case has("real", "floa", "doub"):
		return goColumn{"float64", schema.KindFloat64, 0}
	}
	return goColumn{"string", schema.KindString, 0} // NUMERIC, DECIMAL: exact, as text
}

func intColumn(unsigned bool, bits int) goColumn {
	kinds := map[int][2]schema.Kind{8: {schema.KindInt8, schema.KindUint8}, 16: {schema.KindInt16, schema.KindUint16},
		32: {schema.KindInt32, schema.KindUint32}, 64: {schema.KindInt64, schema.KindUint64}}
	name := "int" + strconv.Itoa(bits)
	if unsigned {
		return goColumn{"u" + name, kinds[bits][1], 0}
	}
	return goColumn{name, kinds[bits][0], 0}
}

// argSize reads the n of "n)", 0 when it is not a plain length.
func argSize(args string) int {
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(args, ")")))
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// goIdent turns an SQL name into an exported Go name: snake_case parts
// capitalized (artist_id is ArtistID), CamelCase kept (AlbumId), anything
// that is not a letter or digit a part break.
func goIdent(name string) string {
	parts := strings.FieldsFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	var b strings.Builder
	for _, p := range parts {
		if strings.EqualFold(p, "id") {
			b.WriteString("ID")
			continue
		}
		b.WriteString(strings.ToUpper(p[:1]) + p[1:])
	}
	s := b.String()
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		s = "X" + s
	}
	return s
}
