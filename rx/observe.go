package rx

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/rxgo/rxdb/dialect"
)

// SessionHook is an optional interface of a QueryHook that also sees
// sessions, so that a tracer can give each its own span with its
// statements under it. DB.AddQueryHook registers it for both.
type SessionHook interface {
	// BeforeSession is called when DB.WithSession or Session.WithSession
	// starts, before any of its statements. The context it returns is
	// passed to RetrySession and AfterSession and kept in ev.Context,
	// where the hooks find it for each of the session's statements
	// (QueryEvent.Session); rx itself goes on with the caller's context.
	BeforeSession(ctx context.Context, ev *SessionEvent) context.Context
	// RetrySession is called when WithSession, told to Retry, is about to
	// run the callback again after a retryable error: ev.Err is that
	// error, ev.Attempt the number of the attempt to come (1 for the
	// first retry) and ev.Backoff the wait before it.
	RetrySession(ctx context.Context, ev *SessionEvent)
	// AfterSession is called when the session has ended, with its result
	// in ev.Err (rx's ErrSessionAborted when the callback panicked or called
	// runtime.Goexit) and its length in ev.Duration.
	AfterSession(ctx context.Context, ev *SessionEvent)
}

// SessionEvent describes a session, for a SessionHook.
type SessionEvent struct {
	// Context is the context BeforeSession returned.
	Context context.Context
	// Nested is set for Session.WithSession, a scope marked by a
	// SAVEPOINT; Parent is the session it runs in, nil for DB.WithSession
	// and in a session on a joined transaction (JoinTx), which the hooks
	// do not see.
	Nested bool
	Parent *SessionEvent
	// ReadOnly and Isolation are the transaction's options.
	ReadOnly  bool
	Isolation sql.IsolationLevel
	// Retries is the most retries allowed (see Retry); Attempt counts the
	// runs of the callback from 0.
	Retries, Attempt int
	// Backoff is the wait before the next attempt, set for RetrySession.
	Backoff  time.Duration
	Start    time.Time
	Duration time.Duration // set for AfterSession
	// Err is the failed attempt's error for RetrySession and the
	// session's result for AfterSession.
	Err error
}

// ErrSessionAborted is what a SessionHook's AfterSession sees as the error of a
// session whose callback panicked or called runtime.Goexit: rx rolled the
// transaction back, and the panic went on to the caller.
var ErrSessionAborted = errors.New("rx: session callback panicked or exited; rolled back")

// beforeSession reports a session's start to the session hooks, or
// returns nil when there are none.
func (db *DB) beforeSession(ctx context.Context, nested bool, parent *SessionEvent, opts *sql.TxOptions, retries int) *SessionEvent {
	if len(db.sessionHooks) == 0 {
		return nil
	}
	ev := &SessionEvent{Nested: nested, Parent: parent, Retries: retries, Start: time.Now()}
	if opts != nil { // nil on a joined transaction
		ev.ReadOnly, ev.Isolation = opts.ReadOnly, opts.Isolation
	}
	for _, h := range db.sessionHooks {
		ctx = h.BeforeSession(ctx, ev)
	}
	ev.Context = ctx
	return ev
}

func (db *DB) retrySession(ev *SessionEvent, attempt int, backoff time.Duration, err error) {
	if ev == nil {
		return
	}
	ev.Attempt, ev.Backoff, ev.Err = attempt, backoff, err
	for _, h := range db.sessionHooks {
		h.RetrySession(ev.Context, ev)
	}
}

// afterSession reports a session's end; ended is false when the callback
// panicked or called runtime.Goexit.
func (db *DB) afterSession(ev *SessionEvent, ended bool, err error) {
	if ev == nil {
		return
	}
	if !ended {
		err = ErrSessionAborted
	}
	ev.Duration, ev.Backoff, ev.Err = time.Since(ev.Start), 0, err
	for _, h := range db.sessionHooks {
		h.AfterSession(ev.Context, ev)
	}
}

// sessionExec is the execer a Session hands out: its transaction, and
// the session itself, so that the hooks can tell which session a
// statement runs in.
type sessionExec struct {
	*sqlx.Tx
	s *Session
}

// execer returns the session's execer.
func (s *Session) execer() execer {
	s.xe = sessionExec{Tx: s.tx, s: s}
	return &s.xe
}

// Stats returns the pool's statistics, as database/sql keeps them: open,
// in-use and idle connections, waits for a connection and their total
// time, and connections closed by each limit. It is the primary pool's:
// read pools given to Wrap (WithReadPool) are the caller's *sql.DB, with
// their own Stats. The otel module (github.com/rxgo/rxdb/otel) exports
// them as OpenTelemetry metrics.
func (db *DB) Stats() sql.DBStats { return db.x.Stats() }

// Endpoint returns where db connects, read from the URL it was opened
// with; a DB made by Wrap has no URL and returns the zero Endpoint.
func (db *DB) Endpoint() dialect.Endpoint { return db.endpoint }

func endpointOf(d dialect.Driver, u *url.URL) dialect.Endpoint {
	if ed, ok := d.(dialect.EndpointDriver); ok {
		return ed.Endpoint(u)
	}
	port, _ := strconv.Atoi(u.Port())
	return dialect.Endpoint{Host: u.Hostname(), Port: port, Database: strings.TrimPrefix(u.Path, "/")}
}
