package rx

// The native path: on a driver with dialect.NativeConn (pgx on
// PostgreSQL), the statements rx builds and reads itself run on the
// driver's own interface, on the connection database/sql lends through
// sql.Conn.Raw: a session's own connection (read-write, or read-only on
// the primary), or one borrowed per autocommit statement. What hands the
// caller a database/sql type or keeps rows open across calls stays on
// database/sql: Iter (its rows outlive the call, and the connection must
// stay under database/sql's lock while a session's transaction may be
// rolled back from another goroutine when its context ends), Query
// returning *sql.Rows, Count, Exists, Scan and relation loading; so do
// read-only sessions on a read pool, which begin on that pool rather than
// on a connection of their own (the pool may be another driver's). Every
// field reads what database/sql would store in it: the driver's
// NativeRows.Scan sees to it (on pgx, drivers/postgres/sqlvalue.go).

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
	"unsafe"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// badConnTries is how often an autocommit statement is tried on another
// connection when the one it got was dead, as database/sql does.
const badConnTries = 3

// errConnLost replaces driver.ErrBadConn inside a transaction, where
// database/sql must not see it: it would close the connection under the
// open transaction, waiting for the transaction to end first, for ever.
var errConnLost = errors.New("rx: connection lost")

// errNativePanicked stands for a panic inside Raw until it goes on.
var errNativePanicked = errors.New("rx: panicked on the native path")

// onNative runs f on the driver's connection behind ex, borrowing one
// from the pool for an autocommit statement, and tries again on another
// connection when f reports a dead one.
func onNative(ctx context.Context, conn *sql.Conn, pool *sql.DB, f func(dc any) error) error {
	if conn != nil {
		var panicked any
		err := conn.Raw(func(dc any) (err error) {
			// Under the session's transaction database/sql must see
			// neither driver.ErrBadConn nor a panic (a Scanner's, which
			// it turns into ErrBadConn): it would close the Conn,
			// waiting for the transaction to end first, for ever. The
			// panic goes on below, out of Raw.
			defer func() {
				if r := recover(); r != nil {
					panicked, err = r, errNativePanicked
				}
			}()
			err = f(dc)
			if errors.Is(err, driver.ErrBadConn) {
				err = fmt.Errorf("%w: %v", errConnLost, err)
			}
			return err
		})
		if panicked != nil {
			panic(panicked)
		}
		return err
	}
	var err error
	for range badConnTries {
		var c *sql.Conn
		if c, err = pool.Conn(ctx); err != nil {
			return err
		}
		err = c.Raw(f)
		c.Close()
		if !errors.Is(err, driver.ErrBadConn) {
			return err
		}
	}
	return err
}

// readNative runs a query through the pipeline on the native path when
// *exp is in its reach, handing its rows to scan, and reports whether it
// did. qerr is the error of sending the query (classified, and seen by
// the hooks), serr scan's. An autocommit read that a replica does not
// answer goes on to the next replica or the primary, as db.query does;
// if that one is out of reach, *exp is set to it and the caller reads
// from it on database/sql.
func (db *DB) readNative(ctx context.Context, exp *execer, w what, query string, args []any, scan func(dialect.NativeRows) error) (handled bool, qerr, serr error) {
	st := stmt{ex: *exp, w: w, query: query, kind: scanKind}
	return db.sendNative(ctx, exp, &st, args, scan)
}

// sendNative is readNative for a stmt of the caller's: one that writes
// (an INSERT ... RETURNING, behind the write gate).
func (db *DB) sendNative(ctx context.Context, exp *execer, st *stmt, args []any, scan func(dialect.NativeRows) error) (handled bool, qerr, serr error) {
	db.send(ctx, st, args, scan)
	*exp = st.ex
	return !st.unhandled, st.err, st.serr
}

// readOnNative is execute for a scanKind statement: the query on the
// driver's native interface, its rows handed to scan once the
// pipeline has seen the answer.
func (db *DB) readOnNative(ctx context.Context, st *stmt, args []any, scan func(dialect.NativeRows) error) {
	sent := false
	pa := pooledArgs(args)
	defer putArgs(pa)
	err := onNative(ctx, st.conn, st.pool, func(dc any) error {
		rows, err := db.native.NativeQuery(ctx, dc, st.query, *pa)
		if err != nil {
			return err
		}
		sent = true
		closed := false
		defer func() {
			if !closed { // scan panicked: free the connection for the rollback
				rows.Close()
			}
		}()
		db.answered(ctx, st)
		st.serr = scan(rows)
		closed = true
		if cerr := rows.Close(); st.serr == nil {
			st.serr = cerr
		}
		return nil
	})
	if !sent {
		st.err = err
		db.answered(ctx, st)
	}
}

