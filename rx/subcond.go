package rx

import (
	"fmt"
	"github.com/rxgo/rxdb/dialect"
	"slices"
	"strconv"
)

// In is the condition column IN (sub): sub is a query of one column,
// such as rx.Select[Post](db).Columns("user_id").Where(rx.Gt{"votes": 5}),
// or a CTE of the query's WITH clause. The column is checked against the
// model like a condition key; a sub of more than one column is an error
// before any SQL is sent. On MySQL and MariaDB, which refuse a LIMIT in
// an IN subquery, a sub with a Limit or Offset is read through a derived
// table (IN (SELECT * FROM (sub) AS rx_in)), with the same rows.
func In(column string, sub Subquery) Sqlizer {
	return subCond{fn: "In", column: column, sub: sub, op: " IN "}
}

// NotIn is the condition column NOT IN (sub). As in SQL on every
// database, a NULL among sub's values makes it true of no row (NULL is
// not known to differ from anything): when sub's column may be NULL,
// filter them out in sub, or use NotExists.
func NotIn(column string, sub Subquery) Sqlizer {
	return subCond{fn: "NotIn", column: column, sub: sub, op: " NOT IN "}
}

// Exists is the condition EXISTS (sub), true when sub returns a row. A
// correlated sub names the outer query's columns with Col, such as
// rx.Exists(rx.Select[Post](db).Where(rx.Eq{"user_id": rx.Col("user.id")})).
func Exists(sub Subquery) Sqlizer { return subCond{fn: "Exists", sub: sub, op: "EXISTS "} }

// NotExists is the condition NOT EXISTS (sub), true when sub returns no
// row.
func NotExists(sub Subquery) Sqlizer { return subCond{fn: "NotExists", sub: sub, op: "NOT EXISTS "} }

// subCond is In, NotIn, Exists or NotExists before the resolver has
// checked its column (resolver.sub).
type subCond struct {
	fn, column, op string
	sub            Subquery
}

func (c subCond) ToSql() (string, []any, error) {
	return "", nil, fmt.Errorf("rx.%s is a condition for the Where or Having of an rx builder, which checks its column; it cannot render on its own", c.fn)
}

// subPred is a resolved subCond: rx's own SQL, a single term.
type subPred struct {
	sql  string
	args []any
}

func (p subPred) ToSql() (string, []any, error) { return p.sql, p.args, nil }

// sub resolves an In, NotIn, Exists or NotExists.
func (r resolver) sub(c subCond) (Sqlizer, error) {
	call := "rx." + c.fn + "("
	if c.column != "" {
		call += strconv.Quote(c.column) + ", "
	}
	if c.sub == nil {
		return nil, fmt.Errorf("%snil): pass a query, such as rx.Select[Post](db).Columns(\"user_id\")", call)
	}
	sub, err := c.sub.subquery()
	if err == nil {
		err = sameDatabase(r.db, sub)
	}
	if err != nil {
		return nil, fmt.Errorf("%s…): %w", call, err)
	}
	body := sub.selectSQL()
	if c.column == "" {
		return subPred{sql: c.op + "(" + body + ")", args: sub.args}, nil
	}
	col, _, err := r.column(c.column)
	if err != nil {
		return nil, err
	}
	if sub.cols != 1 {
		return nil, fmt.Errorf("%s%s): the subquery returns %d columns, and %s compares the column with one: give it one column, as in rx.Select[Post](db).Columns(\"user_id\")", call, sub.what, sub.cols, c.op[1:len(c.op)-1])
	}
	if _, refuses := r.db.dialect.(dialect.LimitInSubqueryRefuser); sub.limited && refuses {
		body = "SELECT * FROM (" + body + ") AS rx_in"
	}
	return subPred{sql: col + c.op + "(" + body + ")", args: sub.args}, nil
}

// subArg is a Subquery given as an argument of Expr (or ColumnExpr, or
// Join), rendered when Expr is called and written in place of its ?.
type subArg struct {
	sql  string
	args []any
	err  error
}

func (a subArg) ToSql() (string, []any, error) { return a.sql, a.args, a.err }

// subArgs replaces each Subquery among args by its rendering, leaving
// args as they are when there is none.
func subArgs(args []any) []any {
	var out []any
	for i, a := range args {
		q, ok := a.(Subquery)
		if !ok {
			continue
		}
		if out == nil {
			out = slices.Clone(args)
		}
		sub, err := q.subquery()
		out[i] = subArg{sql: sub.selectSQL(), args: sub.args, err: err}
	}
	if out == nil {
		return args
	}
	return out
}

// ColumnRef is a column as the value of a condition, made by Col.
type ColumnRef struct{ name string }

// Col is the column name, "column" or "table.column", as the value of
// an rx.Eq or rx.NotEq: the condition compares two columns instead of
// binding a value, with both names checked and quoted. It is how a
// correlated subquery names its outer query's table, on every database:
//
//	wrote := rx.Select[Post](db).Where(rx.Eq{"user_id": rx.Col("user.id")})
//	users, err := rx.Select[User](db).Where(rx.Exists(wrote)).All(ctx)
//
// A "table.column" in Col needs no Join: it may name the table of a
// query that holds this one.
func Col(name string) ColumnRef { return ColumnRef{name: name} }

// colSQL is a resolved ColumnRef, the quoted reference.
type colSQL string

// ref resolves a Col: a table it names is not one the query must join.
func (r resolver) ref(c ColumnRef) (colSQL, error) {
	r.others = nil
	q, _, err := r.column(c.name)
	return colSQL(q), err
}

// eqValue is the value of key k in an Eq or NotEq: a Col resolved, a
// subquery refused for In.
func (r resolver) eqValue(k string, v any) (any, error) {
	switch v := v.(type) {
	case ColumnRef:
		return r.ref(v)
	case Subquery:
		return nil, &ColumnError{Model: r.t.Model(), Column: k, Reason: fmt.Sprintf("a subquery is no value of rx.Eq or rx.NotEq: write rx.In(%q, sub) or rx.NotIn(%q, sub)", k, k)}
	}
	return v, nil
}
