package dialect

// NullsOrderer is implemented by a dialect whose ORDER BY has no NULLS
// FIRST or NULLS LAST (MySQL and MariaDB). OrderNulls returns the ORDER
// BY terms that sort by expr in direction dir ("", " ASC" or " DESC")
// with its NULLs first (nullsFirst) or last, such as
// `expr IS NULL, expr DESC`. A dialect without it takes
// `expr DESC NULLS LAST`.
type NullsOrderer interface {
	OrderNulls(expr, dir string, nullsFirst bool) string
}
