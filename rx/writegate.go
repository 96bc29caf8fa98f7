package rx

import (
	"context"
	"net/url"
	"time"
)

// WriteSerializer is an optional interface for a Driver whose database
// admits one writing transaction at a time, as SQLite does. rx then queues
// the writers of each pool in Go, in order and promptly, ending the wait
// with the context; the database's own busy handler polls with growing
// sleeps instead, and under many concurrent writers can starve one past
// its timeout, which the caller sees as "database is locked".
type WriteSerializer interface {
	// SerialWrites returns how long a writer waits in rx's queue before it
	// tries the database anyway (where its busy handling takes over), or 0
	// when the database at u needs no queue.
	SerialWrites(u *url.URL) time.Duration
}

// writeGate is a pool's queue of writers: a session that may write, or a
// statement in autocommit mode, holds it while it runs.
type writeGate struct {
	slot     chan struct{}
	patience time.Duration
}

func newWriteGate(d Driver, u *url.URL) *writeGate {
	ws, ok := d.(WriteSerializer)
	if !ok {
		return nil
	}
	patience := ws.SerialWrites(u)
	if patience <= 0 {
		return nil
	}
	return &writeGate{slot: make(chan struct{}, 1), patience: patience}
}

// enter waits for the writers before it and reports whether it holds
// the gate, to be passed to leave. Past its patience it goes ahead
// without the gate, so that a writer nested in another's session (a
// statement on the *DB inside a session callback) meets the database's
// busy error rather than waiting for ever.
func (g *writeGate) enter(ctx context.Context) (held bool, err error) {
	if g == nil {
		return false, nil
	}
	select {
	case g.slot <- struct{}{}:
		return true, nil
	default:
	}
	timer := time.NewTimer(g.patience)
	defer timer.Stop()
	select {
	case g.slot <- struct{}{}:
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
		<-g.slot
	}
}

// autocommitWrite enters db's write gate for a statement run outside a
// session; inside a session the session already holds it.
func (db *DB) autocommitWrite(ctx context.Context, ex execer) (held bool, err error) {
	if db.writes == nil || ex != execer(db.x) {
		return false, nil
	}
	return db.writes.enter(ctx)
}
