package pgdialect

import (
	"regexp"
	"strings"
)

var (
	spaces  = regexp.MustCompile(`\s+`)
	aliases = map[string]string{
		"int8": "bigint", "bigserial": "bigint", "serial8": "bigint",
		"int": "integer", "int4": "integer", "serial": "integer", "serial4": "integer",
		"int2": "smallint", "smallserial": "smallint", "serial2": "smallint",
		"bool": "boolean", "float8": "double precision", "float": "double precision", "float4": "real",
		"varchar": "character varying", "char": "character", "decimal": "numeric",
		"timestamptz": "timestamp with time zone", "timestamp": "timestamp without time zone",
		"timetz": "time with time zone", "time": "time without time zone",
	}
)

// NormalizeType implements dialect.TypeNormalizer: the canonical form of
// a PostgreSQL type, as format_type reports it: aliases resolved (int4 is
// integer, varchar(n) is character varying(n)), lower case.
func (Dialect) NormalizeType(t string) string {
	t = strings.TrimSpace(spaces.ReplaceAllString(strings.ToLower(t), " "))
	name, args, hasArgs := strings.Cut(t, "(")
	if a, ok := aliases[strings.TrimSpace(name)]; ok {
		name = a
	}
	if hasArgs {
		return name + "(" + strings.ReplaceAll(args, " ", "")
	}
	return name
}
