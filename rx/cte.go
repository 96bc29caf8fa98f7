package rx

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/rxgo/rxdb/schema"
)

// CommonTable is a named query of a WITH clause, made by CTE and added
// to a query by WithCTE or WithRecursive. The query reads it by passing
// it to From or JoinQuery (or to In and Exists, as SELECT * FROM name);
// a recursive query's own step names it in a Join, as SQL.
type CommonTable struct {
	name   string
	quoted string
	sub    subSQL
	err    error
}

// CTE names the query q, for the WITH clause of another query:
//
//	popular := rx.CTE("popular", rx.Select[Post](db).Columns("user_id").Where(rx.Gt{"votes": 5}))
//	users, err := rx.Select[User](db).WithCTE(popular).Where(rx.In("id", popular)).All(ctx)
//
// The name must be letters, digits and underscores, not starting with a
// digit; it is quoted by the database's dialect. For a recursive CTE, q
// is a UnionAll (or Union) of a base query and a step that joins the
// CTE by its name, and the outer query adds it with WithRecursive.
func CTE(name string, q Subquery) *CommonTable {
	c := &CommonTable{name: name}
	switch {
	case !schema.ValidIdent(name):
		c.err = fmt.Errorf(`rx.CTE(%q, …): a CTE name must be letters, digits and underscores, not starting with a digit, at most 63 bytes, as in rx.CTE("tree", q)`, name)
	case q == nil:
		c.err = fmt.Errorf("rx.CTE(%q, nil): the CTE needs a query, such as rx.Select[Post](db).Where(...)", name)
	default:
		c.sub, c.err = q.subquery()
	}
	if c.err == nil {
		c.quoted = c.sub.db.dialect.Quote(name)
	}
	return c
}

// subquery is the CTE read by its name.
func (c *CommonTable) subquery() (subSQL, error) {
	if c == nil {
		return subSQL{}, fmt.Errorf("rx: nil *rx.CommonTable: make it with rx.CTE")
	}
	if c.err != nil {
		return subSQL{}, c.err
	}
	return subSQL{db: c.sub.db, sql: c.quoted, cols: c.sub.cols, table: true, simple: true, what: "rx.CTE(" + strconv.Quote(c.name) + ")"}, nil
}

// WithCTE adds common table expressions to the query's WITH clause, in
// order (a CTE may read those before it). Name one in From or JoinQuery
// to read it. (With, without CTE, is for loading relations.)
func (s *SelectQuery[T]) WithCTE(ctes ...*CommonTable) *SelectQuery[T] {
	return s.withCTE("WithCTE", false, ctes)
}

// WithRecursive is WithCTE for a WITH RECURSIVE clause, whose CTEs may
// read themselves: a tree walk over a self-referencing table,
//
//	tree := rx.CTE("tree", rx.UnionAll(
//		rx.Select[Category](db).Where(rx.Eq{"id": rootID}),
//		rx.Select[Category](db).Join("JOIN tree ON tree.id = category.parent_id")))
//	all, err := rx.Select[Category](db).WithRecursive(tree).From(tree).OrderBy("id").All(ctx)
func (s *SelectQuery[T]) WithRecursive(ctes ...*CommonTable) *SelectQuery[T] {
	return s.withCTE("WithRecursive", true, ctes)
}

func (s *SelectQuery[T]) withCTE(fn string, recursive bool, ctes []*CommonTable) *SelectQuery[T] {
	s = s.next()
	if s.err != nil {
		return s
	}
	db, _, err := targetOf(s.q)
	if err != nil {
		s.err = err
		return s
	}
	set := s.sets()
	for _, c := range ctes {
		if _, err := c.subquery(); err != nil {
			s.err = err
			return s
		}
		if err := sameDatabase(db, c.sub); err != nil {
			s.err = err
			return s
		}
		if set.hasCTE(c) {
			s.err = fmt.Errorf("rx: Select[%s].%s: a CTE named %q is already in the WITH clause: give each CTE its own name", s.t.Model(), fn, c.name)
			return s
		}
		set.ctes = append(set.ctes, c)
	}
	set.recursive = set.recursive || recursive
	return s
}

