package sqltext

import "strings"

// Statement is one statement of a script: its text, with the comments
// that come before it (where directives such as rx:lint-ignore live),
// and the line on which its code starts (1-based).
type Statement struct {
	Text string
	Line int
}

// Split cuts a script into its statements at the semicolons that are
// code: a ; inside a string literal, a quoted identifier, a comment or a
// dollar-quoted function body does not end a statement. A part holding
// only comments and spaces is no statement; comments after the last
// statement are dropped.
func Split(sql string) []Statement {
	var out []Statement
	start, code := 0, -1 // code: where the current statement's code starts
	emit := func(end int) {
		if code >= 0 {
			out = append(out, Statement{Text: strings.TrimSpace(sql[start:end]), Line: 1 + strings.Count(sql[:code], "\n")})
		}
		start, code = end, -1
	}
	for i := 0; i < len(sql); {
		if j := Skip(sql, i); j > i {
			if code < 0 && sql[i] != '-' && sql[i] != '/' { // a literal or identifier is code
				code = i
			}
			i = j
			continue
		}
		switch c := sql[i]; {
		case c == ';':
			emit(i + 1)
		case code < 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r':
			code = i
		}
		i++
	}
	emit(len(sql))
	return out
}

// Code is the statement's code with its comments removed and each
// string literal replaced by ”: what a rule that matches keywords
// should read, so that a keyword inside a literal or a comment does not
// count. Quoted identifiers are kept.
func Code(stmt string) string {
	var b strings.Builder
	for i := 0; i < len(stmt); {
		if j := Skip(stmt, i); j > i {
			switch stmt[i] {
			case '-', '/':
				b.WriteByte(' ')
			case '\'', '$':
				b.WriteString("''")
			default:
				b.WriteString(stmt[i:j])
			}
			i = j
			continue
		}
		b.WriteByte(stmt[i])
		i++
	}
	return b.String()
}
