package postgres_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// typeRow holds one value of the column type under test in every kind of
// destination a model can give it: each column of table "nt" is of that
// type. Every type gets a schema of its own (the pool's search_path), so
// that one model serves them all and no cached statement sees another
// type's columns.
type typeRow struct {
	ID int64
	S  string
	P  *string
	N  sql.NullString
	B  []byte
	C  seenValue
}

func (typeRow) TableName() string { return "nt" }

// nullRow is typeRow for the NULL row, without the destinations that
// refuse NULL on database/sql as well (string).
type nullRow struct {
	ID int64
	P  *string
	N  sql.NullString
	B  []byte `rx:"null"`
	C  seenValue
}

func (nullRow) TableName() string { return "nn" }

// The typed destinations, each alone in a model (one wrong kind of
// field would fail the whole row): pgx decodes them itself, and must
// agree with database/sql's conversions, or fail where it fails.
type (
	asInt64 struct{ ID, V int64 }
	asInt32 struct {
		ID int64
		V  int32
	}
	asUint32 struct {
		ID int64
		V  uint32
	}
	asFloat64 struct {
		ID int64
		V  float64
	}
	asFloat32 struct {
		ID int64
		V  float32
	}
	asBool struct {
		ID int64
		V  bool
	}
	asTime struct {
		ID int64
		V  time.Time
	}
	asTimePtr struct {
		ID int64
		V  *time.Time
	}
)

func (asInt64) TableName() string   { return "k_int64" }
func (asInt32) TableName() string   { return "k_int32" }
func (asUint32) TableName() string  { return "k_uint32" }
func (asFloat64) TableName() string { return "k_float64" }
func (asFloat32) TableName() string { return "k_float32" }
func (asBool) TableName() string    { return "k_bool" }
func (asTime) TableName() string    { return "k_time" }
func (asTimePtr) TableName() string { return "k_time_ptr" }

// typedReads are the reads of the typed models: the scan is the same
// in every read, as typeRow's show.
var typedReads = []string{"Get", "Query"}

// typedTables are the tables of the typed models.
var typedTables = []string{"k_int64", "k_int32", "k_uint32", "k_float64", "k_float32", "k_bool", "k_time", "k_time_ptr"}

// seenValue is a sql.Scanner written for database/sql: it records the
// driver.Value it is handed, type and all.
type seenValue struct{ Got string }

func (v *seenValue) Scan(src any) error {
	v.Got = fmt.Sprintf("%T %v", src, src)
	return nil
}

func (v seenValue) Value() (driver.Value, error) { return v.Got, nil }

