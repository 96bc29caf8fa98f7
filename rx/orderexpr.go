package rx

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	sq "github.com/Masterminds/squirrel"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/internal/sqltext"
	"github.com/rxgo/rxdb/schema"
)

// OrderByExpr sorts by an expression written by the programmer, with ?
// placeholders for args (numbered with the rest of the statement's on
// PostgreSQL), such as OrderByExpr("LOWER(title) DESC") or
// OrderByExpr("ABS(votes - ?)", 10); it comes after the terms of earlier
// OrderBy and OrderByExpr calls. Like Expr it is not checked: never
// build it from user input. NULLS FIRST and NULLS LAST in it are an
// error on MySQL and MariaDB, which lack them: sort by a column with
// OrderBy("column DESC NULLS LAST"), which rx writes for every database,
// or write "expr IS NULL, expr DESC" there.
func (s *SelectQuery[T]) OrderByExpr(expr string, args ...any) *SelectQuery[T] {
	s = s.next()
	r, ok := s.resolver()
	if !ok {
		return s
	}
	sql, args, err := Expr(expr, args...).ToSql()
	if err == nil {
		if _, lacks := r.db.dialect.(dialect.NullsOrderer); lacks && nullsWords.MatchString(sqltext.Code(sql)) {
			err = fmt.Errorf("rx: Select[%s].OrderByExpr(%q): %s has no NULLS FIRST or NULLS LAST: sort by a column or ColumnExpr alias with OrderBy(\"name DESC NULLS LAST\"), which rx writes for %[3]s, or write the expression so: \"expr IS NULL, expr\"", s.t.Model(), expr, r.db.dialect.Name())
		}
	}
	if err != nil {
		s.err = err
		return s
	}
	s.orderBy = append(s.orderBy, sql)
	s.orderArgs = append(s.orderArgs, args...)
	return s
}

var nullsWords = regexp.MustCompile(`(?i)\bNULLS\s+(FIRST|LAST)\b`)

// GroupByExpr groups by an expression written by the programmer, with ?
// placeholders for args, after the terms of earlier GroupBy and
// GroupByExpr calls, such as GroupByExpr("LOWER(title)"). Like Expr it is
// not checked: never build it from user input. To group by an
// expression that is also in the select list, name its ColumnExpr alias
// in GroupBy instead: on PostgreSQL the same expression with arguments in
// both places is two different expressions.
func (s *SelectQuery[T]) GroupByExpr(expr string, args ...any) *SelectQuery[T] {
	s = s.next()
	if s.err != nil {
		return s
	}
	sql, args, err := Expr(expr, args...).ToSql()
	if err != nil {
		s.err = err
		return s
	}
	s.groupBy = append(s.groupBy, sql)
	s.groupArgs = append(s.groupArgs, args...)
	return s
}

// groupTerm resolves a GroupBy name: a ColumnExpr alias is grouped by by
// its position in the select list (GROUP BY 2), which every database
// reads as that expression, arguments and all; a column is checked.
func (s *SelectQuery[T]) groupTerm(r resolver, name string) (string, error) {
	if i := s.aliasItem(name); i >= 0 {
		pos := i + 1
		if s.set != nil && s.set.star > 0 { // sel[0], "t".*, stands for star columns
			pos += s.set.star - 1
		}
		return strconv.Itoa(pos), nil
	}
	col, _, err := r.column(name)
	return col, err
}

// aliasItem is the index in the select list of the ColumnExpr aliased
// name, or -1.
func (s *SelectQuery[T]) aliasItem(name string) int {
	return slices.IndexFunc(s.sel, func(it selItem) bool { return it.alias != "" && it.alias == name })
}

// havingResolver is r with the query's ColumnExpr aliases, which a
// condition of Having may name: PostgreSQL reads no output alias in
// HAVING, so each is replaced by its expression, on every database.
func (s *SelectQuery[T]) havingResolver(r resolver) resolver {
	for _, it := range s.sel {
		if it.alias != "" {
			if r.exprs == nil {
				r.exprs = map[string]selItem{}
			}
			r.exprs[it.alias] = it
		}
	}
	return r
}

// aliasExpr is the expression that a Having condition naming the alias
// name stands for, in parentheses; ok is false for a name that is no alias.
func (r resolver) aliasExpr(name string) (sql string, ok bool, err error) {
	it, ok := r.exprs[name]
	if !ok {
		return "", false, nil
	}
	if len(it.args) > 0 {
		return "", true, &ColumnError{Model: r.t.Model(), Column: name, Reason: "Having names a ColumnExpr alias whose expression has arguments, which a condition map cannot carry: write the condition with rx.Expr and the expression, such as rx.Expr(\"SUM(votes * ?) > ?\", 2, 10)"}
	}
	return "(" + it.expr + ")", true, nil
}

// orderNulls resolves an OrderBy term that may end in NULLS FIRST or
// NULLS LAST, written for a dialect that lacks them as the dialect says:
// with a term before it that tests expr IS NULL, where a ColumnExpr alias
// stands for its expression, with its args (MySQL reads no alias of an
// aggregate inside an expression).
func (r resolver) orderNulls(term string, aliases []string) (string, *schema.Column, []any, error) {
	fields := strings.Fields(term)
	n := len(fields)
	if n < 3 || !strings.EqualFold(fields[n-2], "nulls") || (!strings.EqualFold(fields[n-1], "first") && !strings.EqualFold(fields[n-1], "last")) {
		o, c, err := r.orderTerm(term, aliases)
		return o, c, nil, err
	}
	// The column is not handed on: keyset pagination (After) compares
	// NULLs where the database puts them by default.
	o, _, err := r.orderTerm(strings.Join(fields[:n-2], " "), aliases)
	if err != nil {
		return "", nil, nil, err
	}
	first := strings.EqualFold(fields[n-1], "first")
	no, ok := r.db.dialect.(dialect.NullsOrderer)
	if !ok {
		return o + map[bool]string{true: " NULLS FIRST", false: " NULLS LAST"}[first], nil, nil, nil
	}
	expr, dir := o, ""
	for _, d := range []string{" ASC", " DESC"} {
		if strings.HasSuffix(o, d) {
			expr, dir = o[:len(o)-len(d)], d
		}
	}
	var args []any
	if it, ok := r.exprs[strings.TrimPrefix(fields[0], "-")]; ok {
		expr, args = "("+it.expr+")", it.args
	}
	test := no.NullsTerm(expr, dir, first)
	if test == "" {
		return o, nil, nil, nil
	}
	return test + ", " + o, nil, args, nil
}

// orderByOn is b with the query's ORDER BY terms and their arguments.
func (s *SelectQuery[T]) orderByOn(b sq.SelectBuilder) sq.SelectBuilder {
	if len(s.orderBy) == 0 {
		return b
	}
	return b.OrderByClause(strings.Join(s.orderBy, ", "), s.orderArgs...)
}

// groupArgsRefused is Builder's error for a GroupByExpr with arguments,
// which squirrel's GroupBy cannot carry.
func (s *SelectQuery[T]) groupArgsRefused() error {
	if len(s.groupArgs) == 0 {
		return nil
	}
	return fmt.Errorf("rx: Select[%s].Builder: squirrel's GroupBy takes no arguments, and a GroupByExpr here has some: use ToSQL", s.t.Model())
}
