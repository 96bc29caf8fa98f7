package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/rxgo/rxdb/dialect"
)

// NativeQueryBatch implements dialect.NativeBatcher: the queries (and a
// pending BEGIN) go as one pipeline with one Sync, encoded as
// NativeQuery encodes them. On a connection of pgx's stdlib (rx.Wrap),
// which keeps no descriptions for rx, or in an exec mode that keeps to
// the simple protocol, they go one at a time.
func (d Driver) NativeQueryBatch(ctx context.Context, driverConn any, queries []string, args [][]any, scan func(int, dialect.NativeRows) error) (int, error) {
	lc, _, err := pgxConn(driverConn)
	if err != nil {
		return 0, err
	}
	if lc == nil || !lc.pipelines() {
		return d.queryEach(ctx, driverConn, queries, args, scan)
	}
	mrr, err := lc.sendBatch(ctx, queries, args)
	if err != nil {
		return 0, err
	}
	closed := false
	defer func() {
		if !closed { // scan panicked: read the pipeline to its end
			_ = mrr.Close()
		}
	}()
	for i := range queries {
		if err := lc.scanNext(mrr, scan, i); err != nil {
			closed = true
			_ = mrr.Close()
			delete(lc.descs, queries[i]) // the table may have changed under it
			return i, err
		}
	}
	closed = true
	return len(queries), mrr.Close()
}

// queryEach is NativeQueryBatch a query at a time.
func (d Driver) queryEach(ctx context.Context, driverConn any, queries []string, args [][]any, scan func(int, dialect.NativeRows) error) (int, error) {
	for i, q := range queries {
		rows, err := d.NativeQuery(ctx, driverConn, q, args[i])
		if err != nil {
			return i, err
		}
		err = scan(i, rows)
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return i, err
		}
	}
	return len(queries), nil
}

// pipelines reports whether the connection's exec mode lets statements
// go in a pipeline (see unlessPipelined).
func (c *lazyConn) pipelines() bool {
	switch c.mode {
	case pgx.QueryExecModeSimpleProtocol, pgx.QueryExecModeExec:
		return false
	}
	return true
}

// sendBatch sends the pending BEGIN, if any, and the queries in one
// pipeline, with the result formats of pgx's stdlib, and reads BEGIN's
// result.
func (c *lazyConn) sendBatch(ctx context.Context, queries []string, args [][]any) (*pgconn.MultiResultReader, error) {
	pc := c.Conn.Conn()
	sds := make([]*pgconn.StatementDescription, len(queries))
	for i, q := range queries {
		sd, err := c.described(ctx, q)
		if err != nil {
			return nil, err
		}
		sds[i] = sd
	}
	batch := &pgconn.Batch{}
	begun := c.begin != ""
	if begun {
		batch.ExecParams(c.begin, nil, nil, nil, nil)
	}
	for i, sd := range sds {
		if err := c.queue(batch, queries[i], sd, args[i], sqlResultFormats); err != nil {
			return nil, err
		}
	}
	c.begin = ""
	mrr := pc.PgConn().ExecBatch(ctx, batch)
	if begun {
		if err := c.beginResult(ctx, mrr); err != nil {
			return nil, err
		}
	}
	return mrr, nil
}

// scanNext hands the pipeline's next result to scan as NativeQuery's
// rows, its first row received first so that the server's error is the
// query's, not scan's.
func (c *lazyConn) scanNext(mrr *pgconn.MultiResultReader, scan func(int, dialect.NativeRows) error, i int) error {
	if !mrr.NextResult() {
		return mrr.Close()
	}
	rows := pgx.RowsFromResultReader(c.Conn.Conn().TypeMap(), mrr.ResultReader())
	more := rows.Next()
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	r := rowsPool.Get().(*nativeRows)
	r.rows, r.typeMap, r.preloaded, r.more = rows, c.Conn.Conn().TypeMap(), true, more
	r.cols = r.cols[:0]
	closed := false
	defer func() {
		if !closed { // scan panicked
			r.Close()
		}
	}()
	err := scan(i, r)
	closed = true
	if cerr := r.Close(); err == nil {
		err = cerr
	}
	return err
}
