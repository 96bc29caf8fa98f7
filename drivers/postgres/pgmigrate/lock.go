package pgmigrate

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/golang-migrate/migrate/v4/database"
	"github.com/jackc/pgx/v5/stdlib"
)

// The migration lock must hold behind a transaction-pooling proxy
// (PgBouncer, RDS Proxy, Supabase's and Neon's poolers), where
// golang-migrate's session-level pg_advisory_lock is taken on one server
// connection and released on another, or never: a later process then
// waits for ever, and the lock outlives every client.
//
// rx takes a transaction-level advisory lock instead, on a connection of
// its own whose transaction stays open while the lock is held. An open
// transaction pins one server connection to its client in every pooling
// mode, and the lock ends with the transaction: it is freed at once when
// the holder releases it, and when the holder exits, crashes or is killed
// (the server, or the pooler, ends a transaction whose client went away).
// A statement every keepaliveEvery keeps an idle-in-transaction timeout
// from ending the lock while a long migration runs.
//
// The key is golang-migrate's own (database, schema, version table), so
// that a process of an older rx, which takes the session-level lock,
// and this one exclude each other.
const (
	// defaultLockWait bounds one attempt; migrate.Migrator retries up to
	// its LockTimeout.
	defaultLockWait = 10 * time.Second
	// openLockWait bounds the wait around golang-migrate's creation of
	// the version table, which no caller retries.
	openLockWait   = time.Minute
	keepaliveEvery = 10 * time.Second
)

// xactLock is the migration lock of one database and schema.
type xactLock struct {
	db  *sql.DB
	key int64

	mu   sync.Mutex
	conn *sql.Conn // holds tx; nil when the lock is free
	tx   *sql.Tx
	stop chan struct{}
	done chan struct{} // closed when the keepalive ends
	lost error         // set by the keepalive when the connection failed
}

// newXactLock derives golang-migrate's key for the database and schema db
// is connected to.
func newXactLock(ctx context.Context, db *sql.DB, table string) (*xactLock, error) {
	var dbName, schemaName string
	if err := db.QueryRowContext(ctx, "SELECT current_database(), current_schema()").Scan(&dbName, &schemaName); err != nil {
		return nil, fmt.Errorf("reading the database and schema for the migration lock: %w", err)
	}
	id, err := database.GenerateAdvisoryLockId(dbName, schemaName, table)
	if err != nil {
		return nil, err
	}
	key, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return nil, err
	}
	return &xactLock{db: db, key: key}, nil
}

// acquire takes the lock, waiting up to wait for its holder; after that it
// returns database.ErrLocked, which migrate.Migrator retries.
func (l *xactLock) acquire(ctx context.Context, wait time.Duration) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tx != nil {
		// Left held by an attempt whose caller gave up waiting
		// (golang-migrate's LockTimeout): it is ours.
		return nil
	}
	conn, err := l.db.Conn(ctx)
	if err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return err
	}
	if err := l.poll(ctx, tx, wait); err == nil {
		// The lock query's portal keeps its snapshot until the next
		// simple query; a CREATE INDEX CONCURRENTLY started meanwhile
		// would wait for this transaction to end, which is after the
		// migration: a deadlock. A simple query drops the portal.
		_, err = tx.ExecContext(ctx, "SELECT 1")
	}
	if err != nil {
		tx.Rollback()
		conn.Close()
		return err
	}
	l.conn, l.tx, l.lost = conn, tx, nil
	l.stop, l.done = make(chan struct{}), make(chan struct{})
	go l.keepalive(tx, l.stop, l.done)
	return nil
}

// poll tries for the lock every 50 ms until wait has passed. Trying
// rather than waiting in pg_advisory_xact_lock keeps ctx in charge and
// names the outcome.
func (l *xactLock) poll(ctx context.Context, tx *sql.Tx, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for {
		var got bool
		if err := tx.QueryRowContext(ctx, "SELECT pg_try_advisory_xact_lock($1)", l.key).Scan(&got); err != nil {
			return fmt.Errorf("taking the migration lock: %w", err)
		}
		if got {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the migration lock (advisory lock %d) is held by another process: %w", l.key, database.ErrLocked)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (l *xactLock) keepalive(tx *sql.Tx, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(keepaliveEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), keepaliveEvery)
			_, err := tx.ExecContext(ctx, "SELECT 1")
			cancel()
			if err != nil {
				l.mu.Lock()
				l.lost = fmt.Errorf("the migration lock's connection failed while it was held, so another process may have migrated meanwhile: %w", err)
				l.mu.Unlock()
				return
			}
		}
	}
}

// release ends the lock's transaction, and with it the lock.
func (l *xactLock) release() error {
	l.mu.Lock()
	tx, conn, stop, done := l.tx, l.conn, l.stop, l.done
	l.tx, l.conn = nil, nil
	l.mu.Unlock()
	if tx == nil {
		return nil
	}
	close(stop)
	<-done
	err := tx.Rollback()
	if errors.Is(err, sql.ErrTxDone) {
		err = nil
	}
	l.mu.Lock()
	lost := l.lost
	l.mu.Unlock()
	return errors.Join(lost, err, conn.Close())
}

// lockedDriver is golang-migrate's driver with rx's lock in place of its
// own.
type lockedDriver struct {
	database.Driver
	lock *xactLock
}

// Lock implements database.Driver.
func (d *lockedDriver) Lock() error { return d.lock.acquire(context.Background(), defaultLockWait) }

// Unlock implements database.Driver.
func (d *lockedDriver) Unlock() error { return d.lock.release() }

// Close implements database.Driver: a lock left held is released first.
func (d *lockedDriver) Close() error {
	err := d.lock.release()
	return errors.Join(err, d.Driver.Close())
}

// golang-migrate's session-level lock statements, which noSessionLocks
// leaves out.
const (
	sessionLock   = `SELECT pg_advisory_lock($1)`
	sessionUnlock = `SELECT pg_advisory_unlock($1)`
)

// noSessionLocks opens connections on which golang-migrate's own
// session-level lock and unlock do nothing: WithInstance takes that lock
// around the creation of the version table, before rx can put its own
// in place, and behind a pooler it would be left held. rx's lock is held
// around WithInstance instead.
type noSessionLocks struct{ driver.Connector }

// Connect implements driver.Connector.
func (c noSessionLocks) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	pc, ok := conn.(*stdlib.Conn)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("pgmigrate: expected a pgx connection, got %T", conn)
	}
	return noLockConn{pc}, nil
}

// noLockConn is a pgx connection that skips the session-level lock
// statements; embedding keeps every interface pgx's connection has.
type noLockConn struct{ *stdlib.Conn }

// ExecContext implements driver.ExecerContext.
func (c noLockConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if query == sessionLock || query == sessionUnlock {
		return driver.RowsAffected(0), nil
	}
	return c.Conn.ExecContext(ctx, query, args)
}
