package dialect

import (
	"reflect"
	"strings"
)

// Helpers for implementing a Dialect: the standard SQL that several
// databases share.

// OnConflict writes the standard ON CONFLICT clause (SQLite, PostgreSQL)
// for a Dialect's Upsert.
func OnConflict(b *strings.Builder, conflict, update []string) {
	OnConflictWhere(b, conflict, "", update)
}

// OnConflictWhere is OnConflict whose conflict target is a partial unique
// index, named by its columns and predicate (where, "" for none).
func OnConflictWhere(b *strings.Builder, conflict []string, where string, update []string) {
	b.WriteString(" ON CONFLICT")
	if len(conflict) > 0 {
		b.WriteString(" (" + strings.Join(conflict, ", ") + ")")
	}
	if where != "" {
		b.WriteString(" WHERE " + where)
	}
	if len(update) == 0 {
		b.WriteString(" DO NOTHING")
		return
	}
	b.WriteString(" DO UPDATE SET ")
	for i, c := range update {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c + " = excluded." + c)
	}
}

// InList writes the portable IN list, one placeholder per value, for a
// Dialect's InList.
func InList(col string, list any, not bool) (string, []any) {
	args := ListValues(list)
	op := " IN ("
	if not {
		op = " NOT IN ("
	}
	var b strings.Builder
	b.Grow(len(col) + len(op) + 3*len(args))
	b.WriteString(col)
	b.WriteString(op)
	for i := range args {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('?')
	}
	b.WriteByte(')')
	return b.String(), args
}

// ListValues returns the elements of list, a slice or an array.
func ListValues(list any) []any {
	v := reflect.ValueOf(list)
	out := make([]any, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface()
	}
	return out
}

// LowerLike writes the portable case-insensitive LIKE, for a Dialect's
// ILike on a database without ILIKE.
func LowerLike(col string, not bool) string {
	if not {
		return "LOWER(" + col + ") NOT LIKE LOWER(?)"
	}
	return "LOWER(" + col + ") LIKE LOWER(?)"
}
