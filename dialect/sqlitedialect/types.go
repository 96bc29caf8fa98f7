package sqlitedialect

import "strings"

// NormalizeType implements dialect.TypeNormalizer with SQLite's type
// affinity (https://www.sqlite.org/datatype3.html#determination_of_column_affinity),
// where it decides the storage alone: every type name containing INT is
// INTEGER (INT, BIGINT, SMALLINT, INT8...); CHAR, CLOB or TEXT is TEXT,
// or VARCHAR(n) with a length (CHAR(n), NVARCHAR(n), CHARACTER
// VARYING(n)): SQLite ignores the length, but it is what the schema
// declares, so a model says it with size=n; REAL, FLOA or DOUB is REAL;
// DECIMAL is NUMERIC, its precision kept. Other names are kept as written
// (in upper case): BOOLEAN, DATE, DATETIME and TIMESTAMP have NUMERIC
// affinity, but the driver reads a DATETIME column's text as a time, so
// they are not one type. (A single-column INTEGER PRIMARY KEY is the
// rowid, and INT PRIMARY KEY is not: callers decide that from the name
// as declared, before normalizing it.)
func (Dialect) NormalizeType(t string) string {
	t = strings.Join(strings.Fields(strings.ToUpper(t)), " ")
	name, args, sized := strings.Cut(t, "(")
	name = strings.TrimSpace(name)
	args = strings.ReplaceAll(args, " ", "")
	switch {
	case strings.Contains(name, "INT"):
		return "INTEGER"
	case (strings.Contains(name, "CHAR") || strings.Contains(name, "CLOB") || strings.Contains(name, "TEXT")) && sized:
		return "VARCHAR(" + args
	case strings.Contains(name, "CHAR") || strings.Contains(name, "CLOB") || strings.Contains(name, "TEXT"):
		return "TEXT"
	case strings.Contains(name, "REAL") || strings.Contains(name, "FLOA") || strings.Contains(name, "DOUB"):
		return "REAL"
	case (name == "NUMERIC" || name == "DECIMAL") && sized:
		return "NUMERIC(" + args
	case name == "DECIMAL":
		return "NUMERIC"
	}
	return t
}
