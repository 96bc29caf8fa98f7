package rx

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/jmoiron/sqlx"
	"github.com/rxgo/rxdb/schema"
)

// execer is what *sql.DB, *sql.Tx, *sqlx.DB and *sqlx.Tx have in common.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Querier is what the builders and single-row helpers run on: a *DB, for
// one statement in autocommit mode, or a *Session, inside its transaction.
// It is implemented only by those two types.
type Querier interface {
	// target is where a statement on the Querier runs: the DB (dialect,
	// hooks, write gate) and what to send it on, the pool for a *DB or
	// the transaction for a *Session.
	target() (*DB, execer, error)
	// readTarget is target for a statement that only reads, which a *DB
	// with read pools (WithReadPool) sends to one of them.
	readTarget() (*DB, execer, error)
}

// targetOf is q.target(), turning a nil Querier into an error rather than a
// panic.
func targetOf(q Querier) (*DB, execer, error) {
	if q == nil {
		return nil, nil, errors.New("rx: nil Querier: pass a *rx.DB or a *rx.Session")
	}
	return q.target()
}

// QueryEvent describes one statement, for a QueryHook.
type QueryEvent struct {
	// Query is the SQL text, in the database's placeholder style. The
	// transaction boundaries are reported as "BEGIN", "COMMIT" and
	// "ROLLBACK" (the driver may send a longer form, such as a BEGIN with
	// an isolation level).
	Query string
	// Args are the bound values. They may hold personal data or secrets:
	// a logger should print only len(Args) unless told otherwise.
	Args []any
	// Server is the pool the statement runs on: "primary", or a read
	// pool ("replica 1 (host:5432/db)" for Config.ReplicaURLs, "read
	// pool 1" for Wrap's WithReadPool).
	Server   string
	Start    time.Time
	Duration time.Duration // set for AfterQuery
	// RowsAffected is set for statements without result rows; it is -1
	// for queries and when the driver does not know.
	RowsAffected int64
	// Err is the statement's error, set for AfterQuery. For a query it
	// covers sending the query and receiving its first result, not the
	// reading of later rows; Duration likewise.
	Err error
	// Operation is the statement's SQL command when rx built it: "SELECT",
	// "INSERT" (upserts too), "COPY" (a bulk flush on PostgreSQL, with
	// no Args), "UPDATE", "DELETE", "CREATE TABLE",
	// "CREATE INDEX", "DROP TABLE", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT",
	// "RELEASE SAVEPOINT" or "ROLLBACK TO SAVEPOINT". It is "" for SQL
	// that rx passes on as given, which it does not parse: raw SQL (Exec,
	// Query, QueryOne) and a dialect's own settings.
	Operation string
	// Table is the (unquoted) table the statement works on when rx built
	// it for one model's table, else "".
	Table string
	// Session is the session the statement runs in, for a hook that also
	// implements SessionHook; nil in autocommit mode and when no
	// registered hook is a SessionHook.
	Session *SessionEvent
}

// what names a statement for QueryEvent.Operation and Table, and the
// session it belongs to when that is not its execer's (a BEGIN, or the
// read-only guard that runs before it).
type what struct {
	op, table string
	session   *SessionEvent
}

// rawSQL is a statement rx did not build and does not name.
var rawSQL what

// QueryHook observes every statement rx sends, for logging and tracing:
// those of the builders and helpers, raw Exec and Query, savepoints, and
// the BEGIN, COMMIT and ROLLBACK of the sessions rx begins. Statements
// that other code sends through the same pool (s.Tx(), db.SQLX()) are
// not seen. BeforeQuery may return a derived context (a tracing span,
// say) that is used for the statement and passed to AfterQuery.
type QueryHook interface {
	BeforeQuery(ctx context.Context, ev *QueryEvent) context.Context
	AfterQuery(ctx context.Context, ev *QueryEvent)
}

// AddQueryHook registers h on db; if h also implements SessionHook, it
// sees the sessions too. Register hooks before sharing db between
// goroutines.
func (db *DB) AddQueryHook(h QueryHook) {
	db.hooks = append(db.hooks, h)
	if sh, ok := h.(SessionHook); ok {
		db.sessionHooks = append(db.sessionHooks, sh)
	}
}

func (db *DB) before(ctx context.Context, ex any, w what, query string, args []any) (context.Context, *QueryEvent) {
	if se, ok := ex.(*sessionExec); ok && w.session == nil {
		w.session = se.s.ev
	}
	ev := &QueryEvent{Query: query, Args: args, Server: db.server(ex), Start: time.Now(), RowsAffected: -1, Operation: w.op, Table: w.table, Session: w.session}
	for _, h := range db.hooks {
		ctx = h.BeforeQuery(ctx, ev)
	}
	return ctx, ev
}

func (db *DB) after(ctx context.Context, ev *QueryEvent, err error) {
	ev.Duration, ev.Err = time.Since(ev.Start), err
	for _, h := range db.hooks {
		h.AfterQuery(ctx, ev)
	}
}

// exec runs a statement through the hooks and classifies its error.
func (db *DB) exec(ctx context.Context, ex execer, w what, query string, args []any) (sql.Result, error) {
	args, err := db.bindArgs(args)
	if err != nil {
		return nil, err
	}
	held, err := db.autocommitWrite(ctx, ex)
	if err != nil {
		return nil, err
	}
	defer db.writes.leave(held)
	if len(db.hooks) == 0 {
		res, err := db.execAny(ctx, ex, query, args)
		return res, db.classify(ctx, err)
	}
	ctx, ev := db.before(ctx, ex, w, query, slices.Clone(args))
	res, err := db.execAny(ctx, ex, query, args)
	err = db.classify(ctx, err)
	if err == nil {
		ev.RowsAffected, _ = res.RowsAffected()
	}
	db.after(ctx, ev, err)
	return res, err
}

