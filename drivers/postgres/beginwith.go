package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// maxDescs bounds a connection's statement descriptions, as pgx's
// description cache is bounded (it holds 512).
const maxDescs = 512

// unlessPipelined sends the pending BEGIN on its own when the
// connection's exec mode keeps to what the pipeline goes beyond: the
// simple protocol, or the extended one without statement descriptions
// (QueryExecModeExec), chosen in the URL for a proxy that needs them.
// c may be nil: a connection of pgx's stdlib has no pending BEGIN.
func (c *lazyConn) unlessPipelined(ctx context.Context) error {
	if c == nil || c.begin == "" || c.pipelines() {
		return nil
	}
	return c.flush(ctx)
}

// described returns the statement's parameter and result types, which
// the pipeline needs to encode the arguments before it is sent: kept per
// connection, and asked of the server (on the unnamed statement, which
// nothing keeps prepared, so that a pooler is no matter) after the
// pending BEGIN, inside the transaction, so that a statement the server
// refuses aborts the transaction as it would have without the pipeline.
func (c *lazyConn) described(ctx context.Context, query string) (*pgconn.StatementDescription, error) {
	if sd := c.descs[query]; sd != nil {
		return sd, nil
	}
	if err := c.flush(ctx); err != nil {
		return nil, err
	}
	sd, err := c.Conn.Conn().PgConn().Prepare(ctx, "", query, nil)
	if err != nil {
		return nil, err
	}
	if c.descs == nil || len(c.descs) >= maxDescs {
		c.descs = make(map[string]*pgconn.StatementDescription)
	}
	c.descs[query] = sd
	return sd, nil
}

// beginWith sends the pending BEGIN and the statement in one pipeline
// (or the statement alone, when its description had to be asked for
// after BEGIN) and returns the reader positioned on the statement's
// result, with resultFormats for its columns (nil: pgx's choice). An
// error of BEGIN is the statement's error, and closes the connection as
// a failed flush does.
func (c *lazyConn) beginWith(ctx context.Context, query string, args []any, resultFormats pgx.QueryResultFormatsByOID) (*pgconn.MultiResultReader, *pgconn.ResultReader, error) {
	sd, err := c.described(ctx, query)
	if err != nil {
		return nil, nil, err
	}
	batch := &pgconn.Batch{}
	begun := c.begin != ""
	if begun {
		batch.ExecParams(c.begin, nil, nil, nil, nil)
	}
	if err := c.queue(batch, query, sd, args, resultFormats); err != nil {
		return nil, nil, err // nothing sent: BEGIN is still pending
	}
	c.begin = ""
	pc := c.Conn.Conn()
	mrr := pc.PgConn().ExecBatch(ctx, batch)
	if begun {
		if err := c.beginResult(ctx, mrr); err != nil {
			return nil, nil, err
		}
	}
	if !mrr.NextResult() {
		err := mrr.Close()
		delete(c.descs, query)
		return nil, nil, err
	}
	return mrr, mrr.ResultReader(), nil
}

// queue adds the statement to batch, its arguments encoded as pgx's
// Query encodes them with the statement's description, and resultFormats
// for its columns (nil: pgx's choice). pgconn encodes it into the batch
// at once, so the builder and formats are reused.
func (c *lazyConn) queue(batch *pgconn.Batch, query string, sd *pgconn.StatementDescription, args []any, resultFormats pgx.QueryResultFormatsByOID) error {
	if len(sd.ParamOIDs) != len(args) {
		return fmt.Errorf("expected %d arguments, got %d", len(sd.ParamOIDs), len(args)) // pgx's words
	}
	if err := c.eqb.Build(c.Conn.Conn().TypeMap(), sd, args); err != nil {
		return err
	}
	formats := c.eqb.ResultFormats
	if resultFormats != nil {
		formats = c.formats[:0]
		for _, f := range sd.Fields {
			formats = append(formats, resultFormats[f.DataTypeOID])
		}
		c.formats = formats
	}
	batch.ExecParams(query, c.eqb.ParamValues, sd.ParamOIDs, c.eqb.ParamFormats, formats)
	return nil
}

// beginResult reads BEGIN's result from the pipeline.
func (c *lazyConn) beginResult(ctx context.Context, mrr *pgconn.MultiResultReader) error {
	pc := c.Conn.Conn()
	if !mrr.NextResult() {
		err := mrr.Close()
		_ = pc.Close(ctx)
		return badConn(err)
	}
	if _, err := mrr.ResultReader().Close(); err != nil {
		_ = mrr.Close()
		_ = pc.Close(ctx)
		return badConn(err)
	}
	return nil
}

// pipelineRows are the statement's rows of a pipeline that began a
// transaction: closing them reads the pipeline to its end. A connection
// has one, reused: one statement runs on it at a time.
type pipelineRows struct {
	pgx.Rows
	c     *lazyConn
	query string
	mrr   *pgconn.MultiResultReader
	err   error
}

func (r *pipelineRows) Close() {
	r.Rows.Close()
	if r.mrr == nil {
		return
	}
	r.err = r.mrr.Close()
	r.mrr = nil
	if r.Err() != nil {
		delete(r.c.descs, r.query) // the table may have changed under it
	}
}

func (r *pipelineRows) Err() error {
	if err := r.Rows.Err(); err != nil {
		return err
	}
	return r.err
}

// queryBegun is Query with the pending BEGIN sent along.
func (c *lazyConn) queryBegun(ctx context.Context, query string, args []any) (pgx.Rows, error) {
	mrr, rr, err := c.beginWith(ctx, query, args, sqlResultFormats)
	if err != nil {
		return nil, err
	}
	c.rows = pipelineRows{Rows: pgx.RowsFromResultReader(c.Conn.Conn().TypeMap(), rr), c: c, query: query, mrr: mrr}
	return &c.rows, nil
}

// execBegun is Exec with the pending BEGIN sent along.
func (c *lazyConn) execBegun(ctx context.Context, query string, args []any) (pgconn.CommandTag, error) {
	mrr, rr, err := c.beginWith(ctx, query, args, nil)
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	tag, err := rr.Close()
	if cerr := mrr.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		delete(c.descs, query)
	}
	return tag, err
}
