package rx

import (
	"context"
	"database/sql"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// Query runs SQL written by hand and scans every row into a T, a model or
// any other struct (a report's row, a join's columns: no key needed),
// with field addresses from metadata cached per type: the result columns
// are matched to T's fields by column name (as for models) once per
// query, never per row. The SQL takes ? placeholders on every database
// (numbered $1, $2, … for PostgreSQL; see Exec), or $1, $2, … on
// PostgreSQL, values always passed as args. A result column that T has no field for is an error naming it;
// fields without a column keep their zero value.
//
//	users, err := rx.Query[User](ctx, db,
//		`SELECT u.* FROM "user" u JOIN team t ON t.id = u.team_id WHERE t.name = ?`, "core")
func Query[T any](ctx context.Context, q Querier, query string, args ...any) ([]T, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	t, db, ex, err := queryTarget[T](q)
	if err != nil {
		return nil, err
	}
	if query, err = db.rawQuery(query, args); err != nil {
		return nil, err
	}
	if out, handled, err := queryModelNative[T](ctx, db, &ex, t, query, args, false); handled {
		return out, err
	}
	rows, cols, err := queryModel(ctx, db, ex, t, query, args)
	if err != nil {
		return nil, err
	}
	out, err := scanAll(rows, cols, make([]T, 0))
	if err != nil {
		return nil, db.classify(ctx, err) // errors can arrive with the rows
	}
	return out, nil
}

// QueryOne is Query for a single row: ErrNotFound when the query returns
// none, ErrMultipleRows when it returns more than one.
func QueryOne[T any](ctx context.Context, q Querier, query string, args ...any) (*T, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	t, db, ex, err := queryTarget[T](q)
	if err != nil {
		return nil, err
	}
	if query, err = db.rawQuery(query, args); err != nil {
		return nil, err
	}
	if out, handled, err := queryModelNative[T](ctx, db, &ex, t, query, args, true); handled {
		if err != nil {
			return nil, err
		}
		return &out[0], nil
	}
	rows, cols, err := queryModel(ctx, db, ex, t, query, args)
	if err != nil {
		return nil, err
	}
	out := new(T)
	if err := scanOnly(rows, cols, unsafe.Pointer(out)); err != nil {
		return nil, db.classify(ctx, err)
	}
	return out, nil
}

// queryTarget is T's metadata and where a query of Query[T] runs.
func queryTarget[T any](q Querier) (*schema.Table, *DB, execer, error) {
	t, err := resultFor[T]()
	if err != nil {
		return nil, nil, nil, err
	}
	db, ex, err := readTargetOf(q)
	return t, db, ex, err
}

// queryModel runs query and maps its result columns to t's.
func queryModel(ctx context.Context, db *DB, ex execer, t *schema.Table, query string, args []any) (*sql.Rows, []*schema.Column, error) {
	rows, err := db.query(ctx, ex, rawSQL, query, args)
	if err != nil {
		return nil, nil, err
	}
	cols, err := resultColumns(t, rows)
	if err != nil {
		rows.Close()
		return nil, nil, err
	}
	return rows, cols, nil
}

// Exec runs a raw SQL statement. Values must be passed as args, never
// formatted into query. Its placeholders are ? on every database: for
// PostgreSQL rx numbers them $1, $2, …, leaving alone a ? inside a
// string literal (E'…' too), a quoted identifier, a dollar-quoted string
// or a comment, and casts such as x::int; ?? is a literal ?, for
// PostgreSQL's jsonb operators ?, ?| and ?& (written ??, ??| and ??&).
// On PostgreSQL a statement written with $1, $2, … is sent as it is (a
// ? where only a value can stand is then an error: the two styles do
// not mix). The number of placeholders must be the number of args,
// checked before the statement is sent, unless they are named
// (sql.Named; SQLite's ?NNN, :name, @name and $name).
func (s *Session) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return execRaw(ctx, s, query, args)
}

// Exec is Session.Exec in autocommit mode.
func (db *DB) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return execRaw(ctx, db, query, args)
}

// Query runs a raw SQL query; the caller closes the rows.
func (s *Session) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return queryRaw(ctx, s, query, args)
}

// Query is Session.Query in autocommit mode.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return queryRaw(ctx, db, query, args)
}

func execRaw(ctx context.Context, q Querier, query string, args []any) (sql.Result, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	db, ex, err := targetOf(q)
	if err != nil {
		return nil, err
	}
	if query, err = db.rawQuery(query, args); err != nil {
		return nil, err
	}
	return db.exec(ctx, ex, rawSQL, query, args)
}

func queryRaw(ctx context.Context, q Querier, query string, args []any) (*sql.Rows, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	db, ex, err := targetOf(q)
	if err != nil {
		return nil, err
	}
	if query, err = db.rawQuery(query, args); err != nil {
		return nil, err
	}
	return db.query(ctx, ex, rawSQL, query, args)
}
