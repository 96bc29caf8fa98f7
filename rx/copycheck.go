package rx

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"unsafe"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// copyPlan decides, before a COPY, whether it would write rows as INSERT
// does: INSERT sends strings as text for the server to parse, and a
// binary COPY cannot carry some of them (a NUMERIC "1e5", an INTERVAL
// "P1Y2M"; see dialect.CopyChecker). It reports false when a row holds
// such a string, so that the caller INSERTs the rows. Otherwise pre
// holds, for each column whose Valuers it had to call to see their
// strings, the values by row, so that the COPY does not call them again
// (pre is nil for the other columns).
func (db *DB) copyPlan(ctx context.Context, conn *sql.Conn, t *schema.Table, cols []*schema.Column, names []string, rows []unsafe.Pointer) (pre [][]any, ok bool, err error) {
	cc, isChecker := db.copier.(dialect.CopyChecker)
	if !isChecker || !slices.ContainsFunc(cols, mayHoldString) {
		return nil, true, nil
	}
	var checks []func(string) bool
	err = conn.Raw(func(dc any) error {
		var e error
		checks, e = cc.CopyStrings(ctx, dc, t.Name, names)
		if errors.Is(e, driver.ErrBadConn) {
			e = fmt.Errorf("rx: COPY: connection lost: %v", e) // see copyRows
		}
		return e
	})
	if err != nil {
		return nil, false, db.classify(ctx, err)
	}
	for j, c := range cols {
		check := checks[j]
		if check == nil || !mayHoldString(c) {
			continue
		}
		var vals []any
		if !isPlainString(c) {
			vals = make([]any, len(rows))
		}
		for i, p := range rows {
			v, err := copyValue(c, p)
			if err != nil {
				return nil, false, err
			}
			if vals != nil {
				vals[i] = v
			}
			if s, isStr := stringOf(v); isStr && !check(s) {
				return nil, false, nil
			}
		}
		if vals != nil {
			if pre == nil {
				pre = make([][]any, len(cols))
			}
			pre[j] = vals
		}
	}
	return pre, true, nil
}

// copyValue is the value COPY sends for c's field in the row at p, its
// Valuer called.
func copyValue(c *schema.Column, p unsafe.Pointer) (any, error) {
	v := c.Value(p)
	if vr, ok := v.(driver.Valuer); ok {
		return callValuer(vr)
	}
	return v, nil
}

// stringOf returns the string v holds, as a string or a *string.
func stringOf(v any) (string, bool) {
	switch s := v.(type) {
	case string:
		return s, true
	case *string:
		if s != nil {
			return *s, true
		}
	}
	return "", false
}

// mayHoldString reports whether c's values can be strings: string
// fields, and Valuers (JSON fields among them), which may give one.
func mayHoldString(c *schema.Column) bool {
	t := c.GoType
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.String || t.Kind() == reflect.Interface || c.Kind == schema.KindJSON ||
		t.Implements(valuerType) || reflect.PointerTo(t).Implements(valuerType)
}

// isPlainString reports whether c's values are strings that no Valuer
// gives, so that reading them twice has no effect of its own.
func isPlainString(c *schema.Column) bool {
	t := c.GoType
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.String && c.Kind != schema.KindJSON &&
		!t.Implements(valuerType) && !reflect.PointerTo(t).Implements(valuerType)
}
