package rx

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rxgo/rxdb/dialect"
)

// readRouter decides where a statement that only reads goes: to the read
// pools (replicas, or the read pools given to Wrap) in turn, skipping one
// that recently failed to answer, or to the primary pool when there are
// none or none is up. Writes, read-write sessions and raw Exec and Query
// always use the primary. It is the one place that knows where reads go.
type readRouter struct {
	pools   []*sqlx.DB
	names   []string       // "replica 1 (host:port)", for hooks and logs
	downTil []atomic.Int64 // unix nanoseconds until which pool i is skipped
	stay    []bool         // pool i's reads never fail over (NoFailover)
	owned   bool           // Close closes the pools (Config.ReplicaURLs)
	secrets []string       // the replica URLs' passwords, redacted from errors
	next    atomic.Uint64
	txs     sync.Map // *sqlx.Tx or *sqlx.Conn of a read-only session -> pool index
}

// ReplicaRetryAfter is how long a read pool that failed to answer is left
// out before reads try it again; meanwhile they go to the other read
// pools, or to the primary.
const ReplicaRetryAfter = 5 * time.Second

// add appends a read pool; stay turns its failover off (NoFailover).
func (r *readRouter) add(p *sqlx.DB, name string, stay bool) {
	r.pools = append(r.pools, p)
	r.names = append(r.names, name)
	r.stay = append(r.stay, stay)
	r.downTil = make([]atomic.Int64, len(r.pools)) // before any use
}

// pick returns the pool for the next read and its index (-1: the
// primary). With avoidPrimary, when every read pool is left out, it
// returns the next one anyway instead of the primary.
func (r *readRouter) pick(primary *sqlx.DB, avoidPrimary bool) (*sqlx.DB, int) {
	n := uint64(len(r.pools))
	if n == 0 {
		return primary, -1
	}
	start := r.next.Add(1) - 1
	now := time.Now().UnixNano()
	for i := range n {
		k := (start + i) % n
		if r.downTil[k].Load() <= now {
			return r.pools[k], int(k)
		}
	}
	if avoidPrimary {
		k := start % n
		return r.pools[k], int(k)
	}
	return primary, -1
}

// indexOf is the read pool ex is, or -1.
func (r *readRouter) indexOf(ex any) int {
	if len(r.pools) == 0 {
		return -1
	}
	if se, ok := ex.(*sessionExec); ok {
		ex = se.Tx // a session's statements run on its transaction
	}
	for i, p := range r.pools {
		if any(p) == ex {
			return i
		}
	}
	if v, ok := r.txs.Load(ex); ok {
		return v.(int)
	}
	return -1
}

// failed reports whether err means read pool i could not be reached (not
// that it refused the statement), and if so leaves the pool out for
// ReplicaRetryAfter, so that the caller retries the read elsewhere.
func (r *readRouter) failed(ctx context.Context, i int, err error) bool {
	if i < 0 || r.stay[i] || err == nil || ctx.Err() != nil || !unreachable(err) {
		return false
	}
	r.downTil[i].Store(time.Now().Add(ReplicaRetryAfter).UnixNano())
	return true
}

