package rx

import (
	"database/sql/driver"
	"fmt"
	"reflect"
	"strings"

	sq "github.com/Masterminds/squirrel"
)

// Conditions are squirrel's, re-exported so that rx code needs one import.
// Map keys name columns of the model (or "table.column" of a registered
// model in a join) and are checked before any SQL is sent; values are
// always bound parameters. A slice value in Eq is an IN list, and an
// empty slice matches nothing.
type (
	Sqlizer = sq.Sqlizer
	Eq      = sq.Eq
	NotEq   = sq.NotEq
	Lt      = sq.Lt
	Gt      = sq.Gt
	LtOrEq  = sq.LtOrEq
	GtOrEq  = sq.GtOrEq
	Like    = sq.Like
	NotLike = sq.NotLike
	// ILike is case-insensitive LIKE; PostgreSQL only.
	ILike = sq.ILike
	Or    = sq.Or
	And   = sq.And
)

// Expr is a fragment of SQL written by the programmer, with ? placeholders
// for its args. It is passed through unchecked: never build it from user
// input.
func Expr(sql string, args ...any) Sqlizer { return sq.Expr(sql, args...) }

// resolver checks identifiers that callers pass against model metadata and
// returns them quoted.
type resolver struct {
	db *DB
	t  *Table
}

// column resolves "col" or "table.col" to a quoted, qualified reference.
func (r resolver) column(name string) (string, *Column, error) {
	q := r.db.dialect.Quote
	tname, cname, qualified := strings.Cut(name, ".")
	if !qualified {
		c := r.t.Column(name)
		if c == nil {
			return "", nil, unknownColumn(r.t, name)
		}
		return q(r.t.Name) + "." + q(c.Name), c, nil
	}
	t := r.t
	if tname != t.Name {
		t = registeredTable(tname)
		if t == nil {
			return "", nil, &ColumnError{Model: r.t.Model(), Column: name, Reason: fmt.Sprintf("table %q is not a registered model's table", tname)}
		}
	}
	c := t.Column(cname)
	if c == nil {
		return "", nil, unknownColumn(t, cname)
	}
	return q(t.Name) + "." + q(c.Name), c, nil
}

func registeredTable(name string) *Table {
	registry.Lock()
	defer registry.Unlock()
	for _, t := range registry.order {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// cond returns c with its column keys checked and quoted. Expr and other
// Sqlizers are the programmer's own SQL and pass unchanged.
func (r resolver) cond(c Sqlizer) (Sqlizer, error) {
	switch v := c.(type) {
	case nil:
		return nil, fmt.Errorf("rx: nil condition")
	case sq.Eq:
		return remap(r, v)
	case sq.NotEq:
		return remap(r, v)
	case sq.Lt:
		return remap(r, v)
	case sq.Gt:
		return remap(r, v)
	case sq.LtOrEq:
		return remap(r, v)
	case sq.GtOrEq:
		return remap(r, v)
	case sq.Like:
		return remap(r, v)
	case sq.NotLike:
		return remap(r, v)
	case sq.ILike:
		return remap(r, v)
	case sq.NotILike:
		return remap(r, v)
	case sq.Or:
		return r.condList(v)
	case sq.And:
		out, err := r.condList(v)
		return sq.And(out), err
	}
	// A pointer to a condition (&rx.Eq{...}) has its ToSql as well: check
	// what it points to, or a caller's key would reach the SQL unchecked.
	if v := reflect.ValueOf(c); v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, fmt.Errorf("rx: nil condition %T", c)
		}
		if inner, ok := v.Elem().Interface().(Sqlizer); ok {
			return r.cond(inner)
		}
	}
	return c, nil
}

