package mysqldialect

// NullsTerm implements dialect.NullsOrderer. MySQL and MariaDB have no
// NULLS FIRST or NULLS LAST and sort NULL as the smallest value (first
// ascending, last descending); the other two orders sort by expr IS NULL
// (false, 0, before true, 1) first.
func (Dialect) NullsTerm(expr, dir string, nullsFirst bool) string {
	desc := dir == " DESC"
	switch {
	case nullsFirst != desc:
		return ""
	case nullsFirst:
		return expr + " IS NOT NULL"
	}
	return expr + " IS NULL"
}
