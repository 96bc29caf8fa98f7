package rx

import (
	"slices"
	"strings"
)

// composeKeyset is compose for a query with After or Before: the keyset
// condition joins the query's own, and Before reads the page in the
// reverse order inside a query that restores it, so that every terminal
// method (All, First, Iter, Scan, Count) sends one statement.
func (s *SelectQuery[T]) composeKeyset(db *DB, list string, limit int64, order bool) (string, []any, error) {
	keys, err := s.orderKeys(s.keyset.method)
	if err != nil {
		return "", nil, err
	}
	vals, err := s.keyValues(keys)
	if err != nil {
		return "", nil, err
	}
	k := *s
	k.keyset = nil
	before := s.keyset.before
	if before {
		keys = slices.Clone(keys)
		k.orderBy = make([]string, len(keys))
		for i, key := range keys {
			key.desc = !key.desc
			keys[i] = key
			k.orderBy[i] = key.ref + direction(key.desc, " ASC", " DESC")
		}
	}
	cond := keysetCond(keys, vals, nullsLast(db.dialect))
	k.where = append(k.where[:len(k.where):len(k.where)], cond)
	inner, args, _, err := k.compose(db, list, limit, order || before && limit >= 0)
	if err != nil || !before || !order {
		return inner, args, err
	}
	var b strings.Builder
	b.WriteString("SELECT * FROM (")
	b.WriteString(inner)
	b.WriteString(") AS rx_page ORDER BY ")
	for i, key := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("rx_page.")
		b.WriteString(db.dialect.Quote(key.col.Name))
		if !key.desc { // reversed above: the query's own direction
			b.WriteString(" DESC")
		}
	}
	return b.String(), args, nil
}

// keysetCond is "sorts after vals" over the keys, as the expansion
// a > ? OR (a = ? AND b > ?) ..., each column compared in its direction
// and with its NULLs where the database sorts them, behind a bound on the
// first column alone (a >= ? AND (...)): the one form that both servers
// read as an index range. PostgreSQL reads the bare expansion as a filter
// on an index scan from the start, MariaDB a row comparison (a, b) > (?, ?)
// as a full index scan (bench/README.md).
func keysetCond(keys []orderKey, vals []any, nullsLast bool) Sqlizer {
	var b strings.Builder
	var args []any
	if k := keys[0]; !isNull(vals[0]) && (!k.col.Nullable || nullsLast == k.desc) {
		b.WriteString(k.ref + direction(k.desc, " >= ?", " <= ?") + " AND ")
		args = append(args, vals[0])
	}
	b.WriteByte('(')
	terms := 0
	for i, k := range keys {
		gt, gtArgs := keyAfter(k, vals[i], nullsLast != k.desc)
		if gt == "" {
			continue // nothing sorts after NULL on this column
		}
		if terms > 0 {
			b.WriteString(" OR ")
		}
		terms++
		b.WriteByte('(')
		for j := range i {
			eq, eqArgs := keyEqual(keys[j], vals[j])
			b.WriteString(eq + " AND ")
			args = append(args, eqArgs...)
		}
		b.WriteString(gt + ")")
		args = append(args, gtArgs...)
	}
	if terms == 0 {
		return expr{sql: "1 = 0"} // the row was the last: no page after it
	}
	b.WriteByte(')')
	return expr{sql: b.String(), args: args}
}

// keyAfter is "sorts after v" on one column; nullsAfter: NULL sorts after
// every value in the column's direction. "" when nothing does.
func keyAfter(k orderKey, v any, nullsAfter bool) (string, []any) {
	if isNull(v) {
		if nullsAfter {
			return "", nil
		}
		return k.ref + " IS NOT NULL", nil
	}
	op := direction(k.desc, " > ?", " < ?")
	if k.col.Nullable && nullsAfter {
		return "(" + k.ref + op + " OR " + k.ref + " IS NULL)", []any{v}
	}
	return k.ref + op, []any{v}
}

func keyEqual(k orderKey, v any) (string, []any) {
	if isNull(v) {
		return k.ref + " IS NULL", nil
	}
	return k.ref + " = ?", []any{v}
}

// direction picks asc or desc by the key's direction.
func direction(desc bool, asc, descending string) string {
	if desc {
		return descending
	}
	return asc
}
