package rx

import (
	"database/sql/driver"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	sq "github.com/Masterminds/squirrel"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
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
	// Like is LIKE with \ as its escape character on every database
	// (see EscapeLike), keeping each database's case rule.
	Like = sq.Like
	// NotLike is the negation of Like.
	NotLike = sq.NotLike
	// ILike is case-insensitive LIKE on every database: ILIKE on
	// PostgreSQL, LOWER(column) LIKE LOWER(pattern) elsewhere (SQLite
	// folds ASCII letters only), with \ as its escape character.
	ILike = sq.ILike
	// NotILike is the negation of ILike.
	NotILike = sq.NotILike
	Or       = sq.Or
	And      = sq.And
)

// resolver checks identifiers that callers pass against model metadata and
// returns them quoted.
type resolver struct {
	db *DB
	t  *schema.Table
	// others collects the other tables that "table.column" names refer
	// to, for a SelectQuery to check that it joins them (nil: not kept).
	others *[]*schema.Table
	// exprs are the ColumnExpr aliases that a Having condition may name.
	exprs map[string]selItem
}

// column resolves "col" or "table.col" to a quoted, qualified reference.
// A table is looked up among the registered models and those the query's
// model reaches through its relation fields (schema.LookupFrom); a
// column among its model's and, for a model that maps only some of its
// table's columns, those of the table's definition (schema.Definition).
func (r resolver) column(name string) (string, *schema.Column, error) {
	if e, ok, err := r.aliasExpr(name); ok {
		return e, nil, err
	}
	q := r.db.dialect.Quote
	tname, cname, qualified := strings.Cut(name, ".")
	t := r.t
	if !qualified {
		cname = name
	} else if tname != t.Name {
		if t = r.t.LookupFrom(tname); t == nil {
			return "", nil, &ColumnError{Model: r.t.Model(), Column: name, Reason: fmt.Sprintf(
				"table %q is not the table of a model rx knows: register its model at start-up (rx.Register), or reach it through a relation field of %s", tname, r.t.Model())}
		}
	}
	c := tableColumn(t, cname)
	if c == nil {
		return "", nil, unknownColumn(t, cname)
	}
	if t != r.t && r.others != nil && !slices.Contains(*r.others, t) {
		*r.others = append(*r.others, t)
	}
	return q(t.Name) + "." + q(c.Name), c, nil
}

