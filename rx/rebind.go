package rx

import (
	"database/sql"
	"fmt"
	"reflect"
	"strings"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/internal/sqltext"
)

// rawQuery is query, SQL written by hand for Query, QueryOne, Exec and
// the like, made ready for db: on PostgreSQL its ? placeholders are
// numbered $1, $2, … (and ?? becomes ?), unless it is written with $n
// already, which is sent as it is. A ? or $n inside a string literal, a
// quoted identifier, a dollar-quoted string or a comment is text, so
// that casts ('a'::text, x::int) and literals ('why?') survive. A
// statement without args whose every ? stands between two operands keeps
// them, as PostgreSQL's jsonb operators (data ? 'k'). The
// number of placeholders must be that of args, checked before the
// statement is sent, unless the statement names its parameters
// (sql.Named, SQLite's ?NNN, :name, @name and $name, pgx's NamedArgs).
func (db *DB) rawQuery(query string, args []any) (string, error) {
	f, dollar := rawFlavor(db.dialect)
	p := sqltext.ParamsOf(f, query)
	named := p.Named || namedArgs(args)
	if !dollar {
		if !named && p.Question != len(args) {
			return "", placeholderCount(query, p.Question, "?", len(args))
		}
		return query, nil
	}
	if p.Numbered {
		return "", fmt.Errorf("rx: raw SQL %s has a ? followed by a digit (SQLite's numbered ?NNN): on PostgreSQL write $1, $2, …, or put a space after the ?", clip(query))
	}
	if p.Dollar > 0 {
		if p.Bare >= 0 {
			return "", fmt.Errorf("rx: raw SQL %s mixes ? and $n placeholders (the ? at byte %d stands where only a value can): write every placeholder as ? (and PostgreSQL's jsonb operators ?, ?| and ?& as ??, ??| and ??&), or every one as $1, $2, …", clip(query), p.Bare)
		}
		if !named && p.Dollar != len(args) {
			return "", placeholderCount(query, p.Dollar, "$n", len(args))
		}
		return query, nil
	}
	if len(args) == 0 && p.Question > 0 && p.Bare < 0 {
		// No arguments, and no ? where only a value can stand: they are
		// PostgreSQL's jsonb operators, written as psql and pgx take them.
		return unescapeQuestions(query), nil
	}
	if !named && p.Question != len(args) {
		return "", placeholderCount(query, p.Question, "?", len(args))
	}
	return db.rebind(query), nil
}

// unescapeQuestions is query with each ?? outside its literals,
// identifiers and comments written ?, and its other ? left as they are.
func unescapeQuestions(query string) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(query); {
		if j := sqltext.Skip(query, i); j > i {
			i = j
			continue
		}
		if strings.HasPrefix(query[i:], "??") {
			b.WriteString(query[last : i+1])
			i += 2
			last = i
			continue
		}
		i++
	}
	if last == 0 {
		return query
	}
	b.WriteString(query[last:])
	return b.String()
}

// rawFlavor is the lexical rules rawQuery reads the SQL of d by, and
// whether d numbers its placeholders ($1, $2, …).
func rawFlavor(d dialect.Dialect) (sqltext.Flavor, bool) {
	dollar := d.Placeholder() == dialect.Dollar
	switch d.Name() {
	case "mysql":
		return sqltext.MySQL, dollar
	case "sqlite":
		return sqltext.SQLite, dollar
	}
	return sqltext.PostgreSQL, dollar
}

// placeholderCount is the error of a raw statement whose placeholders
// and arguments differ in number.
func placeholderCount(query string, n int, style string, args int) error {
	return fmt.Errorf("rx: raw SQL %s has %d placeholder(s) (%s) and %d argument(s): pass one argument per placeholder (a ? inside a string literal or a comment is text, not a placeholder; on PostgreSQL write the jsonb operators ?, ?| and ?& as ??, ??| and ??&)", clip(query), n, style, args)
}

// clip is query quoted, cut to a length an error message can carry.
func clip(query string) string {
	const most = 120
	if len(query) > most {
		query = query[:most] + "…"
	}
	return fmt.Sprintf("%q", query)
}

// namedArgs reports whether args name their parameters, so that they
// need not be one per placeholder: a sql.NamedArg, or an argument that
// rewrites the statement itself (pgx's NamedArgs and QueryRewriter).
func namedArgs(args []any) bool {
	for _, a := range args {
		if _, ok := a.(sql.NamedArg); ok {
			return true
		}
		if a != nil {
			if _, ok := reflect.TypeOf(a).MethodByName("RewriteQuery"); ok {
				return true
			}
		}
	}
	return false
}

// placeholders is e ready to render: written with $1, $2, … it becomes
// ? placeholders, each with its argument (repeated where $n is), so that
// they are numbered with the whole statement's on every database; and it
// must have one arg per placeholder. Text with a backslash is not
// checked, as the databases read a backslash in a literal differently.
func (e expr) placeholders() (expr, error) {
	if strings.IndexByte(e.sql, '\\') >= 0 {
		return e, nil
	}
	p := sqltext.ParamsOf(sqltext.PostgreSQL, e.sql)
	if p.Dollar == 0 {
		if p.Question != len(e.args) {
			return e, exprCount(e.sql, p.Question, "?", len(e.args))
		}
		return e, nil
	}
	if p.Question+p.Escaped > 0 {
		return e, fmt.Errorf("rx: Expr(%s) mixes ? and $n placeholders: write every placeholder as ? (and PostgreSQL's jsonb operators ?, ?| and ?& as ??, ??| and ??&), or every one as $1, $2, …", clip(e.sql))
	}
	if p.Dollar != len(e.args) {
		return e, exprCount(e.sql, p.Dollar, "$n", len(e.args))
	}
	s, args := questionize(e.sql, e.args)
	return expr{sql: s, args: args}, nil
}

func exprCount(sql string, n int, style string, args int) error {
	return fmt.Errorf("rx: Expr(%s) has %d placeholder(s) (%s) and %d argument(s): pass one argument per placeholder (a ? inside a string literal or a comment is text; write PostgreSQL's jsonb operators ?, ?| and ?& as ??, ??| and ??&)", clip(sql), n, style, args)
}