// query runs a query through the hooks and classifies its error.
func (db *DB) query(ctx context.Context, ex execer, w what, query string, args []any) (*sql.Rows, error) {
	args, err := db.bindArgs(args)
	if err != nil {
		return nil, err
	}
	for {
		rows, err := db.queryHooked(ctx, ex, w, query, args)
		// A replica that does not answer is left out for a while. An
		// autocommit read is sent again to the next replica, or the
		// primary (see failover).
		if next, _, ok := db.failover(ctx, ex, err); ok {
			ex = next
			continue
		}
		return rows, err
	}
}

func (db *DB) queryHooked(ctx context.Context, ex execer, w what, query string, args []any) (*sql.Rows, error) {
	if len(db.hooks) == 0 {
		rows, err := queryOn(ctx, ex, query, args)
		return rows, db.classify(ctx, err)
	}
	ctx, ev := db.before(ctx, ex, w, query, slices.Clone(args))
	rows, err := queryOn(ctx, ex, query, args)
	err = db.classify(ctx, err)
	db.after(ctx, ev, err)
	return rows, err
}

// execOn and queryOn call database/sql on its concrete types: through
// the execer interface the compiler must assume that args escape, and
// every statement would pay a heap allocation for its argument slice
// and each boxed value. The hooks above get their own copy for the same
// reason.
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

// classify lets the dialect mark the error and, when the context ended,
// makes sure the context's error is what callers can test for.
func (db *DB) classify(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return db.redactSecrets(&ctxError{ctx: cerr, err: err})
	}
	// A driver may repeat connection settings in a message on reconnect.
	return db.redactSecrets(db.dialect.Classify(err))
}

// ctxError keeps both the context's error and the driver's, so
// errors.Is(err, context.Canceled) holds whatever the driver said.
type ctxError struct{ ctx, err error }

func (e *ctxError) Error() string   { return e.ctx.Error() + ": " + e.err.Error() }
func (e *ctxError) Unwrap() []error { return []error{e.ctx, e.err} }

func addConds(q Querier, t *schema.Table, err error, where, conds []Sqlizer) ([]Sqlizer, error) {
	if err != nil {
		return where, err
	}
	db, _, err := targetOf(q)
	if err != nil {
		return where, err
	}
	cs, err := resolver{db: db, t: t}.conds(conds)
	return append(where, cs...), err
}

// finishWhere ends an UPDATE or DELETE with its WHERE clause. Unless all
// is set it returns ErrNoWhere when no condition, as rendered, restricts
// the rows: this is the last point before the statement is sent, and
// the rendered SQL, not the conditions' Go types, says what it changes.
func finishWhere(db *DB, b *strings.Builder, args []any, where []Sqlizer, all bool) (string, []any, error) {
	restricts := false
	if len(where) > 0 {
		b.WriteString(" WHERE ")
		var err error
		if args, restricts, err = writeRestrictingConds(b, args, where); err != nil {
			return "", nil, err
		}
	}
	if !restricts && !all {
		return "", nil, ErrNoWhere
	}
	return db.rebind(b.String()), args, nil
}

func rowsAffected(res interface{ RowsAffected() (int64, error) }, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// affectedOne turns a statement that should touch the model's row into
// ErrNotFound when it touched none, or, for a model with a version, into
// ErrStale when the row is there but another session changed it since the
// model was read. Telling the two apart costs a query, but only then.
func affectedOne(ctx context.Context, db *DB, ex execer, t *schema.Table, p unsafe.Pointer, res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	key := make([]any, len(t.PrimaryKey))
	for i, c := range t.PrimaryKey {
		key[i] = c.Value(p)
	}
	if v := t.Version; v != nil {
		var one int
		err := db.queryScalar(ctx, ex, what{op: "SELECT", table: t.Name}, db.sqlFor(t).exists, key, &one)
		switch {
		case err == nil:
			return fmt.Errorf("rx: %s with key %v no longer has version %d: %w", t.Model(), key, v.Int(p), ErrStale)
		case !errors.Is(err, ErrNotFound):
			return err
		}
	}
	for _, c := range t.PrimaryKey {
		if c.IsZero(p) {
			// The usual cause is a model never inserted or read: say so
			// rather than "no rows", but keep ErrNotFound (a row with a
			// zero key may exist, and callers test for it).
			return fmt.Errorf("rx: %s.%s, the primary key, is not set (it is %v): Update and Delete find the row by it, so write to a model that was read or inserted, or set the key: %w",
				t.Model(), c.Field, key, ErrNotFound)
		}
	}
	return fmt.Errorf("rx: %s with key %v: %w", t.Model(), key, ErrNotFound)
}

func (db *DB) queryScalar(ctx context.Context, ex execer, w what, query string, args []any, dest any) error {
	rows, err := db.query(ctx, ex, w, query, args)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return db.classify(ctx, err)
		}
		return ErrNotFound
	}
	if err := rows.Scan(dest); err != nil {
		return db.classify(ctx, err)
	}
	return db.classify(ctx, rows.Close())
}