// condList resolves the conditions of an Or or And.
func (r resolver) condList(cs []Sqlizer) (sq.Or, error) {
	out := make(sq.Or, len(cs))
	for i, e := range cs {
		var err error
		if out[i], err = r.cond(e); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func remap[M ~map[string]any](r resolver, m M) (Sqlizer, error) {
	if len(m) == 0 {
		// squirrel renders an empty Lt or Like as nothing, which an Or
		// then drops: make every empty map the (1=1) of an empty Eq.
		return sq.Eq{}, nil
	}
	out := make(M, len(m))
	for k, v := range m {
		qk, _, err := r.column(k)
		if err != nil {
			return nil, err
		}
		out[qk] = v
	}
	return any(out).(Sqlizer), nil
}

// restricts reports whether the resolved condition c can leave a row
// out. A map condition with no keys, an And of such conditions, an Or
// that is empty or holds one of them, and a NotEq whose every key has an
// empty list restrict nothing: squirrel renders them as (1=1) or (1=0),
// and a filter assembled from optional parameters that were all absent
// is exactly what the Update and Delete guard is for. SQL written by the
// programmer (Expr and other Sqlizers) is taken to restrict.
func restricts(c Sqlizer) bool {
	switch v := c.(type) {
	case sq.Eq, sq.Lt, sq.Gt, sq.LtOrEq, sq.GtOrEq, sq.Like, sq.NotLike, sq.ILike, sq.NotILike:
		return reflect.ValueOf(v).Len() > 0
	case sq.NotEq:
		for _, val := range v {
			if !isEmptyList(val) {
				return true
			}
		}
		return false
	case sq.And:
		return anyRestricts(v)
	case sq.Or:
		if len(v) == 0 {
			return false
		}
		for _, e := range v {
			if !restricts(e) {
				return false
			}
		}
		return true
	}
	return true
}

// anyRestricts reports whether any of cs, joined with AND, restricts.
func anyRestricts(cs []Sqlizer) bool {
	for _, c := range cs {
		if restricts(c) {
			return true
		}
	}
	return false
}

// isEmptyList reports whether v is a slice or array of no elements, an
// IN list that NotEq renders as (1=1).
func isEmptyList(v any) bool {
	if v == nil || driver.IsValue(v) {
		return false
	}
	rv := reflect.ValueOf(v)
	return (rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array) && rv.Len() == 0
}

// conds resolves every condition.
func (r resolver) conds(cs []Sqlizer) ([]Sqlizer, error) {
	out := make([]Sqlizer, len(cs))
	for i, c := range cs {
		var err error
		if out[i], err = r.cond(c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// orderTerm resolves "col", "col ASC" or "col DESC" (or "-col").
func (r resolver) orderTerm(term string) (string, error) {
	fields := strings.Fields(term)
	dir := ""
	switch {
	case len(fields) == 1 && strings.HasPrefix(fields[0], "-"):
		fields[0], dir = fields[0][1:], " DESC"
	case len(fields) == 2 && strings.EqualFold(fields[1], "asc"):
		dir = " ASC"
	case len(fields) == 2 && strings.EqualFold(fields[1], "desc"):
		dir = " DESC"
	case len(fields) != 1:
		return "", &ColumnError{Model: r.t.Model(), Column: term, Reason: `OrderBy takes "column", "column ASC", "column DESC" or "-column"`}
	}
	col, _, err := r.column(fields[0])
	if err != nil {
		return "", err
	}
	return col + dir, nil
}

// writeConds writes cs joined by AND, collecting their arguments.
func writeConds(b *strings.Builder, args []any, cs []Sqlizer) ([]any, error) {
	for i, c := range cs {
		s, a, err := c.ToSql()
		if err != nil {
			return nil, err
		}
		if s == "" {
			// squirrel renders an empty Lt or Like as nothing, where an
			// empty Eq is (1=1): restricting nothing, as an empty AND.
			s = "(1=1)"
		}
		if i > 0 {
			b.WriteString(" AND ")
		}
		if len(cs) > 1 {
			b.WriteByte('(')
			b.WriteString(s)
			b.WriteByte(')')
		} else {
			b.WriteString(s)
		}
		args = append(args, a...)
	}
	return args, nil
}
