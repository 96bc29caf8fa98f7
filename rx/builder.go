package rx

import (
	"errors"
	"slices"
)

// Builders (Select, Update, Delete, Insert) are values that each method
// consumes: a method returns a new builder and retires the one it was
// called on, whose further use is ErrBuilderReused. So the two classic
// mistakes of mutable builders fail loudly instead of sending the wrong
// SQL:
//
//	base := rx.Select[Post](s).Where(rx.Eq{"author_id": id})
//	drafts := base.Where(rx.Eq{"draft": true}) // base is now retired...
//	all, err := base.All(ctx)                  // ...so this is ErrBuilderReused, not a query with "draft" in it
//
//	q := rx.Select[Post](s)
//	q.Where(rx.Eq{"id": 7}) // result dropped: q is retired
//	q.All(ctx)              // ErrBuilderReused, not every row
//
// Keep the result (q = q.Where(...)) and call Clone for each query that
// starts from a shared base. The price is one small allocation per method
// call (see BenchmarkBuildSelect in bench/).

// ErrBuilderReused is returned by a builder that was used after a method
// was chained on it.
var ErrBuilderReused = errors.New("rx: query builder used after a method was chained on it: each method returns a new builder and retires the old one, so keep the result (q = q.Where(...)); to start several queries from one base, call base.Clone() for each")

// next returns the builder a method works on and retires s.
func (s *SelectQuery[T]) next() *SelectQuery[T] {
	c := *s
	if s.err == nil {
		s.err = ErrBuilderReused
	}
	return &c
}

// Clone returns an independent copy of the query, leaving s usable: the
// way to start several queries from one base.
//
//	base := rx.Select[Post](s).Where(rx.Eq{"author_id": id})
//	drafts, err := base.Clone().Where(rx.Eq{"draft": true}).All(ctx)
//	n, err := base.Clone().Count(ctx)
func (s *SelectQuery[T]) Clone() *SelectQuery[T] {
	c := *s
	c.sel, c.cols, c.aliases = slices.Clip(c.sel), slices.Clip(c.cols), slices.Clip(c.aliases)
	c.joins, c.where, c.having = slices.Clip(c.joins), slices.Clip(c.where), slices.Clip(c.having)
	c.groupBy, c.orderBy = slices.Clip(c.groupBy), slices.Clip(c.orderBy)
	c.groupArgs, c.orderArgs = slices.Clip(c.groupArgs), slices.Clip(c.orderArgs)
	c.others, c.scanOnly, c.keys = slices.Clip(c.others), slices.Clip(c.scanOnly), slices.Clip(c.keys)
	c.with = cloneWith(c.with)
	return &c
}

// cloneWith copies the tree of relations to load, which With extends in
// place.
func cloneWith(nodes []*withNode) []*withNode {
	if nodes == nil {
		return nil
	}
	out := make([]*withNode, len(nodes))
	for i, n := range nodes {
		out[i] = &withNode{rel: n.rel, children: cloneWith(n.children), filter: n.filter}
	}
	return out
}

func (u *UpdateQuery[T]) next() *UpdateQuery[T] {
	c := *u
	if u.err == nil {
		u.err = ErrBuilderReused
	}
	return &c
}

// Clone returns an independent copy of the update, leaving u usable.
func (u *UpdateQuery[T]) Clone() *UpdateQuery[T] {
	c := *u
	c.sets, c.where = slices.Clip(c.sets), slices.Clip(c.where)
	return &c
}

func (d *DeleteQuery[T]) next() *DeleteQuery[T] {
	c := *d
	if d.err == nil {
		d.err = ErrBuilderReused
	}
	return &c
}

// Clone returns an independent copy of the delete, leaving d usable.
func (d *DeleteQuery[T]) Clone() *DeleteQuery[T] {
	c := *d
	c.where = slices.Clip(c.where)
	return &c
}

func (i *InsertQuery[T]) next() *InsertQuery[T] {
	c := *i
	if i.on != nil {
		on := *i.on // OnConflict and DoUpdate fill it in place
		c.on = &on
	}
	if i.err == nil {
		i.err = ErrBuilderReused
	}
	return &c
}

// Clone returns an independent copy of the insert, leaving i usable.
func (i *InsertQuery[T]) Clone() *InsertQuery[T] {
	c := *i
	c.rows = slices.Clip(c.rows)
	if i.on != nil {
		on := *i.on
		on.columns, on.update = slices.Clip(on.columns), slices.Clip(on.update)
		c.on = &on
	}
	return &c
}
