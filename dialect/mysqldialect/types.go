package mysqldialect

import (
	"regexp"
	"strings"
)

var (
	intWidth = regexp.MustCompile(`^(tinyint|smallint|mediumint|int|bigint)\(\d+\)`)
	spaces   = regexp.MustCompile(`\s+`)
	decimalN = regexp.MustCompile(`^decimal\((\d+)\)`)
)

// typeAliases are the spellings of one MySQL type that information_schema
// reports under another name.
var typeAliases = map[string]string{
	"boolean": "tinyint(1)", "bool": "tinyint(1)", "tinyint(1)": "tinyint(1)",
	"json": "longtext", // MariaDB's storage of JSON
	"real": "double", "double precision": "double",
	"integer": "int", "decimal": "decimal(10,0)", "numeric": "decimal(10,0)", "dec": "decimal(10,0)",
	"year(4)": "year", "char": "char(1)", "character": "char(1)",
	"datetime(0)": "datetime", "timestamp(0)": "timestamp", "time(0)": "time",
}

// NormalizeType implements dialect.TypeNormalizer: the canonical form of
// a MySQL or MariaDB column type as information_schema reports it: lower
// case, integers without display width (int(11) is INT, smallint(5)
// unsigned is SMALLINT UNSIGNED) but BOOLEAN is tinyint(1), year(4) is
// YEAR, JSON is longtext (MariaDB's storage), INTEGER, NUMERIC, REAL and
// CHARACTER VARYING resolved to int, decimal, double and varchar.
func (Dialect) NormalizeType(t string) string {
	t = strings.TrimSpace(spaces.ReplaceAllString(strings.ToLower(t), " "))
	if a, ok := typeAliases[t]; ok {
		return a
	}
	t = strings.Replace(t, "character varying", "varchar", 1)
	if strings.HasPrefix(t, "character(") {
		t = "char(" + strings.TrimPrefix(t, "character(")
	}
	t = strings.Replace(t, "integer", "int", 1)
	t = strings.Replace(t, "numeric", "decimal", 1)
	t = strings.TrimSuffix(t, " zerofill")
	t = decimalN.ReplaceAllString(t, "decimal($1,0)")
	return strings.ReplaceAll(intWidth.ReplaceAllString(t, "$1"), ", ", ",")
}

// ColumnOnUpdate implements dialect.ColumnOnUpdater: MySQL and MariaDB
// columns take ON UPDATE CURRENT_TIMESTAMP.
func (Dialect) ColumnOnUpdate() {}
