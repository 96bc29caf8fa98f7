package rx

import (
	"strconv"
	"strings"

	sq "github.com/Masterminds/squirrel"
	"github.com/rxgo/rxdb/internal/sqltext"
)

// Expr is a fragment of SQL written by the programmer, with ? placeholders
// for its args. It is passed through unchecked: never build it from user
// input. An arg that is itself a Sqlizer, such as a subquery from
// Builder, or a Subquery (a *SelectQuery, rendered when Expr is called),
// is written in place of its ?, with its own args, and its
// placeholders are numbered with the whole statement's:
//
//	sub, err := rx.Select[Post](db).Columns("user_id").Where(rx.Gt{"votes": 5}).Builder()
//	users, err := rx.Select[User](db).Where(rx.Expr("id IN (?) AND active = ?", sub, true)).All(ctx)
//
// A ? inside a string literal, a quoted identifier or a comment is text,
// and ?? is a literal ? (for PostgreSQL's jsonb operators ?, ?| and ?&).
// The SQL may also be written with $1, $2, … (each arg once, a $n
// repeated as often as needed), on any database: they become ? in their
// place, numbered with the whole statement's. The number of
// placeholders must be that of args, or ToSql (and the query) fails.
func Expr(sql string, args ...any) Sqlizer { return expr{sql: sql, args: subArgs(args)} }

// expr is rx's Expr. squirrel's renders a Sqlizer arg with the arg's own
// placeholder format, so that a PostgreSQL subquery restarts at $1 inside
// the outer statement (squirrel issues #128 and #285), and takes the
// first ? even inside a literal for it.
type expr struct {
	sql  string
	args []any
}

func (e expr) ToSql() (string, []any, error) {
	e, err := e.placeholders()
	if err != nil {
		return "", nil, err
	}
	nested := false
	for _, a := range e.args {
		if _, ok := a.(Sqlizer); ok {
			nested = true
			break
		}
	}
	if !nested {
		return e.sql, e.args, nil
	}
	var b strings.Builder
	var args []any
	ap, last := e.args, 0
	for i := 0; i < len(e.sql) && len(ap) > 0; {
		if j := sqltext.Skip(e.sql, i); j > i {
			i = j
			continue
		}
		if e.sql[i] != '?' {
			i++
			continue
		}
		if i+1 < len(e.sql) && e.sql[i+1] == '?' {
			i += 2 // a literal ?, left for the placeholder format
			continue
		}
		b.WriteString(e.sql[last:i])
		if c, ok := ap[0].(Sqlizer); ok {
			s, a, err := nestedSQL(c)
			if err != nil {
				return "", nil, err
			}
			b.WriteString(s)
			args = append(args, a...)
		} else {
			b.WriteByte('?')
			args = append(args, ap[0])
		}
		ap, i = ap[1:], i+1
		last = i
	}
	b.WriteString(e.sql[last:])
	return b.String(), append(args, ap...), nil
}

// nestedSQL renders c for a place inside a larger statement, with ?
// placeholders, which the statement's placeholder format numbers once
// for the whole: a squirrel builder (such as Builder's) is rendered in
// the ? format instead of its own, and the $1… of any other Sqlizer
// become ? with its args in their order.
func nestedSQL(c Sqlizer) (string, []any, error) {
	switch b := c.(type) {
	case sq.SelectBuilder:
		return b.PlaceholderFormat(sq.Question).ToSql()
	case *sq.SelectBuilder:
		return b.PlaceholderFormat(sq.Question).ToSql()
	case sq.UpdateBuilder:
		return b.PlaceholderFormat(sq.Question).ToSql()
	case sq.InsertBuilder:
		return b.PlaceholderFormat(sq.Question).ToSql()
	case sq.DeleteBuilder:
		return b.PlaceholderFormat(sq.Question).ToSql()
	}
	s, args, err := c.ToSql()
	if err != nil || ownCond(c) {
		return s, args, err
	}
	s, args = questionize(s, args)
	return s, args, nil
}

// questionize turns the $n placeholders of sql, rendered by a Sqlizer in
// PostgreSQL's format, into ?, each with its argument (repeated if $n
// is). SQL that has none, or also has ? placeholders (so that the two
// numberings cannot be told apart), or names an argument it lacks is
// returned as it is.
func questionize(sql string, args []any) (string, []any) {
	if strings.IndexByte(sql, '$') < 0 {
		return sql, args
	}
	var b strings.Builder
	var out []any
	last := 0
	for i := 0; i < len(sql); {
		if j := sqltext.Skip(sql, i); j > i {
			i = j
			continue
		}
		c := sql[i]
		if c == '?' {
			return sql, args
		}
		if c != '$' || (i > 0 && sqltext.IdentByte(sql[i-1])) {
			i++
			continue
		}
		j := i + 1
		for j < len(sql) && sql[j] >= '0' && sql[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(sql[i+1 : j])
		if err != nil || n < 1 || n > len(args) {
			if j == i+1 {
				i++
				continue
			}
			return sql, args
		}
		b.WriteString(sql[last:i])
		b.WriteByte('?')
		out = append(out, args[n-1])
		i, last = j, j
	}
	if out == nil {
		return sql, args
	}
	b.WriteString(sql[last:])
	return b.String(), out
}
