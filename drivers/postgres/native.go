package postgres

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/rxgo/rxdb/dialect"
)

// nativeSeen, when a test sets it, is called with every statement the
// native path sends.
var nativeSeen func(query string)

// pgxConn returns the pgx connection behind the driver connection that
// sql.Conn.Raw hands out, with rx's lazyConn around it when rx opened the
// pool (nil for a pool of pgx's stdlib given to rx.Wrap), or
// driver.ErrBadConn when it is closed (killed by the server, or by a
// cancelled statement), as pgx's stdlib does.
func pgxConn(driverConn any) (*lazyConn, *pgx.Conn, error) {
	var lc *lazyConn
	c, ok := driverConn.(*stdlib.Conn)
	if !ok {
		if lc, ok = driverConn.(*lazyConn); !ok {
			return nil, nil, fmt.Errorf("postgres: the native path needs a pgx connection, got %T", driverConn)
		}
		c = lc.Conn
	}
	pc := c.Conn()
	if pc.IsClosed() {
		return nil, nil, driver.ErrBadConn
	}
	return lc, pc, nil
}

// begun returns the pgx connection behind driverConn with its pending
// BEGIN sent, for what cannot carry it (COPY, a description).
func begun(ctx context.Context, driverConn any) (*pgx.Conn, error) {
	lc, pc, err := pgxConn(driverConn)
	if err == nil && lc != nil {
		err = lc.flush(ctx)
	}
	return pc, err
}

// badConn turns an error that pgx says came before anything was sent
// into driver.ErrBadConn, as pgx's stdlib does, so that the statement is
// tried on another connection.
func badConn(err error) error {
	if err != nil && pgconn.SafeToRetry(err) {
		return fmt.Errorf("%w: %v", driver.ErrBadConn, err)
	}
	return err
}

// NativeQuery implements dialect.NativeConn with pgx's Query, in the
// result formats of pgx's stdlib (see sqlvalue.go), receiving the first
// row before it returns, as pgx's stdlib does for database/sql.
func (Driver) NativeQuery(ctx context.Context, driverConn any, query string, args []any) (dialect.NativeRows, error) {
	lc, pc, err := pgxConn(driverConn)
	if err != nil {
		return nil, err
	}
	if nativeSeen != nil {
		nativeSeen(query)
	}
	if err := lc.unlessPipelined(ctx); err != nil {
		return nil, err
	}
	r := rowsPool.Get().(*nativeRows)
	var rows pgx.Rows
	if lc != nil && lc.begin != "" {
		rows, err = lc.queryBegun(ctx, query, args)
	} else {
		r.args = append(append(r.args[:0], sqlResultFormats), args...)
		rows, err = pc.Query(ctx, query, r.args...)
	}
	if err != nil {
		r.release()
		return nil, badConn(err)
	}
	more := rows.Next()
	if err := rows.Err(); err != nil {
		rows.Close()
		r.release()
		return nil, err
	}
	r.rows, r.typeMap, r.preloaded, r.more = rows, pc.TypeMap(), true, more
	r.cols = r.cols[:0]
	return r, nil
}

// NativeExec implements dialect.NativeConn with pgx's Exec.
func (Driver) NativeExec(ctx context.Context, driverConn any, query string, args []any) (int64, error) {
	lc, pc, err := pgxConn(driverConn)
	if err != nil {
		return 0, err
	}
	if nativeSeen != nil {
		nativeSeen(query)
	}
	if err := lc.unlessPipelined(ctx); err != nil {
		return 0, err
	}
	var tag pgconn.CommandTag
	if lc != nil && lc.begin != "" {
		tag, err = lc.execBegun(ctx, query, args)
	} else {
		tag, err = pc.Exec(ctx, query, args...)
	}
	if err != nil {
		return 0, badConn(err)
	}
	return tag.RowsAffected(), nil
}

// nativeRows are pgx's rows with the first one received, and the
// destination slice rx fills; pooled, so that a query allocates neither.
type nativeRows struct {
	rows      pgx.Rows
	typeMap   *pgtype.Map
	preloaded bool // Next has been called once, answering more
	more      bool
	dest      []any
	args      []any       // the result formats, then the query's arguments
	cols      []colReader // per column: how its destination reads
	held      []any       // Scan's destinations while pgx sees nil for some
}

var rowsPool = sync.Pool{New: func() any { return new(nativeRows) }}

func (r *nativeRows) Next() bool {
	if r.preloaded {
		r.preloaded = false
		return r.more
	}
	return r.rows.Next()
}

func (r *nativeRows) Dest(n int) []any {
	if cap(r.dest) < n {
		r.dest = make([]any, n)
	}
	return r.dest[:n]
}

func (r *nativeRows) Columns() []string {
	fds := r.rows.FieldDescriptions()
	names := make([]string, len(fds))
	for i, fd := range fds {
		names[i] = fd.Name
	}
	return names
}

func (r *nativeRows) Err() error { return r.rows.Err() }

func (r *nativeRows) Close() error {
	r.rows.Close()
	err := r.rows.Err()
	r.release()
	return err
}

// release puts r back in the pool, keeping no model or argument alive.
func (r *nativeRows) release() {
	clear(r.dest)
	clear(r.args)
	clear(r.held)
	r.rows, r.typeMap = nil, nil
	rowsPool.Put(r)
}
