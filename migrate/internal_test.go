package migrate

import (
	"testing"
	"time"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"add phone":                  "add_phone",
		"  Add Phone & e-mail!  ":    "add_phone_e_mail",
		"":                           "migration",
		"ünïcode only":               "n_code_only",
		"v3: types, nullable, drop ": "v3_types_nullable_drop",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNextVersion(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 3600))
	if got := nextVersion(now, 0); got != 20260102020405 {
		t.Errorf("nextVersion = %d, want the UTC timestamp 20260102020405", got)
	}
	// A clock behind the newest file still gives a newer version.
	if got := nextVersion(now, 20270101000000); got != 20270101000001 {
		t.Errorf("nextVersion after a newer file = %d", got)
	}
}

func TestDefaultNarrows(t *testing.T) {
	for _, c := range []struct {
		from, to string
		want     bool
	}{
		{"varchar(100)", "varchar(200)", false},
		{"varchar(200)", "varchar(100)", true},
		{"character varying(10)", "text", false},
		{"text", "varchar(255)", true},
		{"int", "bigint", false},
		{"bigint", "integer", true},
		{"real", "double precision", false},
		{"double", "float", true},
		{"text", "bigint", true},
		{"jsonb", "text", true}, // unknown family: assume the worst
	} {
		if got := DefaultNarrows(c.from, c.to); got != c.want {
			t.Errorf("DefaultNarrows(%q, %q) = %v, want %v", c.from, c.to, got, c.want)
		}
	}
}

func TestNormalizeDefault(t *testing.T) {
	for in, want := range map[string]string{
		"0":                   "0",
		"('x')":               "'x'",
		"'x'::text":           "'x'",
		"CURRENT_TIMESTAMP":   "current_timestamp",
		"current_timestamp()": "current_timestamp",
		"NULL":                "",
		"'It''s'":             "'It''s'",
	} {
		if got := NormalizeDefault(in); got != want {
			t.Errorf("NormalizeDefault(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumnDefault(t *testing.T) {
	for _, c := range []struct{ typ, a, b string }{
		{"tinyint(1)", "1", "TRUE"},
		{"boolean", "true", "TRUE"},
		{"BOOLEAN", "'0'", "false"},
		{"smallint", "'7'::smallint", "7"},
		{"decimal(10,2)", "1.50", "1.5"},
		{"numeric(10,2)", "1.5", "'1.50'::numeric"},
		{"bigint unsigned", "18446744073709551615", "'18446744073709551615'"},
		{"datetime(6)", "current_timestamp(6)", "CURRENT_TIMESTAMP"},
		{"timestamp with time zone", "now()", "CURRENT_TIMESTAMP"},
		{"text", "'x'::text", "'x'"},
	} {
		if a, b := ColumnDefault(c.typ, c.a), ColumnDefault(c.typ, c.b); a != b {
			t.Errorf("%s: %s -> %q but %s -> %q", c.typ, c.a, a, c.b, b)
		}
	}
	for _, c := range []struct{ typ, a, b string }{
		{"text", "'5'", "5"},
		{"tinyint(1)", "1", "0"},
		{"bigint unsigned", "18446744073709551615", "18446744073709551614"},
		{"text", "'True'", "'true'"},
	} {
		if a, b := ColumnDefault(c.typ, c.a), ColumnDefault(c.typ, c.b); a == b {
			t.Errorf("%s: %s and %s both -> %q", c.typ, c.a, c.b, a)
		}
	}
}

func TestZeroValue(t *testing.T) {
	for typ, want := range map[string]string{
		"tinyint(1)": "FALSE", "BOOLEAN": "FALSE", "bigint(20)": "0", "int unsigned": "0", "numeric(10,2)": "0",
		"double precision": "0", "datetime(6)": "'1970-01-01 00:00:00'", "timestamp with time zone": "'1970-01-01 00:00:00'",
		"jsonb": "'{}'", "uuid": "'00000000-0000-0000-0000-000000000000'", "character varying(40)": "''", "TEXT": "''", "bytea": "''",
	} {
		if got := ZeroValue(typ); got != want {
			t.Errorf("ZeroValue(%q) = %s, want %s", typ, got, want)
		}
	}
}

// TestShellQuote: the program is printed as invoked, quoted only when a
// shell would split or expand it.
func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"./app":              "./app",
		"app":                "app",
		"/usr/local/bin/app": "/usr/local/bin/app",
		"bin/my app":         "'bin/my app'",
		"it's":               `'it'\''s'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}
