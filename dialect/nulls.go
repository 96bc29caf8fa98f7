package dialect

// NullsOrderer is implemented by a dialect whose ORDER BY has no NULLS
// FIRST or NULLS LAST (MySQL and MariaDB). NullsTerm returns the ORDER
// BY term to put before the one sorting by expr in direction dir ("",
// " ASC" or " DESC") so that its NULLs come first (nullsFirst) or last,
// such as `expr IS NULL`, or "" when the database's own order already
// puts them there. A dialect without it takes `expr DESC NULLS LAST`.
type NullsOrderer interface {
	NullsTerm(expr, dir string, nullsFirst bool) string
}
