package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"reflect"
	"strconv"
	"sync"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
)

// When a context ends during a statement, go-sql-driver closes the socket,
// but the server does not notice until it next writes: a SLEEP, a long
// UPDATE or a lock wait runs to its end, holding its transaction's locks,
// and later statements on those rows wait for it. killConnector's
// connections do what the mysql client does on Ctrl-C: KILL QUERY with
// the connection's id, on a connection of their own. The statement stops
// at once, and the server, finding the socket closed, ends the connection
// and rolls its transaction back.
//
// A kill is sent only while the statement runs and the connection is
// never used again after one (driver.ErrBadConn), so it cannot stop a
// later statement. It is sent only to the server the connection is on
// (same @@hostname and @@port), so that a proxy that spreads connections
// over servers does not carry it to another one.
type killConnector struct {
	driver.Connector
	cfg *gomysql.Config

	once   sync.Once
	killer *sql.DB // opened on the first kill
}

// newKillConnector returns go-sql-driver's connector for cfg with kills on
// cancel.
func newKillConnector(cfg *gomysql.Config) (*killConnector, error) {
	c, err := gomysql.NewConnector(cfg)
	if err != nil {
		return nil, err
	}
	return &killConnector{Connector: c, cfg: cfg}, nil
}

// serverIdentity is the connection's id and the server it is on.
const serverIdentity = "SELECT CONNECTION_ID(), CONCAT(@@hostname, ':', @@port)"

// Connect implements driver.Connector.
func (c *killConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	// A server or proxy that cannot say who the connection is (id 0)
	// gets no kills: its statements end as go-sql-driver's do.
	id, node, _ := identify(ctx, conn)
	return &killConn{Conn: conn, owner: c, id: id, node: node}, nil
}

func identify(ctx context.Context, conn driver.Conn) (uint64, string, error) {
	rows, err := conn.(driver.QueryerContext).QueryContext(ctx, serverIdentity, nil)
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	dest := make([]driver.Value, 2)
	if err := rows.Next(dest); err != nil {
		return 0, "", err
	}
	var id sql.NullInt64
	var node sql.NullString
	if err := id.Scan(dest[0]); err != nil {
		return 0, "", err
	}
	if err := node.Scan(dest[1]); err != nil {
		return 0, "", err
	}
	return uint64(id.Int64), node.String, nil
}

// Close implements io.Closer, which sql.DB.Close calls. The once also
// orders Close after a first kill's opening of the killer pool, or keeps
// a kill after Close from opening one.
func (c *killConnector) Close() error {
	c.once.Do(func() {})
	if c.killer != nil {
		return c.killer.Close()
	}
	return nil
}

// kill stops the statement running on connection id of server node.
func (c *killConnector) kill(id uint64, node string) {
	c.once.Do(func() {
		c.killer = sql.OpenDB(c.Connector)
		c.killer.SetMaxOpenConns(2)
		c.killer.SetConnMaxIdleTime(time.Minute)
	})
	if c.killer == nil {
		return // the pool was closed before any kill
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := c.killer.Conn(ctx)
	if err != nil {
		return // the server is gone: nothing runs there
	}
	defer conn.Close()
	var here string
	if err := conn.QueryRowContext(ctx, "SELECT CONCAT(@@hostname, ':', @@port)").Scan(&here); err != nil || here != node {
		return
	}
	// The id is a number the server gave: not user input.
	conn.ExecContext(ctx, "KILL QUERY "+strconv.FormatUint(id, 10))
}

// killConn is a go-sql-driver connection that kills its statement on the
// server when the statement's context ends.
type killConn struct {
	driver.Conn
	owner *killConnector
	id    uint64
	node  string

	mu     sync.Mutex
	killed bool
}

// watch arranges the kill if ctx ends before the returned stop is called.
// stop returns only once a kill that began is done, and the connection
// is then marked killed, so that no kill reaches a later statement.
func (c *killConn) watch(ctx context.Context) (stop func()) {
	if ctx.Done() == nil || c.id == 0 {
		return func() {}
	}
	var once sync.Once
	kill := func() {
		c.mu.Lock()
		c.killed = true
		c.mu.Unlock()
		c.owner.kill(c.id, c.node)
	}
	after := context.AfterFunc(ctx, func() { once.Do(kill) })
	return func() {
		// When ctx has ended, the statement may have been cut short by
		// go-sql-driver (which closes its socket on the same signal)
		// with the server still at work: kill, or wait for the kill
		// under way.
		if !after() || ctx.Err() != nil {
			once.Do(kill)
		}
	}
}

func (c *killConn) isKilled() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.killed
}

