package sqltext

import (
	"reflect"
	"testing"
)

func TestSplitKeepsSemicolonsInLiteralsCommentsAndBodies(t *testing.T) {
	script := "-- header; not a statement\nCREATE TABLE a (x TEXT DEFAULT 'a;b');\n\n" +
		"/* c; */ INSERT INTO \"we;ird\" VALUES (1);\n" +
		"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n-- trailing\n"
	var lines []int
	var texts []string
	for _, s := range Split(script) {
		lines = append(lines, s.Line)
		texts = append(texts, s.Text)
	}
	want := []string{
		"-- header; not a statement\nCREATE TABLE a (x TEXT DEFAULT 'a;b');",
		"/* c; */ INSERT INTO \"we;ird\" VALUES (1);",
		"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;",
	}
	if !reflect.DeepEqual(texts, want) || !reflect.DeepEqual(lines, []int{2, 4, 5}) {
		t.Fatalf("got %q at lines %v", texts, lines)
	}
}

func TestCodeDropsCommentsAndLiterals(t *testing.T) {
	got := Code("-- DROP TABLE x\nALTER TABLE \"t\" ADD c TEXT DEFAULT 'DROP TABLE y'")
	if want := " ALTER TABLE \"t\" ADD c TEXT DEFAULT ''"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
