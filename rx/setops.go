package rx

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Subquery is a query that another statement holds: any *SelectQuery, or
// a common table expression from CTE. It is what In, NotIn, Exists,
// NotExists, From, JoinQuery, LeftJoinQuery, CTE and Union take, and an
// argument of Expr, ColumnExpr or Join may be one (written in place of
// its ?). A subquery is rendered when it is passed, with its columns and
// conditions checked, so that chaining on it afterwards changes nothing
// in the statement that holds it; its placeholders are numbered with
// that statement's, once, on PostgreSQL.
type Subquery interface {
	subquery() (subSQL, error)
}

// subSQL is a rendered Subquery, with ? placeholders.
type subSQL struct {
	db   *DB
	sql  string // a SELECT, a compound of them, or a CTE's quoted name (table)
	args []any
	cols int // result columns
	// simple says sql is one SELECT without ORDER BY, LIMIT, OFFSET or
	// WITH, which may stand as it is as a member of a UNION.
	simple bool
	// limited says it has a LIMIT or OFFSET, which MySQL and MariaDB
	// refuse in an IN subquery.
	limited bool
	table   bool   // sql is the name of a CTE
	what    string // for messages: rx.Select[Post] or rx.CTE("tree")
}

// selectSQL is s as a SELECT, for a place that takes a query.
func (s subSQL) selectSQL() string {
	if s.table {
		return "SELECT * FROM " + s.sql
	}
	return s.sql
}

// tableSQL is s for a FROM or JOIN, under the quoted alias.
func (s subSQL) tableSQL(alias string) string {
	if s.table {
		return s.sql + " AS " + alias
	}
	return "(" + s.sql + ") AS " + alias
}

// setops is what a SelectQuery reads besides its model's table: the
// CTEs of its WITH, a derived table or CTE in place of the table, and
// the compound of a Union. It is copied before each change (sets).
type setops struct {
	ctes      []*CommonTable
	recursive bool
	from      string // the FROM source under T's table name; "": the table
	fromArgs  []any
	union     *subSQL // the UNION this query reads, to render it bare
	star      int     // the columns of a union's projection, which "t".* stands for
}

// sets returns s's setops for a change, a copy of those it shared.
func (s *SelectQuery[T]) sets() *setops {
	c := setops{}
	if s.set != nil {
		c = *s.set
		c.ctes = slices.Clip(c.ctes)
	}
	s.set = &c
	return &c
}

// writeWith writes the WITH clause, returning its args.
func (set *setops) writeWith(b *strings.Builder) []any {
	if set == nil || len(set.ctes) == 0 {
		return nil
	}
	var args []any
	b.WriteString("WITH ")
	if set.recursive {
		b.WriteString("RECURSIVE ")
	}
	for i, c := range set.ctes {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.quoted)
		b.WriteString(" AS (")
		b.WriteString(c.sub.selectSQL())
		b.WriteString(")")
		args = append(args, c.sub.args...)
	}
	b.WriteByte(' ')
	return args
}

// writeFrom writes what the query reads from: the model's table, or
// the derived table or CTE of From.
func (set *setops) writeFrom(b *strings.Builder, ts *tableSQL, args []any) []any {
	if set == nil || set.from == "" {
		b.WriteString(ts.from)
		return args
	}
	b.WriteString(set.from)
	return append(args, set.fromArgs...)
}

// hasCTE reports whether the query's WITH defines c.
func (set *setops) hasCTE(c *CommonTable) bool {
	return set != nil && slices.ContainsFunc(set.ctes, func(d *CommonTable) bool { return d.name == c.name })
}

// errNoBuilder is Builder's error for a query squirrel cannot express.
var errNoBuilder = errors.New("rx: Builder: the query has a WITH, reads a derived table, a CTE or a UNION, which squirrel cannot express: use ToSQL, or pass the query itself to rx.In, rx.Exists, From, JoinQuery or rx.CTE")

func (set *setops) noBuilder() error {
	if set == nil {
		return nil
	}
	return errNoBuilder
}

// subquery renders the query for a place inside another statement.
func (s *SelectQuery[T]) subquery() (subSQL, error) {
	if s.err != nil {
		return subSQL{}, s.err
	}
	what := "rx.Select[" + s.t.Model() + "]"
	if len(s.with) > 0 {
		return subSQL{}, fmt.Errorf("rx: %s as a subquery: With loads relations after a query has run, which a subquery never does: drop the With (put it on the outer query)", what)
	}
	if s.locked {
		return subSQL{}, fmt.Errorf("rx: %s as a subquery: a row lock belongs to the whole statement: put ForUpdate or ForShare on the outer query", what)
	}
	if err := s.scanOnlyRefused(); err != nil {
		return subSQL{}, err
	}
	db, _, err := targetOf(s.q)
	if err != nil {
		return subSQL{}, err
	}
	if u := s.bareUnion(); u != nil {
		return *u, nil
	}
	query, args, _, err := s.compose(db, "", s.limit, true)
	if err != nil {
		return subSQL{}, err
	}
	paged := s.limit >= 0 || s.offset >= 0
	return subSQL{db: db, sql: query, args: args, cols: s.colCount(), what: what, limited: paged,
		simple: !paged && len(s.orderBy) == 0 && (s.set == nil || len(s.set.ctes) == 0)}, nil
}