// ExecContext implements driver.ExecerContext.
func (c *killConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if c.isKilled() {
		return nil, driver.ErrBadConn
	}
	defer c.watch(ctx)()
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
}

// QueryContext implements driver.QueryerContext: the kill stays armed
// until the rows are closed, since the server works while they are read.
func (c *killConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if c.isKilled() {
		return nil, driver.ErrBadConn
	}
	stop := c.watch(ctx)
	rows, err := c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
	if err != nil {
		stop()
		return nil, err
	}
	return &killRows{Rows: rows, stop: stop}, nil
}

// PrepareContext implements driver.ConnPrepareContext.
func (c *killConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if c.isKilled() {
		return nil, driver.ErrBadConn
	}
	st, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &killStmt{Stmt: st, conn: c}, nil
}

// BeginTx implements driver.ConnBeginTx.
func (c *killConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if c.isKilled() {
		return nil, driver.ErrBadConn
	}
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

// Ping implements driver.Pinger.
func (c *killConn) Ping(ctx context.Context) error {
	if c.isKilled() {
		return driver.ErrBadConn
	}
	return c.Conn.(driver.Pinger).Ping(ctx)
}

// ResetSession implements driver.SessionResetter.
func (c *killConn) ResetSession(ctx context.Context) error {
	if c.isKilled() {
		return driver.ErrBadConn
	}
	return c.Conn.(driver.SessionResetter).ResetSession(ctx)
}

// IsValid implements driver.Validator: a connection whose statement was
// killed is never reused.
func (c *killConn) IsValid() bool {
	return !c.isKilled() && c.Conn.(driver.Validator).IsValid()
}

// CheckNamedValue implements driver.NamedValueChecker.
func (c *killConn) CheckNamedValue(nv *driver.NamedValue) error {
	return c.Conn.(driver.NamedValueChecker).CheckNamedValue(nv)
}

// killStmt is a prepared statement of a killConn.
type killStmt struct {
	driver.Stmt
	conn *killConn
}

// ExecContext implements driver.StmtExecContext.
func (s *killStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if s.conn.isKilled() {
		return nil, driver.ErrBadConn
	}
	defer s.conn.watch(ctx)()
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

// QueryContext implements driver.StmtQueryContext.
func (s *killStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	if s.conn.isKilled() {
		return nil, driver.ErrBadConn
	}
	stop := s.conn.watch(ctx)
	rows, err := s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		stop()
		return nil, err
	}
	return &killRows{Rows: rows, stop: stop}, nil
}

// CheckNamedValue implements driver.NamedValueChecker.
func (s *killStmt) CheckNamedValue(nv *driver.NamedValue) error {
	if ch, ok := s.Stmt.(driver.NamedValueChecker); ok {
		return ch.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

// killRows disarms the kill when closed, and passes go-sql-driver's
// column types and result sets through.
type killRows struct {
	driver.Rows
	stop func()
}

// Close implements driver.Rows.
func (r *killRows) Close() error {
	err := r.Rows.Close()
	r.stop()
	return err
}

// HasNextResultSet implements driver.RowsNextResultSet.
func (r *killRows) HasNextResultSet() bool {
	n, ok := r.Rows.(driver.RowsNextResultSet)
	return ok && n.HasNextResultSet()
}

// NextResultSet implements driver.RowsNextResultSet.
func (r *killRows) NextResultSet() error {
	if n, ok := r.Rows.(driver.RowsNextResultSet); ok {
		return n.NextResultSet()
	}
	return errors.New("mysql: no further result set")
}

// ColumnTypeDatabaseTypeName implements driver.RowsColumnTypeDatabaseTypeName.
func (r *killRows) ColumnTypeDatabaseTypeName(i int) string {
	return r.Rows.(driver.RowsColumnTypeDatabaseTypeName).ColumnTypeDatabaseTypeName(i)
}

// ColumnTypeNullable implements driver.RowsColumnTypeNullable.
func (r *killRows) ColumnTypeNullable(i int) (nullable, ok bool) {
	return r.Rows.(driver.RowsColumnTypeNullable).ColumnTypeNullable(i)
}

// ColumnTypePrecisionScale implements driver.RowsColumnTypePrecisionScale.
func (r *killRows) ColumnTypePrecisionScale(i int) (precision, scale int64, ok bool) {
	return r.Rows.(driver.RowsColumnTypePrecisionScale).ColumnTypePrecisionScale(i)
}

// ColumnTypeScanType implements driver.RowsColumnTypeScanType.
func (r *killRows) ColumnTypeScanType(i int) reflect.Type {
	return r.Rows.(driver.RowsColumnTypeScanType).ColumnTypeScanType(i)
}
