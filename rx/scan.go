package rx

import (
	"database/sql"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// scanRow scans the current row into the struct at p, one destination per
// result column, reusing dest between rows; dest may hold further
// destinations after those of cols, left as they are.
func scanRow(rows *sql.Rows, cols []*schema.Column, p unsafe.Pointer, dest []any) error {
	deferred := false
	for i, c := range cols {
		dest[i] = c.Dest(p)
		deferred = deferred || c.ScansUserCode()
	}
	if deferred {
		return scanDeferred(rows, cols, p, dest)
	}
	return rows.Scan(dest...)
}

// destBuf is how many scan destinations fit on the stack: a single-row
// read of a model this wide allocates no destination slice.
const destBuf = 24

// destSlice returns n destinations, in buf when they fit.
func destSlice(buf *[destBuf]any, n int) []any {
	if n <= destBuf {
		return buf[:n]
	}
	return make([]any, n)
}

// scanOne scans the first row, if any, and closes rows.
func scanOne(rows *sql.Rows, cols []*schema.Column, p unsafe.Pointer) (bool, error) {
	defer rows.Close()
	if !rows.Next() {
		return false, rows.Err()
	}
	var buf [destBuf]any
	if err := scanRow(rows, cols, p, destSlice(&buf, len(cols))); err != nil {
		return false, err
	}
	return true, rows.Close()
}

// scanOnly scans the only row into the struct at p and closes rows:
// ErrNotFound when there is none, ErrMultipleRows when there are more.
func scanOnly(rows *sql.Rows, cols []*schema.Column, p unsafe.Pointer) error {
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return ErrNotFound
	}
	var buf [destBuf]any
	if err := scanRow(rows, cols, p, destSlice(&buf, len(cols))); err != nil {
		return err
	}
	if rows.Next() {
		return ErrMultipleRows
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return rows.Close()
}

// scanAll appends every row to out and closes rows.
func scanAll[T any](rows *sql.Rows, cols []*schema.Column, out []T) ([]T, error) {
	defer rows.Close()
	var buf [destBuf]any
	dest := destSlice(&buf, len(cols))
	var zero T
	for rows.Next() {
		out = append(out, zero)
		if err := scanRow(rows, cols, unsafe.Pointer(&out[len(out)-1]), dest); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, rows.Close()
}

// resultColumns maps the columns of a query to the fields of t,
// once per query, so that no row is matched by name.
func resultColumns(t *schema.Table, rows *sql.Rows) ([]*schema.Column, error) {
	names, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	return matchColumns(t, names)
}

// matchColumns maps result column names to the fields of t.
func matchColumns(t *schema.Table, names []string) ([]*schema.Column, error) {
	cols := make([]*schema.Column, len(names))
	for i, n := range names {
		c := t.Column(n)
		if c == nil {
			return nil, &ColumnError{Model: t.Model(), Column: n, Reason: "the query returns this column but " + t.Model() + " has no field for it (columns: " + sortedColumnNames(t) + ")"}
		}
		cols[i] = c
	}
	return cols, nil
}
