package rx

import (
	"fmt"
	"strings"

	"github.com/rxgo/rxdb/schema"
)

// RelQuery narrows and orders the rows that With loads for one relation:
// WithQuery hands one to its function. Its conditions and order name the
// related model's columns, checked as everywhere else; its Limit holds
// per parent.
type RelQuery struct {
	r       resolver
	rel     *schema.Relation
	where   []Sqlizer
	orderBy []string
	limit   int // -1: none
	err     error
	others  []*schema.Table // tables of "table.column" names: refused
}

// Where adds conditions on the related rows, joined with AND.
func (q *RelQuery) Where(conds ...Sqlizer) *RelQuery {
	if q.err == nil {
		var cs []Sqlizer
		cs, q.err = q.r.conds(conds)
		q.where = append(q.where, cs...)
	}
	return q
}

// OrderBy orders each parent's related rows ("column", "-column",
// "column DESC"); the key comes last, so that the order is total.
func (q *RelQuery) OrderBy(terms ...string) *RelQuery {
	for _, term := range terms {
		if q.err != nil {
			break
		}
		var o string
		o, _, q.err = q.r.orderTerm(term, nil)
		q.orderBy = append(q.orderBy, o)
	}
	return q
}

// Limit loads at most n related rows per parent (the first n in the
// OrderBy), of a has-many or many-to-many relation: still one query for
// all the parents, numbering each parent's rows with ROW_NUMBER().
func (q *RelQuery) Limit(n int) *RelQuery {
	switch {
	case q.err != nil:
	case n < 0:
		q.err = fmt.Errorf("rx: WithQuery(%s).Limit(%d): a limit must be 0 or more", q.rel.Name, n)
	case !q.rel.Many():
		q.err = fmt.Errorf("rx: WithQuery(%s).Limit: %s is one row per parent; Limit is for has-many and many-to-many relations", q.rel.Name, q.rel.Name)
	default:
		q.limit = n
	}
	return q
}

// WithQuery is With for one relation path, whose last relation's rows fn
// narrows, orders or limits per parent:
//
//	rx.Select[Author](db).WithQuery("Books", func(q *rx.RelQuery) *rx.RelQuery {
//		return q.Where(rx.Gt{"year": 2000}).OrderBy("-year").Limit(3)
//	})
//
// loads each author's three newest books since 2000 with one query for
// all authors, as With("Books") would load them all. The relations above
// the last of a dotted path load whole.
func (s *SelectQuery[T]) WithQuery(path string, fn func(q *RelQuery) *RelQuery) *SelectQuery[T] {
	s = s.next()
	if s.err != nil {
		return s
	}
	var node *withNode
	if s.with, node, s.err = addPath(s.t, s.with, path); s.err != nil {
		return s
	}
	db, _, err := targetOf(s.q)
	if err != nil {
		s.err = err
		return s
	}
	q := &RelQuery{rel: node.rel, limit: -1}
	q.r = resolver{db: db, t: node.rel.Target, others: &q.others}
	if fn != nil {
		q = fn(q)
	}
	switch {
	case q == nil:
		s.err = fmt.Errorf("rx: WithQuery(%s): the function returned a nil *RelQuery; return the one it was given", path)
	case q.err != nil:
		s.err = q.err
	case len(q.others) > 0:
		s.err = fmt.Errorf("rx: WithQuery(%s) names a column of table %s: its conditions and order name %s's own columns (the related rows' query joins nothing)", path, q.others[0].Name, node.rel.Target.Model())
	case node.filter != nil:
		s.err = fmt.Errorf("rx: WithQuery(%s) is given twice: put the conditions in one", path)
	default:
		node.filter = q
	}
	return s
}

// writeRelationOrder writes the related rows' ORDER BY list: WithQuery's
// terms, then the related table's key (written in place: a With without
// WithQuery allocates nothing for it).
func writeRelationOrder(b *strings.Builder, db *DB, n *withNode) {
	sep := ""
	if n.filter != nil {
		for _, t := range n.filter.orderBy {
			b.WriteString(sep)
			b.WriteString(t)
			sep = ", "
		}
	}
	from := db.sqlFor(n.rel.Target).from
	for _, c := range n.rel.Target.PrimaryKey {
		b.WriteString(sep)
		b.WriteString(from)
		b.WriteByte('.')
		b.WriteString(db.dialect.Quote(c.Name))
		sep = ", "
	}
}

// relationLimited wraps the relation's query so that each parent keeps
// its first Limit rows in order: ROW_NUMBER() over the rows of each
// parent's key (the link table's, for many-to-many), on every database.
// The derived table takes the related table's name, so that the column
// references of the query's list and order hold outside it too.
func relationLimited(db *DB, n *withNode, inner, order string) string {
	rel, q := n.rel, db.dialect.Quote
	ts := db.sqlFor(rel.Target)
	part := ts.from + "." + q(rel.Remote.Name)
	list := ts.columns
	if rel.Kind == schema.ManyToMany {
		link := q(rel.Through.Name) + "." + q(rel.ThroughLocal.Name)
		part = link
		// The link key, renamed so that it cannot meet a column of the
		// related table in the derived table.
		inner = strings.Replace(inner, ", "+link+" FROM ", ", "+link+" AS rx_key FROM ", 1)
		list += ", " + ts.from + ".rx_key"
	}
	inner = strings.Replace(inner, " FROM ", ", ROW_NUMBER() OVER (PARTITION BY "+part+" ORDER BY "+order+") AS rx_rn FROM ", 1)
	return "SELECT " + list + " FROM (" + inner + ") AS " + ts.from +
		" WHERE " + ts.from + ".rx_rn <= " + fmt.Sprint(n.filter.limit) + " ORDER BY " + order
}
