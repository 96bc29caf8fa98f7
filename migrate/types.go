package migrate

import (
	"math/big"
	"regexp"
	"strconv"
	"strings"
)

// DefaultNarrows is the generic answer to Driver.Narrows for normalized type
// names in the usual SQL spellings: a change within one family (integers,
// floating point, character strings, byte strings) to an equal or larger
// size keeps every value; anything else may not.
func DefaultNarrows(from, to string) bool {
	if from == to {
		return false
	}
	ff, fs := typeSize(from)
	tf, ts := typeSize(to)
	return ff == "" || ff != tf || ts < fs
}

var typeFamilies = map[string]struct {
	family string
	size   int
}{
	"boolean": {"int", 0}, "bool": {"int", 0}, "tinyint(1)": {"int", 0},
	"tinyint": {"int", 1}, "smallint": {"int", 2}, "int2": {"int", 2}, "mediumint": {"int", 3},
	"int": {"int", 4}, "integer": {"int", 4}, "int4": {"int", 4}, "bigint": {"int", 8}, "int8": {"int", 8},
	"real": {"float", 4}, "float": {"float", 4}, "float4": {"float", 4},
	"double": {"float", 8}, "double precision": {"float", 8}, "float8": {"float", 8},
	"tinytext": {"text", 255}, "text": {"text", 1 << 30}, "mediumtext": {"text", 1 << 30}, "longtext": {"text", 1 << 31},
	"tinyblob": {"bytes", 255}, "blob": {"bytes", 1 << 30}, "bytea": {"bytes", 1 << 31}, "longblob": {"bytes", 1 << 31},
}

// typeSize places a type in a family with a size: a length for sized
// strings, bytes for numbers.
func typeSize(t string) (string, int) {
	t = strings.ToLower(strings.TrimSpace(t))
	if f, ok := typeFamilies[t]; ok {
		return f.family, f.size
	}
	name, arg, ok := strings.Cut(t, "(")
	if !ok {
		return "", 0
	}
	n, err := strconv.Atoi(strings.TrimSuffix(arg, ")"))
	if err != nil {
		return "", 0
	}
	switch strings.TrimSpace(name) {
	case "varchar", "character varying", "char", "character", "nvarchar":
		return "text", n
	case "varbinary", "binary":
		return "bytes", n
	}
	return "", 0
}

// NormalizeDefault is the generic canonical form of a default
// expression: without enclosing parentheses and PostgreSQL-style casts,
// keywords in lower case, quoted strings as they are.
func NormalizeDefault(expr string) string {
	e := strings.TrimSpace(expr)
	for len(e) >= 2 && e[0] == '(' && e[len(e)-1] == ')' {
		e = strings.TrimSpace(e[1 : len(e)-1])
	}
	if i := strings.LastIndex(e, "::"); i > 0 && !strings.Contains(e[i:], "'") {
		e = e[:i]
	}
	if strings.HasPrefix(e, "'") {
		return e
	}
	e = strings.ToLower(e)
	if e == "null" {
		return ""
	}
	if e == "now()" || currentTimestamp.MatchString(e) {
		return "current_timestamp" // MariaDB reports current_timestamp(6) on DATETIME(6)
	}
	return strings.TrimSuffix(e, "()")
}

var currentTimestamp = regexp.MustCompile(`^current_timestamp(\(\d*\))?$`)

// ColumnDefault is the canonical form of a column's default given its
// normalized type, so that the spellings a database reports compare
// equal to those a model writes: NormalizeDefault, then on a boolean
// column TRUE, true, 1 and '1' are all "true" (MariaDB stores BOOLEAN
// as tinyint(1) and reports a TRUE default as 1), and on a numeric
// column quoted and unquoted numbers are one exact value (PostgreSQL
// reports DEFAULT 7 on a SMALLINT as '7'::smallint, MariaDB DEFAULT 1.5
// on a DECIMAL(10,2) as 1.50).
func ColumnDefault(typ, expr string) string {
	e := NormalizeDefault(expr)
	switch typeClass(typ) {
	case "bool":
		switch unquote(e) {
		case "true", "t", "1", "b'1'":
			return "true"
		case "false", "f", "0", "b'0'":
			return "false"
		}
	case "number":
		var r big.Rat
		if _, ok := r.SetString(unquote(e)); ok {
			return r.RatString()
		}
	}
	return e
}

// unquote strips the quotes of a string literal without quotes inside.
func unquote(e string) string {
	if len(e) >= 2 && e[0] == '\'' && e[len(e)-1] == '\'' && !strings.Contains(e[1:len(e)-1], "'") {
		return strings.ToLower(e[1 : len(e)-1])
	}
	return e
}

var numericTypes = map[string]bool{
	"tinyint": true, "smallint": true, "mediumint": true, "int": true, "integer": true, "bigint": true,
	"int2": true, "int4": true, "int8": true, "real": true, "float": true, "float4": true, "float8": true,
	"double": true, "double precision": true, "decimal": true, "numeric": true,
}

// ZeroValue is the SQL literal of the zero value of a column type, as a
// Go field of that type would hold: FALSE, 0, the empty string, the Unix
// epoch for times, '{}' for JSON, the nil UUID.
func ZeroValue(typ string) string {
	switch typeClass(typ) {
	case "bool":
		return "FALSE"
	case "number":
		return "0"
	case "time":
		return "'1970-01-01 00:00:00'"
	case "json":
		return "'{}'"
	case "uuid":
		return "'00000000-0000-0000-0000-000000000000'"
	}
	return "''"
}

// typeClass is "bool", "number", "time", "json", "uuid" or "" for a
// type name.
func typeClass(typ string) string {
	t := strings.ToLower(strings.TrimSpace(typ))
	switch t {
	case "boolean", "bool", "tinyint(1)":
		return "bool"
	}
	name, _, _ := strings.Cut(t, "(")
	name = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(name, " zerofill"), " unsigned"))
	switch {
	case numericTypes[name]:
		return "number"
	case strings.HasPrefix(name, "timestamp") || strings.HasPrefix(name, "datetime") || name == "date":
		return "time"
	case name == "json" || name == "jsonb":
		return "json"
	case name == "uuid":
		return "uuid"
	}
	return ""
}
