package sqltext

import "strings"

// Params is what a statement's placeholders are, outside its string
// literals, quoted identifiers and comments.
type Params struct {
	Question int // ? placeholders; a ?? is none (a literal ?)
	Escaped  int // ?? pairs
	// Dollar is the highest $n of a PostgreSQL statement, 0 for none.
	Dollar int
	// Bare is the offset of the first ? that stands where only a value
	// can (after an operator, a comma or an opening parenthesis, or
	// before a closing one, a comma, a cast or the end), which PostgreSQL
	// cannot read as its jsonb operator ?: -1 for none.
	Bare int
	// Named is whether a SQLite statement numbers or names its
	// parameters itself (?NNN, :name, @name, $name).
	Named bool
	// Numbered is whether a ? is followed by a digit (SQLite's ?NNN).
	Numbered bool
}

// ParamsOf scans sql by f's lexical rules for its placeholders.
func ParamsOf(f Flavor, sql string) Params {
	p := Params{Bare: -1}
	for i := 0; i < len(sql); {
		if j := SkipIn(f, sql, i); j > i {
			i = j
			continue
		}
		switch c := sql[i]; {
		case c == '?' && i+1 < len(sql) && sql[i+1] == '?':
			p.Escaped++
			i += 2
			continue
		case c == '?' && i+1 < len(sql) && isDigit(sql[i+1]):
			p.Numbered, p.Named = true, f == SQLite
		case c == '?':
			p.Question++
			if p.Bare < 0 && valueOnly(sql, i) {
				p.Bare = i
			}
		case c == '$' && f == PostgreSQL && (i == 0 || !IdentByte(sql[i-1])):
			j := i + 1
			n := 0
			for j < len(sql) && isDigit(sql[j]) && n < 1<<20 {
				n = n*10 + int(sql[j]-'0')
				j++
			}
			if j > i+1 { // $0, which PostgreSQL refuses, counts as $1
				p.Dollar = max(p.Dollar, n, 1)
			}
			i = max(j, i+1)
			continue
		case (c == '$' || c == ':' || c == '@') && f == SQLite && i+1 < len(sql) && IdentByte(sql[i+1]) && (i == 0 || !IdentByte(sql[i-1])):
			p.Named = true
		}
		i++
	}
	return p
}

// valueOnly reports whether the ? at sql[i] stands where only a value
// can: PostgreSQL's binary operator ? has an operand on either side.
func valueOnly(sql string, i int) bool {
	prev := strings.TrimRight(sql[:i], " \t\r\n")
	if prev == "" || strings.IndexByte("=<>!(,[+-*/%|&^~", prev[len(prev)-1]) >= 0 {
		return true
	}
	next := strings.TrimLeft(sql[i+1:], " \t\r\n")
	return next == "" || strings.IndexByte("),];:", next[0]) >= 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
