package rx

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"time"
	"unsafe"

	"github.com/jmoiron/sqlx"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// Session is a unit of work inside one transaction, handed to the callback
// of WithSession. It stages rows with Add, writes them in multi-row
// batches, and runs the builders and helpers inside its transaction.
// A Session is not safe for concurrent use, and is closed once the
// callback returns: using it after that returns ErrSessionClosed.
type Session struct {
	db     *DB
	begin  beginner // where Commit and Rollback start the next transaction
	tx     *sqlx.Tx
	opts   *sql.TxOptions
	owned  bool // rx began tx and ends it
	closed bool
	depth  int  // savepoint nesting level, 0 for the outer session
	scopes int  // nested scopes (s.WithSession) open on this session now
	seq    *int // savepoint counter shared along the chain
	iters  *int // Iter loops open on the transaction, shared along the chain

	ev *SessionEvent // for the session hooks; nil without them
	xe sessionExec   // what target returns

	staged []stagedGroup

	n1       *n1Counts // the N+1 detector's counts, shared with nested scopes (nplusone.go)
	n1own    n1Counts  // what n1 points at in an outer session
	n1strict bool      // StrictN1
}

type stagedGroup struct {
	table *schema.Table
	rows  []unsafe.Pointer
}

// SessionOption configures a session.
type SessionOption func(*sessionConfig)

type sessionConfig struct {
	tx       sql.TxOptions
	retries  int
	primary  bool  // Primary: a ReadOnly session on the primary
	err      error // an option's invalid argument, returned by WithSession
	strictN1 bool  // StrictN1
}

// ReadOnly starts a read-only transaction, on the read pool when the DB
// has one (see WithReadPool).
func ReadOnly() SessionOption { return func(c *sessionConfig) { c.tx.ReadOnly = true } }

// Isolation sets the transaction's isolation level.
func Isolation(level sql.IsolationLevel) SessionOption {
	return func(c *sessionConfig) { c.tx.Isolation = level }
}

// Retry re-runs the whole callback, in a fresh transaction, up to n more
// times when it fails with an error marked ErrRetryable (a deadlock, a
// serialization failure, a lock wait timeout, a busy SQLite database, a
// stale version: ErrStale), waiting a short random
// backoff between tries. MySQL- and PostgreSQL-protocol clusters (TiDB,
// Vitess, CockroachDB) abort conflicting transactions routinely and
// expect clients to retry them like this. The callback must therefore be
// safe to run more than once: no side effects outside the database.
// Retry(0) runs it once; a negative n makes WithSession fail before it
// begins (a computed count gone wrong should not silently mean "never").
func Retry(n int) SessionOption {
	return func(c *sessionConfig) {
		if n < 0 {
			c.err = fmt.Errorf("rx: Retry(%d): the number of retries must be 0 (run once) or more", n)
			return
		}
		c.retries = n
	}
}

// WithSession begins a transaction, runs fn with a session on it, flushes
// staged rows and commits when fn returns nil. It rolls back when fn
// returns an error, panics (the panic then continues to the caller
// unchanged) or calls runtime.Goexit, and when ctx ends (returning the
// context's error). A failed commit's error is returned: after an error
// the server reported nothing was applied, but when the connection broke
// during COMMIT the outcome is unknown. The connection always goes back to
// the pool; after a cancelled ctx, database/sql's own rollback returns it
// moments later.
func (db *DB) WithSession(ctx context.Context, fn func(*Session) error, opts ...SessionOption) (err error) {
	if db == nil {
		return errNilDB
	}
	if err := checkCtx(ctx); err != nil {
		return err
	}
	if fn == nil {
		return ErrNilCallback
	}
	var cfg sessionConfig
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.err != nil {
		return cfg.err
	}
	ev := db.beforeSession(ctx, false, nil, &cfg.tx, cfg.retries)
	if ev == nil {
		return db.runAttempts(ctx, fn, &cfg, nil)
	}
	ended := false // stays false when fn panics
	defer func() { db.afterSession(ev, ended, err) }()
	err = db.runAttempts(ctx, fn, &cfg, ev)
	ended = true
	return err
}

