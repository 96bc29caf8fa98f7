package sqlitemigrate

import (
	"context"
	"database/sql"
	"regexp"
	"strings"

	"github.com/rxgo/rxdb/migrate"
)

// tableChecks reads the CHECK constraints of table from the CREATE TABLE
// text SQLite keeps in sqlite_master (it has no catalog of them): each
// with its CONSTRAINT name, or "" when written without one, and its
// expression as written.
func tableChecks(ctx context.Context, conn *sql.DB, table string) ([]*migrate.Check, error) {
	var ddl sql.NullString
	err := conn.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&ddl)
	if err != nil {
		return nil, err
	}
	return parseChecks(ddl.String), nil
}

var constraintName = regexp.MustCompile("(?i)\\bCONSTRAINT\\s+(\"(?:[^\"]|\"\")+\"|`[^`]+`|\\[[^\\]]+\\]|\\w+)\\s*$")

// parseChecks finds each CHECK (...) outside quotes in a CREATE TABLE
// statement, at column or table level.
func parseChecks(ddl string) []*migrate.Check {
	var out []*migrate.Check
	depth := 0
	for i := 0; i < len(ddl); i++ {
		switch ch := ddl[i]; {
		case ch == '\'' || ch == '"' || ch == '`' || ch == '[':
			i = skipQuoted(ddl, i)
		case ch == '(':
			depth++
		case ch == ')':
			depth--
		case depth == 1 && isWordAt(ddl, i, "CHECK"):
			j := i + len("CHECK")
			for j < len(ddl) && (ddl[j] == ' ' || ddl[j] == '\t' || ddl[j] == '\n' || ddl[j] == '\r') {
				j++
			}
			if j >= len(ddl) || ddl[j] != '(' {
				continue
			}
			end := closingParen(ddl, j)
			ck := &migrate.Check{Expr: strings.TrimSpace(ddl[j+1 : end])}
			if m := constraintName.FindStringSubmatch(ddl[:i]); m != nil {
				ck.Name = unquoteIdent(m[1])
			}
			out = append(out, ck)
			i = end
		}
	}
	return out
}

// isWordAt reports whether word (ASCII, any case) stands at s[i:] as a
// whole word.
func isWordAt(s string, i int, word string) bool {
	if i+len(word) > len(s) || !strings.EqualFold(s[i:i+len(word)], word) {
		return false
	}
	isWord := func(b byte) bool { return b == '_' || 'a' <= b|0x20 && b|0x20 <= 'z' || '0' <= b && b <= '9' }
	return (i == 0 || !isWord(s[i-1])) && (i+len(word) == len(s) || !isWord(s[i+len(word)]))
}

// skipQuoted returns the index of the character that closes the quoted
// text starting at s[i] (a doubled quote inside is part of it).
func skipQuoted(s string, i int) int {
	closer := s[i]
	if closer == '[' {
		closer = ']'
	}
	for j := i + 1; j < len(s); j++ {
		if s[j] == closer {
			if closer != ']' && j+1 < len(s) && s[j+1] == closer {
				j++
				continue
			}
			return j
		}
	}
	return len(s) - 1
}

// closingParen returns the index of the parenthesis that closes s[open].
func closingParen(s string, open int) int {
	depth := 0
	for j := open; j < len(s); j++ {
		switch s[j] {
		case '\'', '"', '`', '[':
			j = skipQuoted(s, j)
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return len(s) - 1
}
