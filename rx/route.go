package rx

import (
	"sync/atomic"

	"github.com/jmoiron/sqlx"
)

// readRouter decides where a statement that only reads goes: to the read
// pools in turn, or to the primary pool when there are none. Writes,
// read-write sessions and raw Exec and Query always use the primary.
// It is the one place that knows where reads go, so that replicas
// (health, fallback to the primary) extend it rather than its callers.
type readRouter struct {
	pools []*sqlx.DB
	next  atomic.Uint64
}

// pick returns the pool for the next read.
func (r *readRouter) pick(primary *sqlx.DB) *sqlx.DB {
	switch len(r.pools) {
	case 0:
		return primary
	case 1:
		return r.pools[0]
	}
	return r.pools[(r.next.Add(1)-1)%uint64(len(r.pools))]
}

// reader is the pool for an autocommit read or a read-only session.
func (db *DB) reader() *sqlx.DB { return db.reads.pick(db.x) }

// readHandle is handle for a statement that only reads.
func (db *DB) readHandle() (*DB, execer, error) {
	if db == nil {
		return nil, nil, errNilDB
	}
	return db, db.reader(), nil
}

// readHandle is handle: inside a transaction every statement stays on it.
func (s *Session) readHandle() (*DB, execer, error) { return s.handle() }

// readHandleOf is handleOf for a statement that only reads.
func readHandleOf(q Querier) (*DB, execer, error) {
	if q == nil {
		return handleOf(q)
	}
	return q.readHandle()
}
