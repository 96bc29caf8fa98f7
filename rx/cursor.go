package rx

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// ErrBadCursor is wrapped by the error of a query given a cursor
// (AfterCursor, BeforeCursor) that Cursor did not make for the query's
// order: a web API answers it with 400 Bad Request.
var ErrBadCursor = errors.New("rx: the cursor was not made by Cursor for this query's order")

// cursor is what a cursor string holds: the order it was made for, as
// OrderBy names ("-created_at", "id"), and the row's values of those
// columns, in JSON. It is not signed: a client can only move its own
// position, and the values are bound as parameters.
type cursor struct {
	Order  []string          `json:"o"`
	Values []json.RawMessage `json:"v"`
}

// Cursor returns the position of row (the last row of a page) in the
// query's order, as an opaque URL-safe string for AfterCursor or
// BeforeCursor: the values of the OrderBy columns. The OrderBy is held to
// After's rules. Cursor does not retire the query.
func (s *SelectQuery[T]) Cursor(row *T) (string, error) {
	if s.err != nil {
		return "", s.err
	}
	if row == nil {
		return "", fmt.Errorf("rx: Select[%s].Cursor(nil): pass the row whose position the cursor holds", s.t.Model())
	}
	keys, err := s.orderKeys("Cursor")
	if err != nil {
		return "", err
	}
	c := cursor{Order: keyNames(keys)}
	p := unsafe.Pointer(row)
	for _, k := range keys {
		v, err := json.Marshal(fieldOf(k.col, p).Interface())
		if err != nil {
			return "", fmt.Errorf("rx: Select[%s].Cursor: column %s: %w", s.t.Model(), k.col.Name, err)
		}
		c.Values = append(c.Values, v)
	}
	// A value that JSON does not bring back (a type without JSON methods)
	// would move the page: refused now rather than when it is read.
	back, err := decodeCursor[T](s.t, keys, encodeCursor(c))
	if err == nil {
		for _, k := range keys {
			if !sameValue(k.col.Value(back), k.col.Value(p)) {
				err = fmt.Errorf("column %s (%s) does not come back the same from JSON; use After with the row", k.col.Name, k.col.GoType)
				break
			}
		}
	}
	if err != nil {
		return "", fmt.Errorf("rx: Select[%s].Cursor: %w", s.t.Model(), err)
	}
	return encodeCursor(c), nil
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c) // raw messages and strings: cannot fail
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor into a new *T with the keys' fields set.
func decodeCursor[T any](t *schema.Table, keys []orderKey, s string) (unsafe.Pointer, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	var c cursor
	if err == nil {
		err = json.Unmarshal(raw, &c)
	}
	if err != nil || len(c.Values) != len(c.Order) {
		return nil, fmt.Errorf("%w (it does not decode)", ErrBadCursor)
	}
	if want := keyNames(keys); !slices.Equal(c.Order, want) {
		return nil, fmt.Errorf("%w: it was made for OrderBy%q, the query orders by %q", ErrBadCursor, c.Order, want)
	}
	row := new(T)
	p := unsafe.Pointer(row)
	for i, k := range keys {
		if err := json.Unmarshal(c.Values[i], fieldOf(k.col, p).Addr().Interface()); err != nil {
			return nil, fmt.Errorf("%w: the value of %s: %v", ErrBadCursor, k.col.Name, err)
		}
	}
	return p, nil
}

func keyNames(keys []orderKey) []string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = keyName(k)
	}
	return names
}

// keyName is the key as OrderBy takes it: "col", or "-col" descending.
func keyName(k orderKey) string {
	if k.desc {
		return "-" + k.col.Name
	}
	return k.col.Name
}

// fieldOf is c's field of the model at p.
func fieldOf(c *schema.Column, p unsafe.Pointer) reflect.Value {
	return reflect.NewAt(c.GoType, c.Addr(p)).Elem()
}

func sameValue(a, b any) bool {
	if ta, ok := a.(time.Time); ok {
		tb, ok := b.(time.Time)
		return ok && ta.Equal(tb)
	}
	return reflect.DeepEqual(a, b)
}
