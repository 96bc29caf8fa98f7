package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// A transaction's BEGIN is sent with its first statement, not on its own:
// BeginTx only remembers it, and the first statement sends both in one
// round trip (a pipeline of BEGIN and the statement, then one Sync) when
// it runs on the native path, or sends BEGIN first otherwise (the cost of
// pgx's stdlib, which sends it in BeginTx). A transaction that ends before
// any statement sends nothing. PostgreSQL takes a transaction's snapshot
// at its first statement, not at BEGIN, so nothing a statement sees
// changes; a pooler in transaction mode sees the same messages, in one
// write.

// lazyConnector makes pgx's stdlib connections into lazyConns.
type lazyConnector struct{ driver.Connector }

// Connect implements driver.Connector.
func (c lazyConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	sc, ok := conn.(*stdlib.Conn)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("postgres: expected a pgx connection, got %T", conn)
	}
	// Config copies the configuration: read the mode once.
	return &lazyConn{Conn: sc, mode: sc.Conn().Config().DefaultQueryExecMode}, nil
}

// lazyConn is pgx's database/sql connection whose transactions begin
// with their first statement; embedding keeps every interface of pgx's.
// database/sql uses a connection from one goroutine at a time, and so do
// the native path and COPY (under sql.Conn.Raw): its fields need no lock.
type lazyConn struct {
	*stdlib.Conn
	begin string          // the BEGIN still to send; "" when none is pending
	txCtx context.Context // BeginTx's, for COMMIT and ROLLBACK, as pgx's stdlib
	descs map[string]*pgconn.StatementDescription
	mode  pgx.QueryExecMode // the connection's DefaultQueryExecMode

	// What beginWith reuses from one transaction to the next.
	eqb     pgx.ExtendedQueryBuilder
	formats []int16
	rows    pipelineRows
}

// BeginTx implements driver.ConnBeginTx: it checks the options as pgx's
// stdlib does and remembers the BEGIN they make.
func (c *lazyConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if c.Conn.Conn().IsClosed() {
		return nil, driver.ErrBadConn
	}
	begin, err := beginSQL(opts)
	if err != nil {
		return nil, err
	}
	c.begin, c.txCtx = begin, ctx
	return lazyTx{c}, nil
}

// beginSQLs are pgx's BEGIN statements (Batch.BeginTx's) per isolation
// level of database/sql that pgx's stdlib accepts, read-write and
// read-only.
var beginSQLs = func() map[sql.IsolationLevel][2]string {
	levels := map[sql.IsolationLevel]pgx.TxIsoLevel{
		sql.LevelDefault:         "",
		sql.LevelReadUncommitted: pgx.ReadUncommitted,
		sql.LevelReadCommitted:   pgx.ReadCommitted,
		sql.LevelRepeatableRead:  pgx.RepeatableRead,
		sql.LevelSnapshot:        pgx.RepeatableRead,
		sql.LevelSerializable:    pgx.Serializable,
	}
	out := make(map[sql.IsolationLevel][2]string, len(levels))
	for l, iso := range levels {
		var rw, ro pgx.Batch
		rw.BeginTx(pgx.TxOptions{IsoLevel: iso})
		ro.BeginTx(pgx.TxOptions{IsoLevel: iso, AccessMode: pgx.ReadOnly})
		out[l] = [2]string{rw.QueuedQueries[0].SQL, ro.QueuedQueries[0].SQL}
	}
	return out
}()

func beginSQL(opts driver.TxOptions) (string, error) {
	s, ok := beginSQLs[sql.IsolationLevel(opts.Isolation)]
	if !ok {
		return "", fmt.Errorf("unsupported isolation: %v", opts.Isolation) // pgx's stdlib's words
	}
	if opts.ReadOnly {
		return s[1], nil
	}
	return s[0], nil
}

// Begin implements driver.Conn (database/sql calls BeginTx).
func (c *lazyConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

// flush sends the pending BEGIN on its own, before a statement that
// cannot carry it. A failed BEGIN closes the connection, as pgx's
// BeginTx does: it fails only on a broken connection or an ended context.
func (c *lazyConn) flush(ctx context.Context) error {
	if c.begin == "" {
		return nil
	}
	begin := c.begin
	c.begin = ""
	pc := c.Conn.Conn()
	if _, err := pc.Exec(ctx, begin); err != nil {
		_ = pc.Close(ctx)
		return badConn(err)
	}
	return nil
}

// ExecContext implements driver.ExecerContext.
func (c *lazyConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if err := c.flush(ctx); err != nil {
		return nil, err
	}
	return c.Conn.ExecContext(ctx, query, args)
}

// QueryContext implements driver.QueryerContext.
func (c *lazyConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if err := c.flush(ctx); err != nil {
		return nil, err
	}
	return c.Conn.QueryContext(ctx, query, args)
}

// PrepareContext implements driver.ConnPrepareContext.
func (c *lazyConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if err := c.flush(ctx); err != nil {
		return nil, err
	}
	return c.Conn.PrepareContext(ctx, query)
}

// Prepare implements driver.Conn.
func (c *lazyConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// ResetSession implements driver.SessionResetter. database/sql ends every
// transaction before it resets the connection, so nothing is pending.
func (c *lazyConn) ResetSession(ctx context.Context) error {
	c.begin = ""
	return c.Conn.ResetSession(ctx)
}

// lazyTx ends a transaction of a lazyConn as pgx's does (dbTx's Commit
// and Rollback), or does nothing when its BEGIN was never sent.
type lazyTx struct{ c *lazyConn }

// Commit implements driver.Tx.
func (t lazyTx) Commit() error {
	if t.c.begin != "" {
		t.c.begin = ""
		return nil
	}
	pc := t.c.Conn.Conn()
	tag, err := pc.Exec(t.c.txCtx, "commit")
	if err != nil {
		if pc.PgConn().TxStatus() != 'I' {
			_ = pc.Close(t.c.txCtx)
		}
		return err
	}
	if tag.String() == "ROLLBACK" {
		return pgx.ErrTxCommitRollback
	}
	return nil
}

// Rollback implements driver.Tx.
func (t lazyTx) Rollback() error {
	if t.c.begin != "" {
		t.c.begin = ""
		return nil
	}
	pc := t.c.Conn.Conn()
	if _, err := pc.Exec(t.c.txCtx, "rollback"); err != nil {
		_ = pc.Close(t.c.txCtx) // the connection's state is unknown
		return err
	}
	return nil
}