// From reads the query's rows from src instead of T's table: a
// subquery, as a derived table, or a CTE of the query's WITH clause. The
// source is named after T's table (FROM (…) AS "post"), so that every
// column name the query checks against T is the source's; it must
// return those columns (or those Columns names). A Union reads its
// members this way. A model with a softdelete column is not filtered
// again here: the source's own Selects skip their deleted rows.
func (s *SelectQuery[T]) From(src Subquery) *SelectQuery[T] {
	s = s.next()
	sub, ok := s.source("From", src)
	if !ok {
		return s
	}
	set := s.sets()
	set.from, set.fromArgs = sub.tableSQL(sub.db.dialect.Quote(s.t.Name)), sub.args
	set.union, set.star = nil, 0
	s.withDeleted = true // the source's rows are the source's to filter
	return s
}

// JoinQuery adds JOIN src AS alias ON on: a subquery (a derived table)
// or a CTE of the query's WITH clause. The alias must be letters, digits
// and underscores and is quoted; on, with ? placeholders for args, is
// SQL written by the programmer, as in Join: never build it from user
// input.
//
//	totals := rx.Select[Post](db).Columns("user_id").ColumnExpr("total", "SUM(votes)").GroupBy("user_id")
//	posts, err := rx.Select[Post](db).JoinQuery(totals, "t", "t.user_id = post.user_id AND t.total > ?", 5).All(ctx)
func (s *SelectQuery[T]) JoinQuery(src Subquery, alias, on string, args ...any) *SelectQuery[T] {
	return s.joinQuery("JoinQuery", "JOIN", src, alias, on, args)
}

// LeftJoinQuery is JoinQuery with LEFT JOIN.
func (s *SelectQuery[T]) LeftJoinQuery(src Subquery, alias, on string, args ...any) *SelectQuery[T] {
	return s.joinQuery("LeftJoinQuery", "LEFT JOIN", src, alias, on, args)
}

func (s *SelectQuery[T]) joinQuery(fn, kind string, src Subquery, alias, on string, args []any) *SelectQuery[T] {
	s = s.next()
	if s.err == nil && !schema.ValidIdent(alias) {
		s.err = fmt.Errorf("rx: Select[%s].%s(…, %q, …): the alias must be letters, digits and underscores, not starting with a digit, as in %s(q, \"t\", \"t.user_id = post.user_id\")", s.t.Model(), fn, alias, fn)
	}
	sub, ok := s.source(fn, src)
	if !ok {
		return s
	}
	onSQL, onArgs, err := Expr(on, args...).ToSql()
	if err != nil {
		s.err = err
		return s
	}
	clause := kind + " " + sub.tableSQL(sub.db.dialect.Quote(alias)) + " ON " + onSQL
	s.joins = append(s.joins, expr{sql: clause, args: append(slices.Clone(sub.args), onArgs...)})
	return s
}

// source renders src for From or a join of s, checking that a CTE is
// in s's WITH clause and that src is on s's database.
func (s *SelectQuery[T]) source(fn string, src Subquery) (subSQL, bool) {
	if s.err != nil {
		return subSQL{}, false
	}
	if src == nil {
		s.err = fmt.Errorf("rx: Select[%s].%s(nil): pass a query, such as rx.Select[Post](db), or an rx.CTE", s.t.Model(), fn)
		return subSQL{}, false
	}
	db, _, err := targetOf(s.q)
	if err != nil {
		s.err = err
		return subSQL{}, false
	}
	sub, err := src.subquery()
	if err == nil {
		err = sameDatabase(db, sub)
	}
	if c, ok := src.(*CommonTable); ok && err == nil {
		switch {
		case !s.set.hasCTE(c):
			err = fmt.Errorf("rx: Select[%s].%s(rx.CTE(%q)): the query's WITH clause has no CTE %q: add .WithCTE(cte) (or .WithRecursive) before %s", s.t.Model(), fn, c.name, c.name, fn)
		case !slices.Contains(s.set.ctes, c):
			err = fmt.Errorf("rx: Select[%s].%s(rx.CTE(%q)): the query's WITH clause has another CTE of that name: pass the one given to WithCTE", s.t.Model(), fn, c.name)
		}
	}
	if err != nil {
		s.err = err
		return subSQL{}, false
	}
	return sub, true
}

// sameDatabase refuses a subquery rendered for another dialect.
func sameDatabase(db *DB, sub subSQL) error {
	if sub.db.dialect.Name() != db.dialect.Name() {
		return fmt.Errorf("rx: %s is a query on %s, inside a statement on %s: build the subquery on the same database", sub.what, sub.db.dialect.Name(), db.dialect.Name())
	}
	return nil
}