// argsPool holds the argument slices handed to the driver. The driver's
// interface makes whatever it is given escape, so rx hands it a pooled
// copy and the callers' argument slices (a Get's key, a builder's stack
// buffer) stay where they are.
var argsPool = sync.Pool{New: func() any { return new([]any) }}

func pooledArgs(args []any) *[]any {
	pa := argsPool.Get().(*[]any)
	*pa = append((*pa)[:0], args...)
	return pa
}

func putArgs(pa *[]any) {
	clear(*pa) // keep no values alive from the pool
	argsPool.Put(pa)
}

// nativeResult is the sql.Result of a statement on the native path.
type nativeResult int64

func (r nativeResult) RowsAffected() (int64, error) { return int64(r), nil }
func (nativeResult) LastInsertId() (int64, error) {
	return 0, errors.New("rx: LastInsertId is not supported by this driver")
}

// execOnNative is execute for a statement without rows on the driver's
// native interface. The bind stage called the Valuers before: a Valuer's
// panic inside Raw would leave database/sql's connection to be closed
// under the open transaction, where called before it leaves nothing held.
func (db *DB) execOnNative(ctx context.Context, st *stmt, args []any) {
	var n int64
	pa := pooledArgs(args)
	defer putArgs(pa)
	err := onNative(ctx, st.conn, st.pool, func(dc any) (err error) {
		n, err = db.native.NativeExec(ctx, dc, st.query, *pa)
		return err
	})
	if st.err = err; err == nil {
		st.res = nativeResult(n)
	}
	db.answered(ctx, st)
}

// nativeScanRow is scanRow on native rows, into the rows' destinations.
func nativeScanRow(rows dialect.NativeRows, cols []*schema.Column, p unsafe.Pointer) error {
	dest := rows.Dest(len(cols))
	for i, c := range cols {
		dest[i] = c.Dest(p)
	}
	return rows.Scan(dest)
}

// nativeScanOne is scanOne on native rows.
func nativeScanOne(rows dialect.NativeRows, cols []*schema.Column, p unsafe.Pointer) (bool, error) {
	if !rows.Next() {
		return false, rows.Err()
	}
	return true, nativeScanRow(rows, cols, p)
}

// nativeScanOnly is scanOnly on native rows.
func nativeScanOnly(rows dialect.NativeRows, cols []*schema.Column, p unsafe.Pointer) error {
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return ErrNotFound
	}
	if err := nativeScanRow(rows, cols, p); err != nil {
		return err
	}
	if rows.Next() {
		return ErrMultipleRows
	}
	return rows.Err()
}

