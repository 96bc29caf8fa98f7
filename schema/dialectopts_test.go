package schema

import (
	"reflect"
	"testing"
)

type optsModel struct {
	ID    int64  `rx:"type.postgres=INTEGER"`
	Title string `rx:"type=TEXT,type.mysql=MEDIUMTEXT,default='a',default.sqlite='b',collate=C,collate.mysql=utf8mb4_bin"`
	Plain string
}

// TestDialectOptions: an option.<dialect>= value replaces the plain
// option on that dialect only, and a key typed per dialect is not made
// a generated key by convention (as with type=).
func TestDialectOptions(t *testing.T) {
	tbl, err := buildTable(reflect.TypeFor[optsModel]())
	if err != nil {
		t.Fatal(err)
	}
	c := tbl.Column("title")
	for d, want := range map[string][3]string{"mysql": {"MEDIUMTEXT", "'a'", "utf8mb4_bin"}, "postgres": {"TEXT", "'a'", "C"}, "sqlite": {"TEXT", "'b'", "C"}} {
		def, ok := c.DefaultFor(d)
		if got := [3]string{c.SQLTypeFor(d), def, c.CollateFor(d)}; got != want || !ok {
			t.Errorf("%s: %v, want %v", d, got, want)
		}
	}
	if v, ok := c.Override("type", "mysql"); !ok || v != "MEDIUMTEXT" {
		t.Errorf("Override: %q %v", v, ok)
	}
	if _, ok := tbl.Column("plain").DefaultFor("mysql"); ok || tbl.Column("plain").SQLTypeFor("mysql") != "" {
		t.Error("plain column has a default or type")
	}
	if id := tbl.Column("id"); !id.PrimaryKey || id.AutoIncrement {
		t.Errorf("id: pk %v autoincrement %v", id.PrimaryKey, id.AutoIncrement)
	}
}
