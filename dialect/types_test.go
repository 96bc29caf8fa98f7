// The pure parts of the three SQL dialects, checked with no server: the
// column type of every Go type, as README.md's table of column types
// promises.
package dialect_test

import (
	"testing"
	"time"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/dialect/mysqldialect"
	"github.com/rxgo/rxdb/dialect/pgdialect"
	"github.com/rxgo/rxdb/dialect/sqlitedialect"
	"github.com/rxgo/rxdb/schema"
)

type allKinds struct {
	ID     int64 `rx:"pk,autoincrement"`
	Bool   bool
	I8     int8
	I16    int16
	I32    int32
	I64    int64
	Int    int
	U8     uint8
	U16    uint16
	U32    uint32
	U64    uint64
	F32    float32
	F64    float64
	Str    string
	Sized  string `rx:"size=64"`
	Keyed  string `rx:"index"`
	Bytes  []byte
	BKeyed []byte `rx:"index"`
	Time   time.Time
	JSON   map[string]int `rx:"json"`
	Money  string         `rx:"type=NUMERIC(10,2)"`
}

func TestColumnTypes(t *testing.T) {
	tbl, err := schema.TableOf(allKinds{})
	if err != nil {
		t.Fatal(err)
	}
	//                      SQLite      MySQL/MariaDB        PostgreSQL
	want := map[string][3]string{
		"bool":    {"BOOLEAN", "BOOLEAN", "BOOLEAN"},
		"i8":      {"INTEGER", "TINYINT", "SMALLINT"},
		"i16":     {"INTEGER", "SMALLINT", "SMALLINT"},
		"i32":     {"INTEGER", "INT", "INTEGER"},
		"i64":     {"INTEGER", "BIGINT", "BIGINT"},
		"int":     {"INTEGER", "BIGINT", "BIGINT"},
		"u8":      {"INTEGER", "TINYINT UNSIGNED", "SMALLINT"},
		"u16":     {"INTEGER", "SMALLINT UNSIGNED", "INTEGER"},
		"u32":     {"INTEGER", "INT UNSIGNED", "BIGINT"},
		"u64":     {"INTEGER", "BIGINT UNSIGNED", "BIGINT"},
		"f32":     {"REAL", "DOUBLE", "REAL"},
		"f64":     {"REAL", "DOUBLE", "DOUBLE PRECISION"},
		"str":     {"TEXT", "TEXT", "TEXT"},
		"sized":   {"VARCHAR(64)", "VARCHAR(64)", "VARCHAR(64)"},
		"keyed":   {"TEXT", "VARCHAR(255)", "TEXT"},
		"bytes":   {"BLOB", "LONGBLOB", "BYTEA"},
		"b_keyed": {"BLOB", "VARBINARY(255)", "BYTEA"},
		"time":    {"DATETIME", "DATETIME(6)", "TIMESTAMPTZ"},
		"json":    {"TEXT", "JSON", "JSONB"},
		"money":   {"NUMERIC(10,2)", "NUMERIC(10,2)", "NUMERIC(10,2)"},
	}
	dialects := []dialect.Dialect{sqlitedialect.Dialect{}, mysqldialect.Dialect{}, pgdialect.Dialect{}}
	for name, types := range want {
		c := tbl.Column(name)
		if c == nil {
			t.Fatalf("no column %s", name)
		}
		for i, d := range dialects {
			if got := d.ColumnType(c); got != types[i] {
				t.Errorf("%s: %s column type = %s, want %s", d.Name(), name, got, types[i])
			}
		}
	}
}

// TestSameType: the spellings of one column type that each database
// stores alike compare equal, and different types do not.
func TestSameType(t *testing.T) {
	for _, tc := range []struct {
		d     dialect.Dialect
		equal [][2]string
		apart [][2]string
	}{
		{sqlitedialect.Dialect{}, [][2]string{{"INT", "INTEGER"}, {"bigint", "INTEGER"}, {"SMALLINT", "int"}, {"UNSIGNED BIG INT", "INTEGER"}, {"INT(11)", "INTEGER"},
			{"TEXT", "clob"}, {"VARCHAR(20)", "NVARCHAR(20)"}, {"CHARACTER VARYING(20)", "varchar( 20 )"}, {"DOUBLE", "REAL"}, {"FLOAT", "DOUBLE PRECISION"},
			{"DECIMAL(10,2)", "NUMERIC(10, 2)"}},
			[][2]string{{"INTEGER", "TEXT"}, {"VARCHAR(20)", "TEXT"}, {"VARCHAR(20)", "VARCHAR(30)"}, {"DATETIME", "NUMERIC"}, {"BOOLEAN", "INTEGER"}, {"BLOB", "TEXT"}, {"REAL", "NUMERIC"}}},
		{mysqldialect.Dialect{}, [][2]string{{"YEAR", "year(4)"}, {"INT", "int(11)"}, {"integer", "INT"}, {"BOOL", "tinyint(1)"}, {"SMALLINT UNSIGNED", "smallint(5) unsigned"},
			{"NUMERIC(10, 2)", "decimal(10,2)"}, {"DECIMAL(10)", "decimal(10,0)"}, {"CHARACTER VARYING(20)", "varchar(20)"}, {"DOUBLE PRECISION", "double"}},
			[][2]string{{"INT", "BIGINT"}, {"tinyint(1)", "tinyint(4)"}, {"INT", "INT UNSIGNED"}, {"VARCHAR(20)", "VARCHAR(30)"}}},
		{pgdialect.Dialect{}, [][2]string{{"INT", "integer"}, {"int4", "INTEGER"}, {"VARCHAR(64)", "character varying(64)"}, {"TIMESTAMPTZ", "timestamp with time zone"}},
			[][2]string{{"INTEGER", "BIGINT"}, {"timestamp", "timestamptz"}}},
	} {
		for _, p := range tc.equal {
			if !dialect.SameType(tc.d, p[0], p[1]) {
				t.Errorf("%s: %s and %s differ (%s, %s)", tc.d.Name(), p[0], p[1], dialect.NormalizeType(tc.d, p[0]), dialect.NormalizeType(tc.d, p[1]))
			}
		}
		for _, p := range tc.apart {
			if dialect.SameType(tc.d, p[0], p[1]) {
				t.Errorf("%s: %s and %s are one type (%s)", tc.d.Name(), p[0], p[1], dialect.NormalizeType(tc.d, p[0]))
			}
		}
	}
}