// nativeScanAll is scanAll on native rows.
func nativeScanAll[T any](rows dialect.NativeRows, cols []*schema.Column, out []T) ([]T, error) {
	var zero T
	for rows.Next() {
		out = append(out, zero)
		if err := nativeScanRow(rows, cols, unsafe.Pointer(&out[len(out)-1])); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}

// nativeColumns is resultColumns on native rows.
func nativeColumns(t *schema.Table, rows dialect.NativeRows) ([]*schema.Column, error) {
	return matchColumns(t, rows.Columns())
}

// allNative is All's query and scan on the native path; handled is false
// when the query's target is out of its reach.
func (s *SelectQuery[T]) allNative(ctx context.Context, db *DB, exp *execer, query string, args []any, capHint int) (out []T, handled bool, err error) {
	handled, qerr, serr := db.readNative(ctx, exp, what{op: "SELECT", table: s.t.Name}, query, args, func(rows dialect.NativeRows) error {
		cols, err := s.nativeScanColumns(rows)
		if err != nil {
			return err
		}
		out, err = nativeScanAll(rows, cols, make([]T, 0, capHint))
		return err
	})
	return out, handled, s.nativeErr(ctx, db, qerr, serr)
}

// oneNative is First's (only false) or One's query and scan on the
// native path, into p.
func (s *SelectQuery[T]) oneNative(ctx context.Context, db *DB, exp *execer, query string, args []any, p unsafe.Pointer, only bool) (handled bool, err error) {
	handled, qerr, serr := db.readNative(ctx, exp, what{op: "SELECT", table: s.t.Name}, query, args, func(rows dialect.NativeRows) error {
		cols, err := s.nativeScanColumns(rows)
		if err != nil {
			return err
		}
		if only {
			return nativeScanOnly(rows, cols, p)
		}
		found, err := nativeScanOne(rows, cols, p)
		if err == nil && !found {
			err = errFirstNone
		}
		return err
	})
	return handled, s.nativeErr(ctx, db, qerr, serr)
}

// errFirstNone is First finding no row, which it returns as a bare
// ErrNotFound where One's goes through db.failed.
var errFirstNone = errors.New("rx: no first row")

// nativeErr wraps the errors of readNative as run and the scans do.
func (s *SelectQuery[T]) nativeErr(ctx context.Context, db *DB, qerr, serr error) error {
	switch {
	case qerr != nil:
		return opError("select", s.t, qerr)
	case serr == nil:
		return nil
	case serr == errFirstNone:
		return ErrNotFound // as First returns it
	}
	if _, ok := serr.(*ColumnError); ok {
		return serr // as scanColumns returns it
	}
	return db.failed(ctx, "select", s.t, serr)
}

// nativeScanColumns is scanColumns on native rows.
func (s *SelectQuery[T]) nativeScanColumns(rows dialect.NativeRows) ([]*schema.Column, error) {
	if s.aliases == nil {
		return s.columns(), nil
	}
	return nativeColumns(s.t, rows)
}

// insertReturningNative is insertReturning on the native path; handled
// is false when ex is out of its reach.
func (db *DB) insertReturningNative(ctx context.Context, exp *execer, t *schema.Table, query string, args []any, chunk []unsafe.Pointer, skipped bool) (handled bool, n int64, err error) {
	st := stmt{ex: *exp, w: what{op: "INSERT", table: t.Name}, query: query, kind: scanKind, write: true}
	scan := func(rows dialect.NativeRows) error {
		if len(chunk) == 1 {
			// One row: scan its key straight into the model's field.
			if !rows.Next() {
				if err := rows.Err(); err != nil {
					return db.classify(ctx, err)
				}
				if skipped {
					return nil
				}
				return errNoKey(t)
			}
			dest := rows.Dest(1)
			dest[0] = t.AutoIncrement.Dest(chunk[0])
			if err := rows.Scan(dest); err != nil {
				return err
			}
			if rows.Next() {
				return errSeveralKeys(t)
			}
			if err := rows.Err(); err != nil {
				return db.classify(ctx, err)
			}
			n = 1
			return nil
		}
		var one int64
		ids := make([]int64, 0, len(chunk))
		dest := rows.Dest(1)
		dest[0] = &one
		for rows.Next() {
			if err := rows.Scan(dest); err != nil {
				return err
			}
			ids = append(ids, one)
		}
		if err := rows.Err(); err != nil {
			return db.classify(ctx, err)
		}
		var err error
		n, err = assignReturned(t, chunk, ids)
		return err
	}
	handled, qerr, serr := db.sendNative(ctx, exp, &st, args, scan)
	if qerr != nil {
		return handled, 0, qerr
	}
	return handled, n, serr
}

// queryModelNative is Query (one false) and QueryOne (one true, into
// out[0]) on the native path; handled is false when *exp is out of its
// reach.
func queryModelNative[T any](ctx context.Context, db *DB, exp *execer, t *schema.Table, query string, args []any, one bool) (out []T, handled bool, err error) {
	var colErr error
	handled, qerr, serr := db.readNative(ctx, exp, rawSQL, query, args, func(rows dialect.NativeRows) error {
		cols, err := nativeColumns(t, rows)
		if err != nil {
			colErr = err
			return nil
		}
		if one {
			out = make([]T, 1)
			return nativeScanOnly(rows, cols, unsafe.Pointer(&out[0]))
		}
		out, err = nativeScanAll(rows, cols, make([]T, 0))
		return err
	})
	switch {
	case !handled:
		return nil, false, nil
	case qerr != nil:
		return nil, true, qerr
	case colErr != nil:
		return nil, true, colErr
	case serr != nil:
		return nil, true, db.classify(ctx, serr)
	}
	return out, true, nil
}