// tableColumn is t's column called name, or else the column of t's
// table definition, when t is one of several models of its table and
// maps only some of its columns.
func tableColumn(t *schema.Table, name string) *schema.Column {
	if c := t.Column(name); c != nil {
		return c
	}
	if def := schema.Definition(t); def != t {
		return def.Column(name)
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
		return r.eq(v, false)
	case sq.NotEq:
		return r.eq(v, true)
	case sq.Lt:
		return remap(r, v)
	case sq.Gt:
		return remap(r, v)
	case sq.LtOrEq:
		return remap(r, v)
	case sq.GtOrEq:
		return remap(r, v)
	case sq.Like:
		return r.like(v, " LIKE ?", false, false)
	case sq.NotLike:
		return r.like(v, " NOT LIKE ?", false, true)
	case sq.ILike:
		return r.like(v, "", true, false)
	case sq.NotILike:
		return r.like(v, "", true, true)
	case sq.Or:
		// squirrel renders an empty Or as (1=0); rx counts it, like an
		// empty And, as no condition in every builder (see orCond).
		out, err := r.condList(v)
		return orCond(out), err
	case sq.And:
		out, err := r.condList(v)
		return andCond(out), err
	case subCond:
		return r.sub(v)
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
func (r resolver) condList(cs []Sqlizer) ([]Sqlizer, error) {
	out := make([]Sqlizer, len(cs))
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
		switch v.(type) {
		case ColumnRef:
			return nil, &ColumnError{Model: r.t.Model(), Column: k, Reason: "rx.Col compares two columns in rx.Eq and rx.NotEq; for <, >, <= and >= write rx.Expr"}
		case Subquery:
			return nil, &ColumnError{Model: r.t.Model(), Column: k, Reason: "a subquery is no value to compare with here: use rx.In, rx.NotIn or rx.Exists, or rx.Expr(\"col > (?)\", sub) for a scalar subquery"}
		}
		qk, _, err := r.column(k)
		if err != nil {
			return nil, err
		}
		out[qk] = v
	}
	return any(out).(Sqlizer), nil
}

// eq resolves an Eq (or NotEq) into an eqCond, whose IN lists the
// dialect renders.
func (r resolver) eq(m map[string]any, not bool) (Sqlizer, error) {
	if len(m) == 0 {
		return sq.Eq{}, nil
	}
	c := eqCond{d: r.db.dialect, not: not, cols: make([]string, 0, len(m)), vals: make([]any, 0, len(m))}
	for k := range m {
		qk, _, err := r.column(k)
		if err != nil {
			return nil, err
		}
		v, err := r.eqValue(k, m[k])
		if err != nil {
			return nil, err
		}
		c.cols = append(c.cols, qk)
		c.vals = append(c.vals, v)
	}
	sort.Sort(c)
	return c, nil
}

// eqCond is an Eq or NotEq with its columns checked and quoted, rendered
// as squirrel renders them (in column order, NULL as IS NULL, an empty
// list as (1=0)) except that a non-empty list goes through
// Dialect.InList and that NotEq's empty list, true of every row, adds no
// term (a NotEq of nothing else renders as (1=1)).
type eqCond struct {
	d    dialect.Dialect
	not  bool
	cols []string
	vals []any
}

func (c eqCond) Len() int           { return len(c.cols) }
func (c eqCond) Less(i, j int) bool { return c.cols[i] < c.cols[j] }
func (c eqCond) Swap(i, j int) {
	c.cols[i], c.cols[j] = c.cols[j], c.cols[i]
	c.vals[i], c.vals[j] = c.vals[j], c.vals[i]
}

func (c eqCond) ToSql() (string, []any, error) {
	eq, null := " = ?", " IS NULL"
	if c.not {
		eq, null = " <> ?", " IS NOT NULL"
	}
	var b strings.Builder
	var args []any
	for i, col := range c.cols {
		val := c.vals[i]
		if ref, ok := val.(colSQL); ok { // rx.Col: a column, not a value
			if b.Len() > 0 {
				b.WriteString(" AND ")
			}
			b.WriteString(col + strings.TrimSuffix(eq, "?") + string(ref))
			continue
		}
		if v, ok := val.(driver.Valuer); ok {
			var err error
			if val, err = v.Value(); err != nil {
				return "", nil, err
			}
		}
		if r := reflect.ValueOf(val); r.Kind() == reflect.Pointer {
			if r.IsNil() {
				val = nil
			} else {
				val = r.Elem().Interface()
			}
		}
		list := isList(val)
		if list && c.not && reflect.ValueOf(val).Len() == 0 {
			// NOT IN () holds for every row: no term, so that what the
			// condition renders says whether it restricts (see conj.go).
			continue
		}
		if b.Len() > 0 {
			b.WriteString(" AND ")
		}
		switch {
		case val == nil:
			b.WriteString(col + null)
		case list && reflect.ValueOf(val).Len() == 0:
			b.WriteString("(1=0)")
		case list:
			s, a := c.d.InList(col, val, c.not)
			b.WriteString(s)
			args = append(args, a...)
		default:
			b.WriteString(col + eq)
			args = append(args, val)
		}
	}
	if b.Len() == 0 {
		return sqlTrue, nil, nil
	}
	return b.String(), args, nil
}

// isList reports whether v is an IN list: a slice or array other than
// the []byte that is a single value.
func isList(v any) bool {
	if v == nil || driver.IsValue(v) {
		return false
	}
	k := reflect.ValueOf(v).Kind()
	return k == reflect.Slice || k == reflect.Array
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

// orderTerm resolves "col", "col ASC" or "col DESC" (or "-col"), where
// col may also be one of the select list's aliases (whose column is nil).
func (r resolver) orderTerm(term string, aliases []string) (string, *schema.Column, error) {
	name, dir, ok := splitOrderTerm(term)
	if !ok {
		return "", nil, &ColumnError{Model: r.t.Model(), Column: term, Reason: `OrderBy takes "column", "column ASC", "column DESC" or "-column", each optionally followed by NULLS FIRST or NULLS LAST (for an expression, use OrderByExpr)`}
	}
	if slices.Contains(aliases, name) {
		return r.db.dialect.Quote(name) + dir, nil, nil
	}
	col, c, err := r.column(name)
	if err != nil {
		return "", nil, err
	}
	return col + dir, c, nil
}

// splitOrderTerm reads an OrderBy term: the name and " ASC", " DESC" or
// "" (the database's default, ascending).
func splitOrderTerm(term string) (name, dir string, ok bool) {
	fields := strings.Fields(term)
	switch {
	case len(fields) == 1 && strings.HasPrefix(fields[0], "-"):
		return fields[0][1:], " DESC", true
	case len(fields) == 1:
		return fields[0], "", true
	case len(fields) == 2 && strings.EqualFold(fields[1], "asc"):
		return fields[0], " ASC", true
	case len(fields) == 2 && strings.EqualFold(fields[1], "desc"):
		return fields[0], " DESC", true
	}
	return "", "", false
}