// unreachable reports whether err says the server could not be reached
// or is not serving, rather than that it refused a statement: a broken
// or refused connection (driver.ErrBadConn, a network or dial error, a
// reset, an EOF from the server), or one of the codes of a server that is
// down, starting or leaving (SQLSTATE class 08, and 57 but for 57014, a
// cancelled statement; MySQL's shutdown and Galera's "node not ready").
// A pool its owner closed is no server that is down: its error is the
// read's answer, not a reason to ask another server.
func unreachable(err error) bool {
	if errors.Is(err, sql.ErrConnDone) || strings.Contains(err.Error(), "sql: database is closed") {
		return false
	}
	if errors.Is(err, driver.ErrBadConn) {
		return true
	}
	if c, ok := dialect.ServerCodeOf(err); ok {
		switch {
		case strings.HasPrefix(c.SQLState, "08"), strings.HasPrefix(c.SQLState, "57") && c.SQLState != "57014":
			return true
		case c.Number == 1047 || c.Number == 1053:
			return true
		}
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	for _, e := range connErrors {
		if errors.Is(err, e) {
			return true
		}
	}
	// go-sql-driver/mysql's ErrInvalidConn, without importing the driver.
	return strings.Contains(err.Error(), "invalid connection")
}

// connErrors are the errors of a connection that broke or never opened.
var connErrors = []error{syscall.ECONNREFUSED, syscall.ECONNRESET, syscall.ECONNABORTED, syscall.EPIPE,
	syscall.EHOSTUNREACH, syscall.ENETUNREACH, syscall.ETIMEDOUT, io.EOF, io.ErrUnexpectedEOF}

// reader is the pool for an autocommit read or a read-only session. On
// the goroutine of a read-write session's callback it is never the
// primary: the session holds one of its connections, and on SQLite, whose
// writer pool has one, a read sent there would wait for the session, that
// is for ever; the read pool's error is returned instead.
func (db *DB) reader() (*sqlx.DB, int) {
	return db.reads.pick(db.x, len(db.reads.pools) > 0 && db.inTx.here())
}

// failover is where a read goes after read pool ex failed with err: the
// next read pool, or the primary (see reader), when err means the pool
// could not be reached (which leaves it out for ReplicaRetryAfter) and ex
// is a pool, not a session's transaction, whose reads belong to it. ok
// is false when the read must return err: another error, a pool with
// NoFailover, or nowhere else to go.
func (db *DB) failover(ctx context.Context, ex any, err error) (next *sqlx.DB, idx int, ok bool) {
	i := db.reads.indexOf(ex)
	if i < 0 || !db.reads.failed(ctx, i, err) {
		return nil, -1, false
	}
	db.warnReplicaDown(i, err)
	if _, pool := ex.(*sqlx.DB); !pool {
		return nil, -1, false
	}
	next, idx = db.reader()
	return next, idx, idx != i
}

// server names the pool a statement runs on, for QueryEvent.Server:
// "primary", or a read pool's name.
func (db *DB) server(ex any) string {
	if i := db.reads.indexOf(ex); i >= 0 {
		return db.reads.names[i]
	}
	return "primary"
}

// readTarget is target for a statement that only reads.
func (db *DB) readTarget() (*DB, execer, error) {
	if db == nil {
		return nil, nil, errNilDB
	}
	p, _ := db.reader()
	return db, p, nil
}

// readTarget is target: inside a transaction every statement stays on it.
func (s *Session) readTarget() (*DB, execer, error) { return s.target() }

// readTargetOf is targetOf for a statement that only reads.
func readTargetOf(q Querier) (*DB, execer, error) {
	if q == nil {
		return targetOf(q)
	}
	return q.readTarget()
}

// Primary runs a ReadOnly session on the primary instead of a replica,
// for a read that must see what the program has just written (a replica
// applies the primary's changes a moment later). Read-write sessions
// always run on the primary.
func Primary() SessionOption { return func(c *sessionConfig) { c.primary = true } }

// openReplicas opens cfg.ReplicaURLs as read pools of db, with the same
// driver and pool settings. A replica that does not answer now is logged
// and left out for ReplicaRetryAfter, not an error: reads go to the
// others, or the primary, until it answers.
func (db *DB) openReplicas(ctx context.Context, cfg Config, drv dialect.Driver, timeout time.Duration) error {
	for i, raw := range cfg.ReplicaURLs {
		u, rdrv, err := dialect.ParseURL(raw)
		if err != nil {
			return fmt.Errorf("rx: Config.ReplicaURLs[%d]: %w", i, err)
		}
		secret, _ := u.User.Password()
		if rdrv.Dialect().Name() != drv.Dialect().Name() {
			return fmt.Errorf("rx: Config.ReplicaURLs[%d] (%s) is a %s database but the primary is %s: replicas must be of the primary's database", i, u.Redacted(), rdrv.Dialect().Name(), drv.Dialect().Name())
		}
		conn, err := rdrv.Connector(u)
		if err != nil {
			return redact(fmt.Errorf("rx: Config.ReplicaURLs[%d] %s: %w", i, u.Redacted(), err), secret)
		}
		p := sql.OpenDB(conn)
		applyPoolDefaults(p)
		rdrv.ConfigurePool(p, u)
		applyPool(p, cfg)
		x := sqlx.NewDb(p, rdrv.Dialect().Name())
		x.Mapper = db.x.Mapper
		db.reads.add(x, "replica "+strconv.Itoa(i+1)+" ("+u.Host+u.Path+")", cfg.NoReplicaFailover)
		if secret != "" {
			db.reads.secrets = append(db.reads.secrets, secret)
		}
	}
	db.reads.owned = true
	for i, p := range db.reads.pools {
		pctx, cancel := context.WithTimeout(ctx, timeout)
		err := p.PingContext(pctx)
		cancel()
		if err != nil && !db.reads.stay[i] {
			db.reads.downTil[i].Store(time.Now().Add(ReplicaRetryAfter).UnixNano())
			db.warnReplicaDown(i, err)
		}
	}
	return nil
}

// warnReplicaDown logs that read pool i did not answer with err and is
// left out for ReplicaRetryAfter.
func (db *DB) warnReplicaDown(i int, err error) {
	db.logger.Warn("rx: replica does not answer; reads go to the other replicas or the primary until it does",
		"replica", db.reads.names[i], "retry_after", ReplicaRetryAfter, "error", db.redactSecrets(err).Error())
}

// closeReplicas closes the read pools rx opened.
func (db *DB) closeReplicas() error {
	if !db.reads.owned {
		return nil
	}
	var errs []error
	for _, p := range db.reads.pools {
		errs = append(errs, p.Close())
	}
	return errors.Join(errs...)
}

// nativeTarget returns what a statement on ex runs on natively: the
// session's own connection (inTx), or the pool to borrow a connection
// from. Both are nil when ex is out of reach: a joined transaction
// (JoinTx), a read-only session (begun on the pool), a pool of another
// driver.
func (db *DB) nativeTarget(ex execer) (conn *sql.Conn, pool *sql.DB) {
	if db.native == nil {
		return nil, nil
	}
	switch e := ex.(type) {
	case *sqlx.DB:
		// A read pool given to Wrap may be another driver's.
		if e == db.x || e.DB.Driver() == db.x.DB.Driver() {
			return nil, e.DB
		}
	case *sessionExec:
		if c, ok := e.s.begin.(*sqlx.Conn); ok {
			return c.Conn, nil
		}
	}
	return nil, nil
}

// route is the pipeline's first stage: where st runs on st.ex, the
// session's own connection or a pool to borrow one from for the driver's
// native interface, or database/sql (rows a caller reads, a joined
// transaction, a read pool of another driver). It reports false, marking
// st unhandled, for a native read (scanKind) out of that reach: its
// caller reads on database/sql.
func (db *DB) route(st *stmt) bool {
	if st.kind == execKind || st.kind == scanKind { // a COPY's is its session's connection
		st.conn, st.pool = db.nativeTarget(st.ex)
	}
	if st.kind == scanKind && st.conn == nil && st.pool == nil {
		st.unhandled = true
		return false
	}
	return true
}

// reroute is the pipeline's last stage: a read that the read pool could
// not answer goes again to the next one, or the primary (see failover),
// and reroute reports whether st goes round the pipeline again.
func (db *DB) reroute(ctx context.Context, st *stmt) bool {
	if st.kind != rowsKind && st.kind != scanKind {
		return false
	}
	next, _, ok := db.failover(ctx, st.ex, st.err)
	if !ok {
		return false
	}
	st.ex, st.err, st.rows = next, nil, nil
	st.conn, st.pool = nil, nil
	return db.route(st)
}
