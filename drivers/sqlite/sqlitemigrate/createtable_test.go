package sqlitemigrate

import (
	"reflect"
	"testing"

	"github.com/rxgo/rxdb/migrate"
)

// TestParseChecks: the CHECKs of a CREATE TABLE text, at column and
// table level, named or not, with quoted names, nested parentheses and
// "check" inside literals and identifiers that are not constraints.
// (SQLite only: the other databases have catalogs of their constraints.)
func TestParseChecks(t *testing.T) {
	ddl := "CREATE TABLE \"t\" (\n" +
		"\tid INTEGER PRIMARY KEY,\n" +
		"\tqty INTEGER NOT NULL CHECK (qty >= 0),\n" +
		"\tnote TEXT DEFAULT 'check (x)' CONSTRAINT note_len CHECK(length(note) < 10),\n" +
		"\t\"check\" TEXT, checked INTEGER,\n" +
		"\tCONSTRAINT \"ck_t_year\" CHECK (year > 1800 AND (year < 3000)),\n" +
		"\tCONSTRAINT [odd name] CHECK (checked IN (0, 1)),\n" +
		"\tCHECK (note <> ')')\n)"
	want := []*migrate.Check{
		{Expr: "qty >= 0"},
		{Name: "note_len", Expr: "length(note) < 10"},
		{Name: "ck_t_year", Expr: "year > 1800 AND (year < 3000)"},
		{Name: "odd name", Expr: "checked IN (0, 1)"},
		{Expr: "note <> ')'"},
	}
	if got := parseChecks(ddl); !reflect.DeepEqual(got, want) {
		for _, c := range got {
			t.Logf("%+v", *c)
		}
		t.Fatalf("parseChecks: got %d checks, want %d", len(got), len(want))
	}
}

// TestCollations: each column's COLLATE from a CREATE TABLE text, its
// name's case kept, quoted or not; "collate" inside a literal, a CHECK
// or a quoted identifier is not one, and a column without one keeps "".
// (SQLite only: the other databases report collations in their catalogs.)
func TestCollations(t *testing.T) {
	ddl := "CREATE TABLE t (\n" +
		"\tid INTEGER PRIMARY KEY,\n" +
		"\tname TEXT COLLATE NOCASE,\n" +
		"\t\"Title\" TEXT NOT NULL COLLATE \"RTRIM\" DEFAULT 'collate binary',\n" +
		"\tnote TEXT CHECK (note <> 'x' COLLATE NOCASE),\n" +
		"\t[collate] TEXT COLLATE [BINARY],\n" +
		"\tCONSTRAINT ck CHECK (length(name) > 0)\n)"
	tbl := &migrate.Table{Name: "t"}
	for _, n := range []string{"id", "name", "Title", "note", "collate"} {
		tbl.Columns = append(tbl.Columns, &migrate.Column{Name: n})
	}
	collations(tbl, ddl)
	want := map[string]string{"id": "", "name": "NOCASE", "Title": "RTRIM", "note": "", "collate": "BINARY"}
	for _, c := range tbl.Columns {
		if c.Collate != want[c.Name] {
			t.Errorf("column %s: collate %q, want %q", c.Name, c.Collate, want[c.Name])
		}
	}
	if tbl.Collation != binary {
		t.Errorf("table collation %q, want %q", tbl.Collation, binary)
	}
}
