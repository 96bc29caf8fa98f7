package rx

import (
	"strings"

	sq "github.com/Masterminds/squirrel"
)

// sqlTrue is how rx and squirrel render a condition that restricts
// nothing (an empty Eq, an empty And).
const sqlTrue = "(1=1)"

// restrictsNothing reports whether a condition that rendered as s leaves
// every row in. Whether Update and Delete may run is decided on this, on
// the SQL, not on the condition's Go type: a programmer's Sqlizer (or an
// Expr built from optional parts) that renders nothing would otherwise
// turn "WHERE <nothing>" into a change of every row.
func restrictsNothing(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || s == sqlTrue || s == "1=1"
}

// andCond is a resolved And. squirrel's And drops the parts that render
// nothing, as rx does, but does not group the parts it joins, so that an
// Expr("a OR b") next to another condition would leave the And.
type andCond []Sqlizer

func (c andCond) ToSql() (string, []any, error) {
	parts, err := renderParts(c)
	if err != nil {
		return "", nil, err
	}
	kept := parts[:0]
	for _, p := range parts {
		if !restrictsNothing(p.sql) {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return sqlTrue, nil, nil
	}
	return joinParts(kept, " AND ")
}

// orCond is a resolved Or. squirrel's Or drops a part that renders
// nothing, which turns "a OR <no restriction>" (every row) into "a";
// rx's Or restricts nothing as soon as one of its parts restricts
// nothing, and an empty Or, like an empty And, is no condition.
type orCond []Sqlizer

func (c orCond) ToSql() (string, []any, error) {
	parts, err := renderParts(c)
	if err != nil {
		return "", nil, err
	}
	if len(parts) == 0 {
		return sqlTrue, nil, nil
	}
	for _, p := range parts {
		if restrictsNothing(p.sql) {
			return sqlTrue, nil, nil
		}
	}
	return joinParts(parts, " OR ")
}

// part is one rendered part of an And or Or; own says rx rendered it
// (as terms joined with AND, or already in parentheses), so that it
// needs no parentheses of its own inside an And or an Or.
type part struct {
	sql  string
	args []any
	own  bool
}

// renderParts renders every part of an And or Or.
func renderParts(cs []Sqlizer) ([]part, error) {
	parts := make([]part, len(cs))
	for i, c := range cs {
		s, a, err := nestedSQL(c)
		if err != nil {
			return nil, err
		}
		parts[i] = part{sql: s, args: a, own: ownCond(c)}
	}
	return parts, nil
}

// ownCond reports whether c is a condition rx resolved from a map or an
// And or Or (see resolver.cond), not SQL the programmer wrote.
func ownCond(c Sqlizer) bool {
	switch c.(type) {
	case eqCond, likeCond, andCond, orCond, subPred, subArg, sq.Eq, sq.Lt, sq.Gt, sq.LtOrEq, sq.GtOrEq:
		return true
	}
	return false
}

// joinParts joins parts with sep inside parentheses; a programmer's part
// gets its own, so that an OR in it stays in it.
func joinParts(parts []part, sep string) (string, []any, error) {
	var b strings.Builder
	var args []any
	b.WriteByte('(')
	for i, p := range parts {
		if i > 0 {
			b.WriteString(sep)
		}
		if p.own || len(parts) == 1 {
			b.WriteString(p.sql)
		} else {
			b.WriteString("(" + p.sql + ")")
		}
		args = append(args, p.args...)
	}
	b.WriteByte(')')
	return b.String(), args, nil
}

// writeConds writes cs joined by AND, collecting their arguments.
func writeConds(b *strings.Builder, args []any, cs []Sqlizer) ([]any, error) {
	args, _, err := writeRestrictingConds(b, args, cs)
	return args, err
}

// writeRestrictingConds is writeConds that also reports whether any of
// cs, as rendered, restricts the rows.
func writeRestrictingConds(b *strings.Builder, args []any, cs []Sqlizer) ([]any, bool, error) {
	restricts := false
	for i, c := range cs {
		s, a, err := nestedSQL(c)
		if err != nil {
			return nil, false, err
		}
		if restrictsNothing(s) {
			// An empty Lt or Like, or a programmer's Sqlizer, may
			// render nothing, where an empty Eq is (1=1).
			s, a = sqlTrue, nil
		} else {
			restricts = true
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
	return args, restricts, nil
}
