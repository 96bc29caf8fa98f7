package rx

import (
	"context"
	"slices"
	"time"
)

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
	uncounted bool // not counted by the N+1 detector: a relation load of With
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

// hooksBefore is the pipeline's first hooks stage: it reports st to
// BeforeQuery and returns the context the hooks derived, for the
// statement and AfterQuery. The hooks get their own copy of the
// arguments, which may live on the caller's stack.
func (db *DB) hooksBefore(ctx context.Context, st *stmt, args []any) context.Context {
	st.ev = nil
	if len(db.hooks) == 0 || st.quiet {
		return ctx
	}
	ctx, st.ev = db.before(ctx, st.ex, st.w, st.query, slices.Clone(args))
	return ctx
}

// hooksAfter is the pipeline's last hooks stage: AfterQuery with the
// classified error and, for a statement without rows, the rows affected.
func (db *DB) hooksAfter(ctx context.Context, st *stmt) {
	if st.ev == nil {
		return
	}
	if st.err == nil && st.res != nil {
		st.ev.RowsAffected, _ = st.res.RowsAffected()
	}
	db.after(ctx, st.ev, st.err)
}
