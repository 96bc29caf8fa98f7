package rx

import (
	"context"
	"unsafe"
)

// Query runs SQL written by hand and scans every row into a T, with the
// field addresses of rx's cached model metadata: the result columns are
// matched to the model's once per query, never per row. The SQL is in the
// database's own placeholder style (? or $1), values always passed as
// args. A result column that T has no field for is an error naming it;
// fields without a column keep their zero value.
//
//	users, err := rx.Query[User](ctx, db,
//		`SELECT u.* FROM "user" u JOIN team t ON t.id = u.team_id WHERE t.name = ?`, "core")
func Query[T any](ctx context.Context, q Querier, query string, args ...any) ([]T, error) {
	t, err := tableFor[T]()
	if err != nil {
		return nil, err
	}
	rows, err := queryRaw(ctx, q, query, args)
	if err != nil {
		return nil, err
	}
	cols, err := resultColumns(t, rows)
	if err != nil {
		rows.Close()
		return nil, err
	}
	return scanAll(rows, cols, make([]T, 0))
}

// QueryOne is Query for a single row: ErrNotFound when the query returns
// none, ErrMultipleRows when it returns more than one.
func QueryOne[T any](ctx context.Context, q Querier, query string, args ...any) (*T, error) {
	t, err := tableFor[T]()
	if err != nil {
		return nil, err
	}
	rows, err := queryRaw(ctx, q, query, args)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := resultColumns(t, rows)
	if err != nil {
		return nil, err
	}
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return nil, ErrNotFound
	}
	out := new(T)
	if err := scanRow(rows, cols, unsafe.Pointer(out), make([]any, len(cols))); err != nil {
		return nil, err
	}
	if rows.Next() {
		return nil, ErrMultipleRows
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, rows.Close()
}