// colCount is the number of columns the query returns.
func (s *SelectQuery[T]) colCount() int {
	switch {
	case s.set != nil && s.set.star > 0:
		return s.set.star + len(s.sel) - 1
	case s.sel == nil:
		return len(s.t.Columns)
	}
	return len(s.sel)
}

// bareUnion is the compound of a Union that nothing was chained on, to
// be written as it is (a recursive CTE's body must be).
func (s *SelectQuery[T]) bareUnion() *subSQL {
	set := s.set
	if set == nil || set.union == nil || len(set.ctes) > 0 || s.distinct || s.limit >= 0 || s.offset >= 0 ||
		len(s.joins)+len(s.where)+len(s.groupBy)+len(s.having)+len(s.orderBy) > 0 {
		return nil
	}
	if star := min(set.star, 1); len(s.sel) != star {
		return nil
	}
	return set.union
}

// Union returns the rows of first and of each of more, without
// duplicates, as one query of T: its OrderBy, Limit, Offset, Where, Count
// and With apply to the whole union, which it reads as a derived table
// named after T's table, so that T's column names are the union's:
//
//	q := rx.Union(rx.Select[Post](db).Where(rx.Gt{"votes": 10}),
//		rx.Select[Post](db).Where(rx.Eq{"user_id": me}))
//	posts, err := q.OrderBy("-votes").Limit(20).All(ctx)
//
// Every member must return the same number of columns (the same Columns
// and ColumnExpr list, or none); the rows scan as the first member's
// would. A member with an OrderBy, a Limit or an Offset keeps them,
// inside a derived table of its own.
func Union[T any](first *SelectQuery[T], more ...*SelectQuery[T]) *SelectQuery[T] {
	return union("Union", "UNION", first, more)
}

// UnionAll is Union keeping duplicate rows.
func UnionAll[T any](first *SelectQuery[T], more ...*SelectQuery[T]) *SelectQuery[T] {
	return union("UnionAll", "UNION ALL", first, more)
}

func union[T any](fn, op string, first *SelectQuery[T], more []*SelectQuery[T]) *SelectQuery[T] {
	t, err := tableFor[T]()
	// The members skip their soft-deleted rows themselves (and may not
	// select the column): the union adds no filter of its own.
	out := &SelectQuery[T]{t: t, err: err, limit: -1, offset: -1, withDeleted: true}
	if err != nil {
		return out
	}
	if first == nil {
		out.err = fmt.Errorf("rx.%s: the first query is nil", fn)
		return out
	}
	out.q = first.q
	compound, err := unionSQL(fn, op, append([]*SelectQuery[T]{first}, more...))
	if err != nil {
		out.err = err
		return out
	}
	quoted := compound.db.dialect.Quote(t.Name)
	out.set = &setops{union: &compound, from: compound.tableSQL(quoted), fromArgs: compound.args}
	if first.sel != nil {
		out.sel = []selItem{{sql: quoted + ".*"}}
		out.cols, out.aliases, out.unscannable = first.cols, first.aliases, first.unscannable
		out.set.star = compound.cols
	}
	return out
}

// unionSQL renders the members of a Union joined by op.
func unionSQL[T any](fn, op string, members []*SelectQuery[T]) (subSQL, error) {
	var b strings.Builder
	var out subSQL
	for i, m := range members {
		if m == nil {
			return subSQL{}, fmt.Errorf("rx.%s: query %d is nil", fn, i+1)
		}
		sub, err := m.subquery()
		if err != nil {
			return subSQL{}, fmt.Errorf("rx.%s: query %d: %w", fn, i+1, err)
		}
		if i == 0 {
			out = subSQL{db: sub.db, cols: sub.cols, what: "rx." + fn}
		} else if err := sameShape(fn, i, out, sub); err != nil {
			return subSQL{}, err
		}
		if i > 0 {
			b.WriteString(" " + op + " ")
		}
		if sub.simple {
			b.WriteString(sub.sql)
		} else {
			b.WriteString("SELECT * FROM " + sub.tableSQL("rx_u"+strconv.Itoa(i+1)))
		}
		out.args = append(out.args, sub.args...)
	}
	out.sql = b.String()
	return out, nil
}

// sameShape checks that member i of a union has the column count and
// the database of the first.
func sameShape(fn string, i int, first, sub subSQL) error {
	if sub.db.dialect.Name() != first.db.dialect.Name() {
		return fmt.Errorf("rx.%s: query %d is on %s and query 1 on %s: a UNION runs on one database", fn, i+1, sub.db.dialect.Name(), first.db.dialect.Name())
	}
	if sub.cols != first.cols {
		return fmt.Errorf("rx.%s: query %d returns %d columns and query 1 returns %d: every query of a UNION must return the same columns: give each the same Columns (and ColumnExpr) list", fn, i+1, sub.cols, first.cols)
	}
	return nil
}
