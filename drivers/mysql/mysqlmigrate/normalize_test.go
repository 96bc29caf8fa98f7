package mysqlmigrate

import "testing"

func TestNormalizeType(t *testing.T) {
	// Left: what rx's dialect writes; right: what MariaDB reports.
	for model, server := range map[string]string{
		"BOOLEAN":           "tinyint(1)",
		"JSON":              "longtext",
		"BIGINT":            "bigint(20)",
		"INT UNSIGNED":      "int(10) unsigned",
		"TINYINT":           "tinyint(4)",
		"VARCHAR(255)":      "varchar(255)",
		"DATETIME(6)":       "datetime(6)",
		"DOUBLE":            "double",
		"NUMERIC(10,2)":     "decimal(10,2)",
		"BIGINT UNSIGNED":   "bigint(20) unsigned",
		"SMALLINT UNSIGNED": "smallint(5) unsigned",
	} {
		if a, b := NormalizeType(model), NormalizeType(server); a != b {
			t.Errorf("%s -> %q but %s -> %q", model, a, server, b)
		}
	}
	if NormalizeType("VARCHAR(100)") == NormalizeType("varchar(200)") || NormalizeType("INT") == NormalizeType("bigint(20)") {
		t.Error("different types normalize alike")
	}
}

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{`'it\'s'`: `'it''s'`, `'a\\b'`: `'a\b'`, `'plain'`: `'plain'`, `1`: `1`, `"dq"`: `'dq'`, `"it's"`: `'it''s'`} {
		if got := unescape(in); got != want {
			t.Errorf("unescape(%s) = %s, want %s", in, got, want)
		}
	}
}
