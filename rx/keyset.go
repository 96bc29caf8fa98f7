package rx

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unsafe"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// Keyset pagination: After and Before turn the query's OrderBy into a
// condition on the order's columns, "the rows that sort after this one",
// so that page 1,000 costs what page 1 does (an index range scan), where
// OFFSET reads and drops every row before the page.

// orderKey is an OrderBy term, one per term that OrderBy adds: col is
// the column of T it names, nil for another term (an alias, a column of
// another table, one with NULLS FIRST or LAST).
type orderKey struct {
	col  *schema.Column
	ref  string // the quoted, qualified column
	desc bool
}

// keysetFrom is the row a page starts after (or ends before): a copy of
// the row given to After or Before, or the cursor given to AfterCursor
// or BeforeCursor, decoded when the query is built.
type keysetFrom struct {
	before bool
	row    unsafe.Pointer // a *T
	cursor string
	method string // for messages
}

// errKeysetOrder is wrapped by the errors of After and Before about the
// query's order.
var errKeysetOrder = errors.New("keyset pagination needs an OrderBy of the model's own columns that ends in a unique key")

func (s *SelectQuery[T]) keyOf(c *schema.Column, rendered string) []orderKey {
	if c == nil || s.t.Column(c.Name) != c {
		return append(s.keys, orderKey{})
	}
	ref, desc := strings.CutSuffix(rendered, " DESC")
	ref = strings.TrimSuffix(ref, " ASC")
	return append(s.keys, orderKey{col: c, ref: ref, desc: desc})
}

// After continues the query after row, a result of the same query (the
// last row of the previous page): the rows whose OrderBy columns sort
// after row's. The OrderBy must name columns of T only and include its
// primary key or the columns of a unique index of non-nullable columns,
// so that no two rows tie (OrderBy("-created_at", "id")); an index on the
// same columns in the same order makes each page a range scan. Columns
// may sort in different directions; NULLs sort where the database puts
// them (first ascending on SQLite and MySQL/MariaDB, last on PostgreSQL).
// The values are read from row now.
func (s *SelectQuery[T]) After(row *T) *SelectQuery[T] { return s.from(row, false, "After") }

// Before is After the other way: the rows that sort before row (the first
// row of the next page), the ones nearest to it when a Limit is given,
// still in the query's order. It sends one statement, the query in the
// reverse order inside one that restores it.
func (s *SelectQuery[T]) Before(row *T) *SelectQuery[T] { return s.from(row, true, "Before") }

// AfterCursor is After with a cursor from Cursor, for a web API that hands
// the position to its client: an empty cursor is the first page. A cursor
// made for another order, or not made by Cursor, is an error that wraps
// ErrBadCursor.
func (s *SelectQuery[T]) AfterCursor(cursor string) *SelectQuery[T] {
	return s.fromCursor(cursor, false, "AfterCursor")
}

// BeforeCursor is Before with a cursor from Cursor; an empty cursor is
// the first page.
func (s *SelectQuery[T]) BeforeCursor(cursor string) *SelectQuery[T] {
	return s.fromCursor(cursor, true, "BeforeCursor")
}

func (s *SelectQuery[T]) from(row *T, before bool, method string) *SelectQuery[T] {
	s = s.next()
	if row == nil && s.err == nil {
		s.err = fmt.Errorf("rx: Select[%s].%s(nil): pass the row to continue from (the last of the previous page), or leave %s out for the first page", s.t.Model(), method, method)
	}
	if s.err == nil {
		cp := *row
		s.keyset = &keysetFrom{before: before, row: unsafe.Pointer(&cp), method: method}
	}
	return s
}

func (s *SelectQuery[T]) fromCursor(cursor string, before bool, method string) *SelectQuery[T] {
	s = s.next()
	if cursor != "" {
		s.keyset = &keysetFrom{before: before, cursor: cursor, method: method}
	}
	return s
}

// keysetRefused is the error of a method that cannot carry After or
// Before.
func (s *SelectQuery[T]) keysetRefused(method string) error {
	if s.keyset == nil {
		return nil
	}
	return fmt.Errorf("rx: Select[%s].%s: a query with %s has no squirrel equivalent; use ToSQL for its SQL", s.t.Model(), method, s.keyset.method)
}

// orderKeys checks the query's order for keyset pagination and returns
// its keys, one per OrderBy term.
func (s *SelectQuery[T]) orderKeys(method string) ([]orderKey, error) {
	if len(s.orderBy) == 0 {
		return nil, fmt.Errorf("rx: Select[%s].%s: %w: add one, such as OrderBy(\"id\")", s.t.Model(), method, errKeysetOrder)
	}
	for i := range s.orderBy { // OrderByExpr adds terms without a key
		if i >= len(s.keys) || s.keys[i].col == nil {
			return nil, fmt.Errorf("rx: Select[%s].%s: %w: OrderBy term %d (%s) is not a plain column of %s (an alias, an expression, a column of another table or a NULLS FIRST/LAST term)",
				s.t.Model(), method, errKeysetOrder, i+1, s.orderBy[i], s.t.Model())
		}
	}
	if !uniqueOrder(s.t, s.keys) {
		return nil, fmt.Errorf("rx: Select[%s].%s: %w: rows that tie on %s would be skipped; add the primary key last, as OrderBy(%s)",
			s.t.Model(), method, errKeysetOrder, strings.Join(keyNames(s.keys), ", "), suggestOrder(s.t, s.keys))
	}
	return s.keys, nil
}

// uniqueOrder: the keys include the primary key or every column of a
// unique index whose columns are not nullable (NULLs do not collide in a
// unique index).
func uniqueOrder(t *schema.Table, keys []orderKey) bool {
	has := func(name string) bool {
		return slices.ContainsFunc(keys, func(k orderKey) bool { return k.col.Name == name })
	}
	covered := func(cols []string) bool {
		for _, name := range cols {
			if c := t.Column(name); c == nil || c.Nullable || !has(name) {
				return false
			}
		}
		return len(cols) > 0
	}
	return slices.ContainsFunc(t.UniqueKeys(), covered)
}

func suggestOrder(t *schema.Table, keys []orderKey) string {
	var terms []string
	for _, k := range keys {
		terms = append(terms, fmt.Sprintf("%q", keyName(k)))
	}
	for _, c := range t.PrimaryKey {
		terms = append(terms, fmt.Sprintf("%q", c.Name))
	}
	return strings.Join(terms, ", ")
}

// keyValues reads the keys' values from the row After or Before was given,
// or decodes the cursor.
func (s *SelectQuery[T]) keyValues(keys []orderKey) ([]any, error) {
	p := s.keyset.row
	if p == nil {
		var err error
		if p, err = decodeCursor[T](s.t, keys, s.keyset.cursor); err != nil {
			return nil, fmt.Errorf("rx: Select[%s].%s: %w", s.t.Model(), s.keyset.method, err)
		}
	}
	vals := make([]any, len(keys))
	for i, k := range keys {
		vals[i] = k.col.Value(p)
	}
	return vals, nil
}

// nullsLast reports whether the database sorts NULL after every value in
// ascending order.
func nullsLast(d dialect.Dialect) bool {
	_, ok := d.(dialect.NullsSortLast)
	return ok
}
