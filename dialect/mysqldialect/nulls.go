package mysqldialect

// OrderNulls implements dialect.NullsOrderer: MySQL and MariaDB have no
// NULLS FIRST or NULLS LAST, and sort by expr IS NULL first instead
// (false, 0, before true, 1).
func (Dialect) OrderNulls(expr, dir string, nullsFirst bool) string {
	if nullsFirst {
		return expr + " IS NOT NULL, " + expr + dir
	}
	return expr + " IS NULL, " + expr + dir
}
