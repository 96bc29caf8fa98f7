package rx

import (
	"sync"
	"sync/atomic"
)

// sessionGoroutines are the goroutines running the callback of one of a
// DB's read-write sessions. A write through the *DB on such a goroutine
// is almost always a mistake: it runs in autocommit mode outside the
// session's transaction, so it stays committed when the session rolls
// back (and on SQLite it waits for the session's own write lock). It is
// refused with ErrWriteInSession on every database.
type sessionGoroutines struct {
	n   atomic.Int64 // sessions running, so that without any no goroutine ID is read
	ids sync.Map     // goroutine ID -> struct{}
}

// enter records that the current goroutine runs a read-write session's
// callback, or returns ErrWriteInSession when it already does: a new
// db.WithSession inside that callback would be a second, independent
// transaction. The result is passed to leave.
func (g *sessionGoroutines) enter() (uint64, error) {
	id := goroutineID()
	if _, loaded := g.ids.LoadOrStore(id, struct{}{}); loaded {
		return 0, ErrWriteInSession
	}
	g.n.Add(1)
	return id, nil
}

// leave undoes enter once the session has ended.
func (g *sessionGoroutines) leave(id uint64) {
	g.ids.Delete(id)
	g.n.Add(-1)
}

// here reports whether the current goroutine runs a read-write session's
// callback.
func (g *sessionGoroutines) here() bool {
	if g.n.Load() == 0 {
		return false
	}
	_, ok := g.ids.Load(goroutineID())
	return ok
}
