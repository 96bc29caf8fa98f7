package rx

import (
	"bytes"
	"context"
	"net/url"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/rxgo/rxdb/dialect"
)

// writeGate is a pool's queue of writers: a session that may write, or a
// statement in autocommit mode, holds it while it runs.
type writeGate struct {
	slot     chan struct{}
	patience time.Duration
	// holder is the goroutine of the session holding the gate, 0 while
	// a statement holds it or nobody does: a writer on that goroutine
	// would wait for itself.
	holder atomic.Uint64
}

func newWriteGate(d dialect.Driver, u *url.URL) *writeGate {
	ws, ok := d.(dialect.WriteSerializer)
	if !ok {
		return nil
	}
	patience := ws.WriteQueueWait(u)
	if patience <= 0 {
		return nil
	}
	return &writeGate{slot: make(chan struct{}, 1), patience: patience}
}

// enter waits for the writers before it and reports whether it holds
// the gate, to be passed to leave. A writer on the goroutine whose session
// holds the gate (a statement on the *DB, or a new session, inside that
// session's callback) fails at once with ErrWriteInSession. Past its
// patience a writer goes ahead without the gate, where the database's
// busy handling takes over.
func (g *writeGate) enter(ctx context.Context) (held bool, err error) {
	return g.enterAs(ctx, 0)
}

// enterSession is enter for a session, whose callback runs on this
// goroutine while it holds the gate.
func (g *writeGate) enterSession(ctx context.Context) (held bool, err error) {
	if g == nil {
		return false, nil
	}
	return g.enterAs(ctx, goroutineID())
}

func (g *writeGate) enterAs(ctx context.Context, id uint64) (held bool, err error) {
	if g == nil {
		return false, nil
	}
	select {
	case g.slot <- struct{}{}:
		g.holder.Store(id)
		return true, nil
	default:
	}
	// The holder stays put while it is this goroutine, which is here.
	if h := g.holder.Load(); h != 0 && h == goroutineID() {
		return false, ErrWriteInSession
	}
	timer := time.NewTimer(g.patience)
	defer timer.Stop()
	select {
	case g.slot <- struct{}{}:
		g.holder.Store(id)
		return true, nil
	case <-timer.C:
		return false, nil
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

// leave lets the next writer in, if enter said the gate is held.
func (g *writeGate) leave(held bool) {
	if held {
		g.holder.Store(0)
		<-g.slot
	}
}

// goroutineID is the current goroutine's number, from the first line of
// its stack trace ("goroutine 42 [running]:"). Go hides it on purpose;
// rx compares it only to recognize the goroutine whose session holds the
// write gate, and reads it at a session's start and when a writer finds
// the gate held by a session.
func goroutineID() uint64 {
	var buf [32]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	var id uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + uint64(c-'0')
	}
	return id
}

// autocommitWrite enters db's write gate for a statement run outside a
// session; inside a session the session already holds it. A write
// through the *DB on the goroutine of a read-write session's callback is
// refused (see sessionGoroutines).
func (db *DB) autocommitWrite(ctx context.Context, ex execer) (held bool, err error) {
	if ex != execer(db.x) {
		return false, nil
	}
	if db.inTx.here() {
		return false, ErrWriteInSession
	}
	if db.writes == nil {
		return false, nil
	}
	return db.writes.enter(ctx)
}

// gate is the pipeline's gate stage: a write (st.write) outside a
// session waits for the writers before it; its result goes to st.held.
func (db *DB) gate(ctx context.Context, st *stmt) (held bool, err error) {
	if !st.write {
		return false, nil
	}
	return db.autocommitWrite(ctx, st.ex)
}

// ungate lets the next writer in once st has run; a second call does
// nothing.
func (db *DB) ungate(st *stmt) {
	db.writes.leave(st.held)
	st.held = false
}
