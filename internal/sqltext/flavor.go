package sqltext

import "strings"

// Flavor is the lexical rules of one database's SQL: which quotes start
// a string or an identifier, whether a backslash escapes in a string,
// which comments there are.
type Flavor uint8

const (
	// PostgreSQL reads as Skip does: '…' with '' (E'…' with backslash
	// escapes), "…" identifiers, -- and nested /* */ comments, $tag$…$tag$.
	PostgreSQL Flavor = iota
	// MySQL (and MariaDB) reads '…' and "…" as strings in which a
	// backslash escapes (the default sql_mode), `…` identifiers, # and
	// "-- " line comments, and /* */ comments, which do not nest.
	MySQL
	// SQLite reads '…' strings, "…", `…` and […] identifiers, -- and
	// /* */ comments, which do not nest.
	SQLite
)

// SkipIn is Skip by f's rules: the end of the string literal, quoted
// identifier or comment that starts at sql[i], or i when none does.
func SkipIn(f Flavor, sql string, i int) int {
	switch f {
	case MySQL:
		return skipMySQL(sql, i)
	case SQLite:
		return skipSQLite(sql, i)
	}
	return Skip(sql, i)
}

func skipMySQL(sql string, i int) int {
	switch c := sql[i]; c {
	case '\'', '"':
		return quoted(sql, i, c, true)
	case '`':
		return quoted(sql, i, c, false)
	case '#':
		return lineComment(sql, i)
	case '-':
		// "--" starts a comment only before a space or a control character.
		if strings.HasPrefix(sql[i:], "--") && (i+2 == len(sql) || sql[i+2] <= ' ') {
			return lineComment(sql, i)
		}
	case '/':
		return flatComment(sql, i)
	}
	return i
}

func skipSQLite(sql string, i int) int {
	switch c := sql[i]; c {
	case '\'', '"', '`':
		return quoted(sql, i, c, false)
	case '[':
		if j := strings.IndexByte(sql[i:], ']'); j >= 0 {
			return i + j + 1
		}
		return len(sql)
	case '-':
		if strings.HasPrefix(sql[i:], "--") {
			return lineComment(sql, i)
		}
	case '/':
		return flatComment(sql, i)
	}
	return i
}

// lineComment returns the end of the comment that runs from sql[i] to
// the end of its line.
func lineComment(sql string, i int) int {
	if j := strings.IndexByte(sql[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(sql)
}

// flatComment returns the end of the /* */ comment at sql[i], which ends
// at the first */ (MySQL and SQLite do not nest them), or i if none
// starts there.
func flatComment(sql string, i int) int {
	if !strings.HasPrefix(sql[i:], "/*") {
		return i
	}
	if j := strings.Index(sql[i+2:], "*/"); j >= 0 {
		return i + 2 + j + 2
	}
	return len(sql)
}
