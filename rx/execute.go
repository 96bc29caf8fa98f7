package rx

import (
	"context"
	"database/sql"
	"slices"

	"github.com/jmoiron/sqlx"
	"github.com/rxgo/rxdb/dialect"
)

// execute is the pipeline's execute stage: it sends st on the executor
// route chose, the driver's native interface (native.go) or
// database/sql, and calls db.answered once the server has answered.
func (db *DB) execute(ctx context.Context, st *stmt, args []any, scan func(dialect.NativeRows) error) {
	switch {
	case st.kind == beginKind:
		st.tx, st.err = st.from.BeginTxx(st.txCtx, st.opts)
		db.answered(ctx, st)
	case st.kind == endKind:
		if st.commit {
			st.err = st.tx.Commit()
		} else {
			st.err = st.tx.Rollback()
		}
		db.answered(ctx, st)
	case st.kind == copyKind:
		db.copyOn(ctx, st)
	case st.kind == scanKind:
		db.readOnNative(ctx, st, args, scan)
	case st.conn != nil || st.pool != nil:
		db.execOnNative(ctx, st, args)
	case st.kind == rowsKind:
		st.rows, st.err = queryOn(ctx, st.ex, st.query, args)
		db.answered(ctx, st)
	default:
		st.res, st.err = execOn(ctx, st.ex, st.query, args)
		db.answered(ctx, st)
	}
}

// execOn and queryOn call database/sql on its concrete types: through
// the execer interface the compiler must assume that args escape, and
// every statement would pay a heap allocation for its argument slice
// and each boxed value. (hooksBefore gives the hooks a copy of their
// own for the same reason.)
func execOn(ctx context.Context, ex execer, query string, args []any) (sql.Result, error) {
	switch e := ex.(type) {
	case *sqlx.DB:
		return e.DB.ExecContext(ctx, query, args...)
	case *sqlx.Tx:
		return e.Tx.ExecContext(ctx, query, args...)
	case *sessionExec:
		return e.Tx.Tx.ExecContext(ctx, query, args...)
	}
	return ex.ExecContext(ctx, query, slices.Clone(args)...)
}

func queryOn(ctx context.Context, ex execer, query string, args []any) (*sql.Rows, error) {
	switch e := ex.(type) {
	case *sqlx.DB:
		return e.DB.QueryContext(ctx, query, args...)
	case *sqlx.Tx:
		return e.Tx.QueryContext(ctx, query, args...)
	case *sessionExec:
		return e.Tx.Tx.QueryContext(ctx, query, args...)
	}
	return ex.QueryContext(ctx, query, slices.Clone(args)...)
}
