package pgmigrate

import "testing"

func TestNormalizeType(t *testing.T) {
	// Left: what rx's dialect (or a user's type=) writes; right: what
	// format_type reports.
	for model, server := range map[string]string{
		"BIGINT":           "bigint",
		"INT8":             "bigint",
		"INTEGER":          "integer",
		"SMALLINT":         "smallint",
		"BOOLEAN":          "boolean",
		"VARCHAR(64)":      "character varying(64)",
		"TIMESTAMPTZ":      "timestamp with time zone",
		"DOUBLE PRECISION": "double precision",
		"REAL":             "real",
		"JSONB":            "jsonb",
		"BYTEA":            "bytea",
		"NUMERIC(10, 2)":   "numeric(10,2)",
	} {
		if a, b := NormalizeType(model), NormalizeType(server); a != b {
			t.Errorf("%s -> %q but %s -> %q", model, a, server, b)
		}
	}
	if NormalizeType("VARCHAR(100)") == NormalizeType("character varying(200)") {
		t.Error("different sizes normalize alike")
	}
}

func TestByteaDefault(t *testing.T) {
	for in, want := range map[string]string{`''`: `'\x'`, `'ab'`: `'\x6162'`, `'\x6162'`: `'\x6162'`} {
		if got := byteaDefault(in); got != want {
			t.Errorf("byteaDefault(%s) = %s, want %s", in, got, want)
		}
	}
}
