package sqlitemigrate

import "strings"

// token is one lexical token of SQLite SQL text, as far as a rebuild
// needs to read a table's, view's or trigger's stored definition:
// identifiers (bare or quoted), literals and comments skipped over,
// parentheses.
type token struct {
	start, end int
	ident      string // the identifier, unquoted and lower case; "" for other tokens
	quoted     bool
	punct      byte // '(' or ')' or another single character; 0 for words and literals
}

// tokens splits sql into tokens; comments are dropped.
func tokens(sql string) []token {
	var out []token
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '-' && strings.HasPrefix(sql[i:], "--"):
			i = skipTo(sql, i, "\n")
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			i = skipTo(sql, i+2, "*/")
		case c == '\'':
			end := closeQuote(sql, i, '\'')
			out = append(out, token{start: i, end: end})
			i = end
		case c == '"' || c == '`' || c == '[':
			closer := c
			if c == '[' {
				closer = ']'
			}
			end := closeQuote(sql, i, closer)
			name := sql[i+1 : max(end-1, i+1)]
			name = strings.ReplaceAll(name, string([]byte{closer, closer}), string(closer))
			out = append(out, token{start: i, end: end, ident: strings.ToLower(name), quoted: true})
			i = end
		case isWord(c):
			j := i
			for j < len(sql) && isWord(sql[j]) {
				j++
			}
			t := token{start: i, end: j}
			if c < '0' || c > '9' {
				t.ident = strings.ToLower(sql[i:j])
			}
			out = append(out, t)
			i = j
		default:
			out = append(out, token{start: i, end: i + 1, punct: c})
			i++
		}
	}
	return out
}

func isWord(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// skipTo returns the index after the first end at or after i, or len(s).
func skipTo(s string, i int, end string) int {
	if j := strings.Index(s[i:], end); j >= 0 {
		return i + j + len(end)
	}
	return len(s)
}

// closeQuote returns the index after the quote closing the one at i; a
// doubled quote is part of the text.
func closeQuote(s string, i int, q byte) int {
	for j := i + 1; j < len(s); j++ {
		if s[j] == q {
			if q != ']' && j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

// mentions reports whether sql names one of names (lower case) as an
// identifier.
func mentions(sql string, names map[string]bool) bool {
	for _, t := range tokens(sql) {
		if t.ident != "" && names[t.ident] {
			return true
		}
	}
	return false
}

// matching returns the index of the parenthesis closing toks[open].
func matching(toks []token, open int) int {
	depth := 0
	for j := open; j < len(toks); j++ {
		switch toks[j].punct {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return len(toks) - 1
}

// renameIdents rewrites the identifiers of sql that renames names (old,
// lower case -> new), quoting the new names with quote.
func renameIdents(sql string, renames map[string]string, quote func(string) string) string {
	var b strings.Builder
	last := 0
	for _, t := range tokens(sql) {
		if n, ok := renames[t.ident]; ok && t.ident != "" {
			b.WriteString(sql[last:t.start])
			b.WriteString(quote(n))
			last = t.end
		}
	}
	b.WriteString(sql[last:])
	return b.String()
}