// typeSamples are a value of each type, as text. A type missing here and
// from typeExcluded fails the test: a new PostgreSQL type gets a sample.
var typeSamples = map[string]string{
	"aclitem": "postgres=r/postgres", "bit": "1", "bool": "true",
	"box": "(1,2),(3,4)", "bpchar": "ab ", "bytea": `\x00ff41`, "char": "a",
	"cid": "7", "cidr": "10.1.0.0/16", "circle": "<(1,2),3>",
	"date": "2024-02-29", "float4": "1.1", "float8": "0.1",
	"inet": "192.168.0.1/24", "int2": "-7", "int4": "42",
	"int8": "9007199254740993", "int2vector": "1 2", "oidvector": "1 2",
	"interval": "1 year 2 mons 3 days 04:05:06.789", "json": `{"a": [1, 2]}`,
	"jsonb": `{"a": [1, 2]}`, "jsonpath": `$.a[*] ? (@ > 1)`,
	"line": "{1,-1,0}", "lseg": "[(0,0),(1,1)]",
	"macaddr": "08:00:2b:01:02:03", "macaddr8": "08:00:2b:01:02:03:04:05",
	"money": "12.34", "name": "n", "numeric": "1.50", "oid": "12345",
	"path": "[(0,0),(1,1)]", "pg_lsn": "16/B374D848",
	"pg_snapshot": "10:20:10,14,15", "txid_snapshot": "10:20:10,14,15",
	"point": "(1,2)", "polygon": "((0,0),(1,1),(1,0))", "refcursor": "c",
	"regclass": "pg_class", "regcollation": `"C"`, "regconfig": "english",
	"regdictionary": "simple", "regnamespace": "pg_catalog",
	"regoper": "||/", "regoperator": "+(int4,int4)", "regproc": "now",
	"regprocedure": "abs(int4)", "regrole": "postgres", "regtype": "int4",
	"text": "hé", "tid": "(1,2)", "time": "12:34:56.789",
	"timestamp": "2024-01-02 03:04:05.123456", "timestamptz": "2024-01-02 03:04:05.5+02",
	"timetz": "12:34:56.789+05:30", "tsquery": "fat & rat",
	"tsvector": "a fat cat", "uuid": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
	"varbit": "101", "varchar": "v", "xid": "5", "xid8": "6", "xml": "<a>b</a>",
	"int4range": "[1,5)", "int8range": "[1,5)", "numrange": "[1.5,2.5]",
	"tsrange":        "[2024-01-01 00:00,2024-01-02 00:00)",
	"tstzrange":      "[2024-01-01 00:00+00,2024-01-02 00:00+00)",
	"daterange":      "[2024-01-01,2024-02-01)",
	"int4multirange": "{[1,3),[5,7)}", "int8multirange": "{[1,3)}",
	"nummultirange": "{[1.5,2.5]}", "datemultirange": "{[2024-01-01,2024-02-01)}",
	"tsmultirange":   "{[2024-01-01 00:00,2024-01-02 00:00)}",
	"tstzmultirange": "{[2024-01-01 00:00+00,2024-01-02 00:00+00)}",
}

// typeExcluded are the base types a table cannot hold a value of.
var typeExcluded = map[string]string{
	"gtsvector":                    "its input function refuses every value (index storage only)",
	"pg_node_tree":                 "its input function refuses every value (catalog storage only)",
	"pg_ndistinct":                 "its input function refuses every value (statistics only)",
	"pg_dependencies":              "its input function refuses every value (statistics only)",
	"pg_mcv_list":                  "its input function refuses every value (statistics only)",
	"pg_brin_bloom_summary":        "its input function refuses every value (index storage only)",
	"pg_brin_minmax_multi_summary": "its input function refuses every value (index storage only)",
}

// typeExtra are column types with a modifier, whose text the modifier
// decides: the declaration and a value.
var typeExtra = [][2]string{
	{"numeric(40,10)", "0"}, {"numeric(40,10)", "-1.5"}, {"time(3)", "12:34:56.789"},
	{"bit(3)", "101"}, {"character(4)", "ab"}, {"varchar(3)", "abc"},
	{"timestamptz(0)", "2024-01-02 03:04:05+00"}, {"interval day to second", "3 days 04:05:06"},
	{"float4", "16777217"}, {"float4", "1e-45"}, {"float8", "1e308"}, {"float8", "NaN"},
	{"numeric", "NaN"}, {"date", "infinity"}, {"timestamptz", "-infinity"}, {"bytea", ""},
	{"text", ""}, {"bool", "false"},
}

// pgType is a column type to test: its declaration and a sample value.
type pgType struct{ name, decl, sample string }

// TestNativeReadsAsDatabaseSQL: for every type a PostgreSQL column can
// have (the base, range and multirange types of pg_type, the arrays of
// them, and modifiers that change the text), every read on the native
// path (Get, All, First, One, Query, QueryOne, in autocommit and in a
// session) gives each kind of destination exactly what database/sql
// gives it, for a value and for NULL. Not parallel: the native path's
// hook is the package's.
func TestNativeReadsAsDatabaseSQL(t *testing.T) {
	ctx := context.Background()
	types := columnTypes(t, rxtest.Open(t, "postgres"))
	s := watch(t)
	for _, ty := range types {
		t.Run(ty.decl+"="+ty.sample, func(t *testing.T) {
			db := typeTables(t, ty)
			s.took()
			compareReads[typeRow](t, ctx, db, s, "nt")
			compareReads[nullRow](t, ctx, db, s, "nn")
			compareReads[asInt64](t, ctx, db, s, "k_int64", typedReads...)
			compareReads[asInt32](t, ctx, db, s, "k_int32", typedReads...)
			compareReads[asUint32](t, ctx, db, s, "k_uint32", typedReads...)
			compareReads[asFloat64](t, ctx, db, s, "k_float64", typedReads...)
			compareReads[asFloat32](t, ctx, db, s, "k_float32", typedReads...)
			compareReads[asBool](t, ctx, db, s, "k_bool", typedReads...)
			compareReads[asTime](t, ctx, db, s, "k_time", typedReads...)
			compareReads[asTimePtr](t, ctx, db, s, "k_time_ptr", typedReads...)
		})
	}
}