// runAttempts runs fn in a session, and again, as cfg allows, after a
// retryable error.
func (db *DB) runAttempts(ctx context.Context, fn func(*Session) error, cfg *sessionConfig, ev *SessionEvent) error {
	for attempt := 0; ; attempt++ {
		err := db.runSession(ctx, fn, cfg, ev)
		if err == nil || attempt >= cfg.retries || !errors.Is(err, ErrRetryable) || ctx.Err() != nil {
			return err
		}
		// Full jitter keeps colliding transactions from colliding again.
		backoff := time.Duration(rand.Int64N(int64(5*time.Millisecond) << min(attempt, 6)))
		db.retrySession(ev, attempt+1, backoff, err)
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// beginner is *sqlx.DB or *sqlx.Conn.
type beginner interface {
	BeginTxx(ctx context.Context, opts *sql.TxOptions) (*sqlx.Tx, error)
}

func (db *DB) runSession(ctx context.Context, fn func(*Session) error, cfg *sessionConfig, ev *SessionEvent) (err error) {
	opts := &cfg.tx
	if !opts.ReadOnly {
		id, err := db.inTx.enter()
		if err != nil {
			return err
		}
		defer db.inTx.leave(id)
		held, err := db.writes.enterSession(ctx)
		if err != nil {
			return err
		}
		defer db.writes.leave(held)
	}
	pool, idx := db.x, -1
	if opts.ReadOnly && !cfg.primary {
		pool, idx = db.reader()
	}
	for {
		b, tx, release, err := db.beginOn(ctx, pool, idx, opts, ev)
		if next, j, ok := db.failover(ctx, pool, err); ok {
			pool, idx = next, j
			continue
		}
		if err != nil {
			return err
		}
		defer release()
		s := &Session{db: db, begin: b, tx: tx, opts: opts, owned: true, seq: new(int), iters: new(int), ev: ev, n1strict: cfg.strictN1}
		return s.run(ctx, fn)
	}
}

// beginOn begins a session's transaction on pool (read pool idx, or the
// primary for -1) and returns what Commit and Rollback begin the next one
// on, and what to call once the session has ended.
func (db *DB) beginOn(ctx context.Context, pool *sqlx.DB, idx int, opts *sql.TxOptions, ev *SessionEvent) (b beginner, tx *sqlx.Tx, release func(), err error) {
	var keys []any // what hooks find the read pool by
	release = func() {
		for _, k := range keys {
			db.reads.txs.Delete(k)
		}
	}
	b = pool
	if g, ok := db.dialect.(dialect.ReadOnlyGuard); ok && opts.ReadOnly {
		conn, err := pool.Connx(ctx)
		if err != nil {
			return nil, nil, nil, db.classify(ctx, err)
		}
		if idx >= 0 {
			db.reads.txs.Store(conn, idx)
			keys = append(keys, conn)
		}
		rel := release
		release = func() { _ = conn.Close(); rel() }
		var already bool
		if err := db.queryScalar(ctx, conn, what{session: ev}, g.ReadOnlyState(), nil, &already); err != nil {
			release()
			return nil, nil, nil, err
		}
		if !already {
			release = func() { db.releaseGuarded(ctx, conn, g.ReadOnlyOff(), ev); rel() }
			if _, err := db.exec(ctx, conn, what{session: ev}, g.ReadOnlyOn(), nil); err != nil {
				release()
				return nil, nil, nil, err
			}
		}
		b = conn
	} else if db.pinsConn(opts, idx) {
		conn, err := pool.Connx(ctx)
		if err != nil {
			return nil, nil, nil, db.classify(ctx, err)
		}
		rel := release
		release = func() { _ = conn.Close(); rel() }
		b = conn
	}
	if tx, err = db.begin(ctx, b, opts, ev); err != nil {
		release()
		return nil, nil, nil, err
	}
	if idx >= 0 {
		db.reads.txs.Store(tx, idx)
		keys = append(keys, tx)
	}
	return b, tx, release, nil
}

// releaseGuarded lifts the read-only guard and returns the connection to
// the pool, or discards the connection when the guard cannot be lifted.
func (db *DB) releaseGuarded(ctx context.Context, conn *sqlx.Conn, off string, ev *SessionEvent) {
	if _, err := db.exec(context.WithoutCancel(ctx), conn, what{session: ev}, off, nil); err != nil {
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	_ = conn.Close()
}

// JoinTx runs fn in a session on tx, a transaction that existing code
// began and will end: rx never commits or rolls it back. Rows fn stages
// are flushed when it returns nil. When fn fails, its error is returned
// and what it already wrote stays in tx, for the owner to roll back as
// after any failed step; to undo only rx's part, run it in a nested
// s.WithSession, which uses a SAVEPOINT. s.Commit and s.Rollback are
// errors in a joined session, and s.Tx returns tx itself.
//
// tx should come from the pool db wraps (see Wrap), so that both use the
// same dialect.
func (db *DB) JoinTx(ctx context.Context, tx *sqlx.Tx, fn func(*Session) error) error {
	if db == nil {
		return errNilDB
	}
	if err := checkCtx(ctx); err != nil {
		return err
	}
	if tx == nil {
		return errors.New("rx: JoinTx needs the transaction to join, got nil")
	}
	s := &Session{db: db, tx: tx, seq: new(int), iters: new(int)}
	return s.run(ctx, fn)
}

// JoinSQLTx is JoinTx for a plain *sql.Tx. The session's Tx is a *sqlx.Tx
// around it with db's name mapper; having no driver name, its Rebind and
// named queries leave ? placeholders as they are.
func (db *DB) JoinSQLTx(ctx context.Context, tx *sql.Tx, fn func(*Session) error) error {
	if tx == nil {
		return errors.New("rx: JoinSQLTx needs the transaction to join, got nil")
	}
	if db == nil {
		return errNilDB
	}
	return db.JoinTx(ctx, &sqlx.Tx{Tx: tx, Mapper: db.x.Mapper}, fn)
}

// begin starts a transaction on b, through the pipeline, reported to the
// query hooks as BEGIN of session ev (nil outside a session or without
// session hooks).
func (db *DB) begin(ctx context.Context, b beginner, opts *sql.TxOptions, ev *SessionEvent) (*sqlx.Tx, error) {
	ex, _ := b.(execer) // *sqlx.DB or *sqlx.Conn, for QueryEvent.Server
	st := stmt{ex: ex, w: what{op: "BEGIN", session: ev}, query: "BEGIN", kind: beginKind, from: b, opts: opts, txCtx: ctx}
	db.send(ctx, &st, nil, nil)
	return st.tx, st.err
}

// end commits or rolls back tx through the pipeline, reported to the
// query hooks as COMMIT or ROLLBACK. database/sql gives neither a
// context; ctx reaches the hooks and the error's classification.
func (db *DB) end(ctx context.Context, tx *sqlx.Tx, commit bool, ev *SessionEvent) error {
	op := "ROLLBACK"
	if commit {
		op = "COMMIT"
	}
	st := stmt{ex: tx, w: what{op: op, session: ev}, query: op, kind: endKind, tx: tx, commit: commit}
	db.send(ctx, &st, nil, nil)
	return st.err
}

// run executes fn and ends the session's transaction accordingly.
func (s *Session) run(ctx context.Context, fn func(*Session) error) (err error) {
	// A deferred check rather than recover: a panic goes on to the caller
	// untouched, with its original stack, and runtime.Goexit (t.FailNow in
	// a test), which recover cannot see, still ends the transaction.
	ended := false
	defer func() {
		if !ended {
			s.abort(ctx)
		}
	}()
	err = fn(s)
	if err == nil {
		err = s.Flush(ctx)
	}
	if err == nil {
		err = ctx.Err()
	}
	ended = true
	if err != nil {
		s.abort(ctx)
		return err
	}
	s.closed = true
	s.staged = nil
	if !s.owned {
		return nil
	}
	if err := s.db.end(ctx, s.tx, true, s.ev); err != nil {
		return fmt.Errorf("rx: commit failed: %w", err)
	}
	return nil
}

// abort rolls back and closes the session.
func (s *Session) abort(ctx context.Context) {
	s.closed = true
	s.staged = nil
	if s.owned {
		_ = s.db.end(context.WithoutCancel(ctx), s.tx, false, s.ev)
	}
}

func (s *Session) target() (*DB, execer, error) {
	if s == nil {
		return nil, nil, errors.New("rx: nil *rx.Session")
	}
	if err := s.usable(); err != nil {
		return nil, nil, err
	}
	return s.db, s.execer(), nil
}

// usable reports why no statement may be sent on the session now: it is
// closed, or an Iter is still reading rows on its connection, which the
// MySQL and PostgreSQL protocols cannot interleave with another statement
// (the drivers say only "bad connection").
func (s *Session) usable() error {
	if s.closed {
		return ErrSessionClosed
	}
	if *s.iters > 0 {
		return ErrIterOpen
	}
	return nil
}

// iterStarted and iterDone bracket an Iter loop on q, when q is a session.
func iterStarted(q Querier) *Session {
	s, ok := q.(*Session)
	if !ok || s == nil {
		return nil
	}
	*s.iters++
	return s
}

func (s *Session) iterDone() {
	if s != nil {
		*s.iters--
	}
}

// DB returns the database the session runs on.
func (s *Session) DB() *DB { return s.db }

// Tx returns the session's transaction, so that existing sqlx code can run
// inside the session and commit or roll back with it. Statements sent
// through it bypass rx's query hooks.
func (s *Session) Tx() *sqlx.Tx { return s.tx }

// Add stages new rows (pointers to models) for insertion. They are
// written at the next Flush, Commit or the end of the callback, grouped by
// model into multi-row INSERTs (on PostgreSQL, 256 or more rows of one
// model go through one COPY, the driver being a dialect.BulkCopier), and
// their generated keys set then.
//
// An argument may also be a slice of rows of one model, []*T or []T, or
// a pointer to one (s.Add(&a, notes) mixes both): it stands for its
// elements, in order, an empty slice for none. The rows of a []T are the
// elements in its backing array, whose keys are set there at the flush;
// a []T passed by value shares that array with the caller, who sees the
// keys, as long as the slice is not grown (append may move it) before the
// flush. Every argument is checked before any is staged: a nil element,
// a []any or a slice of non-models is an error naming models[i][k].
func (s *Session) Add(models ...any) error {
	if s.closed {
		return ErrSessionClosed
	}
	var buf [smallBatch]rowArg
	args, err := parseRowArgs("Add", models, buf[:0]) // all checked before any is staged
	if err != nil {
		return err
	}
	for i := range args {
		for k := range args[i].len() {
			s.stage(args[i].t, args[i].row(k))
		}
	}
	return nil
}

func (s *Session) stage(t *schema.Table, p unsafe.Pointer) {
	for i := range s.staged {
		if s.staged[i].table == t {
			s.staged[i].rows = append(s.staged[i].rows, p)
			return
		}
	}
	s.staged = append(s.staged, stagedGroup{table: t, rows: []unsafe.Pointer{p}})
}

// rowPointer checks that m is a non-nil pointer to a model struct.
func rowPointer(m any) (*schema.Table, unsafe.Pointer, error) {
	v := reflect.ValueOf(m)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, nil, fmt.Errorf("rx: want a non-nil pointer to a model struct, got %T", m)
	}
	t, err := schema.TableOf(v.Type())
	if err != nil {
		return nil, nil, err
	}
	return t, v.UnsafePointer(), nil
}

// Flush writes the staged rows now, in staging order of their models,
// except that rows are written after the rows their belongs-to fields
// point at, whose generated keys are copied into their foreign keys, and
// that the link rows of their many-to-many fields are written last.
func (s *Session) Flush(ctx context.Context) error {
	if err := checkCtx(ctx); err != nil {
		return err
	}
	if err := s.usable(); err != nil {
		return err
	}
	if needsGraph(s.staged) {
		return s.flushGraph(ctx)
	}
	for len(s.staged) > 0 {
		g := s.staged[0]
		if err := s.insertStaged(ctx, s.execer(), g.table, g.rows); err != nil {
			return err
		}
		s.staged = s.staged[1:]
	}
	s.staged = nil
	return nil
}

// Commit flushes and commits the work so far, then carries on in a new
// transaction, like SQLModel's session.commit(). On a nested scope, and on
// the outer session while a nested scope is open, it returns
// ErrCommitInScope: only the outer session owns the transaction, and
// committing under a scope's savepoint would leave the scope on a
// finished transaction.
func (s *Session) Commit(ctx context.Context) error {
	if err := checkCtx(ctx); err != nil {
		return err
	}
	if err := s.ownsTx(); err != nil {
		return err
	}
	if err := s.Flush(ctx); err != nil {
		return err
	}
	if err := s.db.end(ctx, s.tx, true, s.ev); err != nil {
		s.closed = true
		return fmt.Errorf("rx: commit failed: %w", err)
	}
	return s.beginNext(ctx)
}

// Rollback discards the staged rows and the work since the last commit,
// then carries on in a new transaction.
func (s *Session) Rollback(ctx context.Context) error {
	if err := checkCtx(ctx); err != nil {
		return err
	}
	if err := s.ownsTx(); err != nil {
		return err
	}
	s.staged = nil
	if err := s.db.end(ctx, s.tx, false, s.ev); err != nil {
		s.closed = true
		return err
	}
	return s.beginNext(ctx)
}

func (s *Session) ownsTx() error {
	if err := s.usable(); err != nil {
		return err
	}
	if !s.owned {
		return errors.New("rx: Commit and Rollback of a joined transaction (JoinTx) belong to the code that began it")
	}
	if s.depth > 0 || s.scopes > 0 {
		return ErrCommitInScope
	}
	return nil
}

func (s *Session) beginNext(ctx context.Context) error {
	tx, err := s.db.begin(ctx, s.begin, s.opts, s.ev)
	if err != nil {
		s.closed = true
		return err
	}
	s.tx = tx
	return nil
}

// WithSession runs fn in a nested scope marked by a SAVEPOINT: if fn
// fails, its work (and rows it staged) is rolled back to the savepoint and
// the error returned, while the outer transaction goes on. The rows s has
// staged are flushed first, so that the scope's rows can point at them.
// While the scope is open, Commit and Rollback of s (as of the scope)
// return ErrCommitInScope.
func (s *Session) WithSession(ctx context.Context, fn func(*Session) error) (err error) {
	if err := checkCtx(ctx); err != nil {
		return err
	}
	if fn == nil {
		return ErrNilCallback
	}
	if err := s.usable(); err != nil {
		return err
	}
	// The rows staged so far are written before the SAVEPOINT: rows the
	// scope stages may point at them (their keys must be known), and the
	// scope's rollback must not undo rows the scope did not stage.
	if err := s.Flush(ctx); err != nil {
		return err
	}
	*s.seq++
	s.scopes++
	defer func() { s.scopes-- }()
	name := s.db.dialect.Quote("rx_sp_" + strconv.Itoa(*s.seq))
	inner := &Session{db: s.db, begin: s.begin, tx: s.tx, opts: s.opts, owned: s.owned, depth: s.depth + 1, seq: s.seq, iters: s.iters, n1: s.n1Of()}
	inner.ev = s.db.beforeSession(ctx, true, s.ev, s.opts, 0)
	ended := false
	defer func() {
		if !ended { // a panic or runtime.Goexit: undo the scope, let it go on
			inner.closed = true
			_, _ = s.db.exec(context.WithoutCancel(ctx), s.tx, what{op: "ROLLBACK TO SAVEPOINT", session: inner.ev}, "ROLLBACK TO SAVEPOINT "+name, nil)
		}
		s.db.afterSession(inner.ev, ended, err)
	}()
	if _, err := s.db.exec(ctx, s.tx, what{op: "SAVEPOINT", session: inner.ev}, "SAVEPOINT "+name, nil); err != nil {
		ended = true
		return err
	}
	err = fn(inner)
	if err == nil {
		err = inner.Flush(ctx)
	}
	ended = true
	inner.closed = true
	if err != nil {
		if _, rerr := s.db.exec(context.WithoutCancel(ctx), s.tx, what{op: "ROLLBACK TO SAVEPOINT", session: inner.ev}, "ROLLBACK TO SAVEPOINT "+name, nil); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	_, err = s.db.exec(ctx, s.tx, what{op: "RELEASE SAVEPOINT", session: inner.ev}, "RELEASE SAVEPOINT "+name, nil)
	return err
}
