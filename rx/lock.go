package rx

import (
	"errors"

	"github.com/rxgo/rxdb/dialect"
)

var errLockAggregate = errors.New("rx: row locks (ForUpdate, ForShare) lock the rows a query reads: use All, First, One or Iter, not Count or Exists")

// ForUpdate locks the rows the query reads until the session's
// transaction ends (SELECT ... FOR UPDATE): another transaction that
// tries to change or lock them waits. Read, change and write back a row
// under this lock and no concurrent session can lose your update or you
// theirs. It needs a session that may write: on a *DB there is no
// transaction to hold the lock past the statement, and on a ReadOnly
// session the lock would be refused, so both are an error before any SQL
// is sent.
//
// On SQLite, which has no row locks, it adds nothing to the SQL: rx
// begins every read-write session with BEGIN IMMEDIATE, which already
// keeps every other writer out until the session ends, so the rows read
// cannot change under it.
func (s *SelectQuery[T]) ForUpdate() *SelectQuery[T] {
	s = s.next()
	s.locked, s.lock.Share = true, false
	return s
}

// ForShare takes a shared lock on the rows the query reads until the
// session's transaction ends (FOR SHARE on PostgreSQL, LOCK IN SHARE MODE
// on MySQL and MariaDB): others may read and share-lock them, no one may
// change them. The same rules as ForUpdate apply.
func (s *SelectQuery[T]) ForShare() *SelectQuery[T] {
	s = s.next()
	s.locked, s.lock.Share = true, true
	return s
}

// SkipLocked, after ForUpdate or ForShare, leaves out the rows that
// another transaction has locked instead of waiting for them, so that
// concurrent workers each claim different rows of a queue:
//
//	job, err := rx.Select[Job](s).Where(rx.Eq{"done": false}).OrderBy("id").
//		Limit(1).ForUpdate().SkipLocked().First(ctx)
//
// PostgreSQL 9.5, MySQL 8 and MariaDB 10.6 have it (MySQL 8 not with
// ForShare). On SQLite it adds nothing (see ForUpdate): the next worker's
// session waits at BEGIN until the previous one committed, then reads the
// rows as it left them.
func (s *SelectQuery[T]) SkipLocked() *SelectQuery[T] {
	s = s.next()
	return s.lockWait(func(l *dialect.RowLock) { l.SkipLocked = true }, "SkipLocked")
}

// NoWait, after ForUpdate or ForShare, fails at once with the database's
// lock error when a row is locked by another transaction, instead of
// waiting. On SQLite it adds nothing (see ForUpdate).
func (s *SelectQuery[T]) NoWait() *SelectQuery[T] {
	s = s.next()
	return s.lockWait(func(l *dialect.RowLock) { l.NoWait = true }, "NoWait")
}

func (s *SelectQuery[T]) lockWait(set func(*dialect.RowLock), name string) *SelectQuery[T] {
	if s.err != nil {
		return s
	}
	if !s.locked {
		s.err = errors.New("rx: " + name + " needs a row lock: call ForUpdate() or ForShare() before it")
		return s
	}
	set(&s.lock)
	if s.lock.SkipLocked && s.lock.NoWait {
		s.err = errors.New("rx: SkipLocked and NoWait exclude each other: a locked row is either skipped or an error")
	}
	return s
}

// lockable reports why q cannot hold row locks, or nil when it can.
func lockable(q Querier) error {
	s, ok := q.(*Session)
	if !ok {
		return errors.New("rx: a row lock (ForUpdate, ForShare) lasts until the transaction ends, and a query on *rx.DB has none: run it on a *rx.Session")
	}
	if s.opts != nil && s.opts.ReadOnly {
		return errors.New("rx: a row lock (ForUpdate, ForShare) needs a read-write session, and this one is ReadOnly")
	}
	return nil
}