// columnTypes lists the types to test from pg_type, with their samples.
func columnTypes(t *testing.T, db *rx.DB) []pgType {
	rows, err := db.SQL().Query(`
		SELECT t.typname, format_type(t.oid, NULL), coalesce(e.typname, ''), coalesce(e.typdelim, ',')
		FROM pg_type t LEFT JOIN pg_type e ON t.typcategory = 'A' AND e.oid = t.typelem
		WHERE t.typnamespace = 'pg_catalog'::regnamespace AND t.typisdefined
		  AND (t.typtype IN ('r', 'm') OR t.typtype = 'b' AND (t.typcategory <> 'A'
		       OR e.typtype IN ('b', 'r', 'm') AND e.typcategory <> 'A' AND t.typname = '_' || e.typname))
		ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []pgType
	for rows.Next() {
		var name, decl, elem, delim string
		if err := rows.Scan(&name, &decl, &elem, &delim); err != nil {
			t.Fatal(err)
		}
		if _, ok := typeExcluded[name]; ok {
			continue
		}
		if _, ok := typeExcluded[elem]; ok && elem != "" {
			continue
		}
		sample, ok := typeSamples[name]
		if es, eok := typeSamples[elem]; elem != "" && eok {
			sample, ok = arrayLiteral(es, delim), true
		}
		if !ok {
			t.Errorf("no sample value for the type %s: add one to typeSamples, or to typeExcluded with the reason", name)
			continue
		}
		out = append(out, pgType{name, decl, sample})
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, x := range typeExtra {
		out = append(out, pgType{x[0], x[0], x[1]})
	}
	return out
}

// arrayLiteral is the text of an array of elem and a NULL.
func arrayLiteral(elem, delim string) string {
	q := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(elem)
	return `{"` + q + `"` + delim + `NULL}`
}

// typeTables opens a fresh database (a schema) holding the tables of
// typeRow and nullRow with columns of ty.
func typeTables(t *testing.T, ty pgType) *rx.DB {
	t.Helper()
	db := rxtest.Open(t, "postgres")
	cols := func(names ...string) string {
		var b strings.Builder
		for _, n := range names {
			fmt.Fprintf(&b, ", %s %s", n, ty.decl)
		}
		return b.String()
	}
	v := "$1::text::" + ty.decl
	// Three statements, two of them several at once (simple protocol,
	// without parameters): 160-odd types make this test's time.
	ddl := `CREATE TABLE nt (id bigint PRIMARY KEY` + cols("s", "p", "n", "b", "c") + `);
		CREATE TABLE nn (id bigint PRIMARY KEY` + cols("p", "n", "b", "c") + `);
		INSERT INTO nn VALUES (1, NULL, NULL, NULL, NULL)`
	var fill strings.Builder
	for _, k := range typedTables {
		ddl += `; CREATE TABLE ` + k + ` (id bigint PRIMARY KEY, v ` + ty.decl + `)`
		fmt.Fprintf(&fill, "INSERT INTO %s SELECT 1, s FROM nt; INSERT INTO %[1]s VALUES (2, NULL);", k)
	}
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{ddl, nil},
		{`INSERT INTO nt VALUES (1, ` + strings.Repeat(v+", ", 4) + v + `)`, []any{ty.sample}},
		{fill.String(), nil},
	} {
		if _, err := db.SQL().ExecContext(context.Background(), q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	return db
}

// compareReads reads row 1 of table into T on database/sql (the truth)
// and with every read of the native path, and fails on any difference.
func compareReads[T any](t *testing.T, ctx context.Context, db *rx.DB, s *seen, table string, reads ...string) {
	t.Helper()
	var want T
	wv := reflect.ValueOf(&want).Elem()
	dest := make([]any, wv.NumField())
	for i := range dest {
		dest[i] = wv.Field(i).Addr().Interface()
	}
	wantErr := sqlRead(ctx, db.SQL(), table, dest)
	for _, r := range nativeReads[T]() {
		if len(reads) > 0 && !slices.Contains(reads, r.name) {
			continue
		}
		got, err := r.read(ctx, db)
		if n := len(s.took()); n != 1 {
			t.Errorf("%s %s: %d statements on the native path, want 1", table, r.name, n)
		}
		if (err != nil) != (wantErr != nil) {
			t.Errorf("%s %s: error %v, database/sql's %v", table, r.name, err, wantErr)
			continue
		}
		if err == nil && show(*got) != show(want) { // NaN is itself
			t.Errorf("%s %s read\n  %s\ndatabase/sql read\n  %s", table, r.name, show(*got), show(want))
		}
	}
}

// sqlRead scans row 1 of table into dest with database/sql.
func sqlRead(ctx context.Context, db *sql.DB, table string, dest []any) error {
	rows, err := db.QueryContext(ctx, `SELECT * FROM `+table+` WHERE id = 1`)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		return fmt.Errorf("no row 1 in %s: %v", table, rows.Err())
	}
	return rows.Scan(dest...)
}

// show prints a row's fields, what pointers point at included.
func show(row any) string {
	v := reflect.ValueOf(row)
	var b strings.Builder
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Kind() == reflect.Pointer && !f.IsNil() {
			f = f.Elem()
		}
		fmt.Fprintf(&b, "%s=%#v ", v.Type().Field(i).Name, f.Interface())
	}
	return b.String()
}

// nativeRead is one way of reading row 1 of T's table on the native path.
type nativeRead[T any] struct {
	name string
	read func(context.Context, *rx.DB) (*T, error)
}

func nativeReads[T any]() []nativeRead[T] {
	one := func(all []T, err error) (*T, error) {
		if err != nil {
			return nil, err
		}
		if len(all) != 1 {
			return nil, fmt.Errorf("%d rows, want 1", len(all))
		}
		return &all[0], nil
	}
	const q = `SELECT * FROM %s WHERE id = $1`
	return []nativeRead[T]{
		{"Get", func(ctx context.Context, db *rx.DB) (*T, error) { return rx.Get[T](ctx, db, int64(1)) }},
		{"All", func(ctx context.Context, db *rx.DB) (*T, error) {
			return one(rx.Select[T](db).Where(rx.Eq{"id": 1}).All(ctx))
		}},
		{"First", func(ctx context.Context, db *rx.DB) (*T, error) { return rx.Select[T](db).OrderBy("id").First(ctx) }},
		{"One", func(ctx context.Context, db *rx.DB) (*T, error) {
			return rx.Select[T](db).Where(rx.Eq{"id": 1}).One(ctx)
		}},
		{"Query", func(ctx context.Context, db *rx.DB) (*T, error) {
			return one(rx.Query[T](ctx, db, fmt.Sprintf(q, tableOf[T]()), 1))
		}},
		{"QueryOne", func(ctx context.Context, db *rx.DB) (*T, error) {
			return rx.QueryOne[T](ctx, db, fmt.Sprintf(q, tableOf[T]()), 1)
		}},
		{"session Get", func(ctx context.Context, db *rx.DB) (got *T, err error) {
			err = db.WithSession(ctx, func(se *rx.Session) error {
				got, err = rx.Get[T](ctx, se, int64(1))
				return err
			})
			return got, err
		}},
	}
}

func tableOf[T any]() string {
	return any(*new(T)).(interface{ TableName() string }).TableName()
}
