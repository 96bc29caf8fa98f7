// Package sqltext tells the code of an SQL statement from its string
// literals, quoted identifiers and comments, so that a placeholder is
// looked for only where it can be one: a ? inside 'what?' or a comment is
// text, not a parameter.
package sqltext

import "strings"

// Special holds the bytes at which a literal, an identifier, a comment or
// a placeholder may start; a scanner can jump from one to the next.
const Special = "'\"`-/$?"

// Skip returns the end of the string literal, quoted identifier, comment
// or dollar-quoted string that starts at sql[i], or i when none does.
// It reads PostgreSQL's forms (a doubled quote in a literal, E'it\'s',
// "id", $tag$…$tag$, nested /* */) and MySQL's backquoted identifiers;
// an unterminated one runs to the end of the text, where the database
// will refuse it.
func Skip(sql string, i int) int {
	switch c := sql[i]; c {
	case '\'':
		return quoted(sql, i, c, escapeString(sql, i))
	case '"', '`':
		return quoted(sql, i, c, false)
	case '-':
		if strings.HasPrefix(sql[i:], "--") {
			return lineComment(sql, i)
		}
	case '/':
		if strings.HasPrefix(sql[i:], "/*") {
			return blockComment(sql, i)
		}
	case '$':
		return dollarQuoted(sql, i)
	}
	return i
}

// quoted returns the end of the text quoted by q from sql[i], where a
// doubled q is one q and, in an escape string, \ escapes the next byte.
func quoted(sql string, i int, q byte, backslash bool) int {
	for j := i + 1; j < len(sql); j++ {
		switch sql[j] {
		case '\\':
			if backslash {
				j++
			}
		case q:
			if j+1 < len(sql) && sql[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(sql)
}

// escapeString reports whether the literal at sql[i] is PostgreSQL's
// E'…', in which a backslash escapes.
func escapeString(sql string, i int) bool {
	if i == 0 || (sql[i-1] != 'E' && sql[i-1] != 'e') {
		return false
	}
	return i == 1 || !IdentByte(sql[i-2])
}

// blockComment returns the end of the /* */ comment at sql[i], counting
// nested comments as PostgreSQL does.
func blockComment(sql string, i int) int {
	depth := 0
	for j := i; j+1 < len(sql); j++ {
		switch {
		case sql[j] == '/' && sql[j+1] == '*':
			depth++
			j++
		case sql[j] == '*' && sql[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(sql)
}

// dollarQuoted returns the end of the $tag$…$tag$ string at sql[i], or i
// when the $ starts none: within an identifier (a$b), or a parameter
// such as $1, whose tag would begin with a digit.
func dollarQuoted(sql string, i int) int {
	if i > 0 && IdentByte(sql[i-1]) {
		return i
	}
	j := i + 1
	for j < len(sql) && sql[j] != '$' {
		c := sql[j]
		if !IdentByte(c) || c == '$' || (j == i+1 && c >= '0' && c <= '9') {
			return i
		}
		j++
	}
	if j >= len(sql) {
		return i
	}
	tag := sql[i : j+1]
	end := strings.Index(sql[j+1:], tag)
	if end < 0 {
		return len(sql)
	}
	return j + 1 + end + len(tag)
}

// IdentByte reports whether c may continue an unquoted identifier.
func IdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}
