package sqlitemigrate

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rxgo/rxdb/migrate"
)

// binary is SQLite's collation of a column that names none.
const binary = "BINARY"

// collations sets the COLLATE of each column of t from the table's
// CREATE TABLE in sqlite_master, the only place SQLite keeps it.
func collations(ctx context.Context, conn *sql.DB, t *migrate.Table) error {
	var ddl sql.NullString
	if err := conn.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, t.Name).Scan(&ddl); err != nil {
		return err
	}
	t.Collation = binary
	open, end := strings.IndexByte(ddl.String, '('), strings.LastIndexByte(ddl.String, ')')
	if open < 0 || end < open {
		return nil
	}
	for _, def := range splitTop(ddl.String[open+1 : end]) {
		words := splitTopWords(def)
		if len(words) == 0 {
			continue
		}
		c := t.Column(unquoteIdent(words[0]))
		for i := 1; c != nil && i+1 < len(words); i++ {
			if strings.EqualFold(words[i], "COLLATE") {
				c.Collate = unquoteIdent(words[i+1])
			}
		}
	}
	return nil
}

// splitTop splits s at the commas outside parentheses and quotes: a
// CREATE TABLE's column definitions and table constraints.
func splitTop(s string) []string {
	var out []string
	start := 0
	scan(s, func(i int, ch byte, depth int) {
		if ch == ',' && depth == 0 {
			out = append(out, s[start:i])
			start = i + 1
		}
	})
	return append(out, s[start:])
}

// splitTopWords splits a column definition into its words outside
// parentheses and quotes (a quoted name or string is one word; what is
// inside parentheses, a CHECK or a DEFAULT expression, is skipped).
func splitTopWords(s string) []string {
	var out []string
	start := -1
	flush := func(i int) {
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	scan(s, func(i int, ch byte, depth int) {
		switch {
		case depth > 0 || ch == '(' || ch == ')':
			flush(i)
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r':
			flush(i)
		case start < 0:
			start = i
		}
	})
	flush(len(s))
	return out
}

// scan calls fn for each byte of s outside quotes (a quoted part is
// reported as its opening byte only) with the parenthesis depth.
func scan(s string, fn func(i int, ch byte, depth int)) {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
			continue
		case ch == '\'' || ch == '"' || ch == '`':
			quote = ch
		case ch == '[':
			quote = ']'
		case ch == '(':
			fn(i, ch, depth)
			depth++
			continue
		case ch == ')':
			depth--
		}
		fn(i, ch, depth)
	}
}

// unquoteIdent strips SQLite's identifier quotes: "x", `x`, [x], 'x'.
func unquoteIdent(s string) string {
	if len(s) >= 2 {
		switch s[0] {
		case '"', '`', '\'':
			if s[len(s)-1] == s[0] {
				return strings.ReplaceAll(s[1:len(s)-1], string(s[0])+string(s[0]), string(s[0]))
			}
		case '[':
			if s[len(s)-1] == ']' {
				return s[1 : len(s)-1]
			}
		}
	}
	return s
}
