package mysqlmigrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"sync"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
	"github.com/golang-migrate/migrate/v4/database"
	"github.com/rxgo/rxdb/migrate"
)

// The migration lock must hold across the nodes of a multi-primary
// cluster (Galera), where golang-migrate's GET_LOCK locks one node only.
// It is a row with a fixed key in migrate.LockTable: an INSERT that only
// one node can commit (a second node's INSERT fails with a duplicate key,
// or with a deadlock when Galera's certification finds the conflict),
// released by DELETE. Galera commits write-sets in one order on every
// node, so the process that takes the lock next also sees every version
// its predecessor recorded.
//
// A holder that dies leaves its row behind; two things free it:
//   - on the holder's own server, at once: a holder also holds a
//     server-local GET_LOCK, taken before its INSERT and released after its
//     DELETE, so a process that gets that GET_LOCK and finds a row from the
//     same server knows the row's owner is gone (on a single server this
//     is always the case);
//   - from any server, after the lease: the holder renews expires_at every
//     lease/4, and a row whose expires_at has passed (by the server's UTC
//     clock) may be deleted by anyone. Node clocks must agree to well
//     within the lease, and on Galera a DDL statement that blocks the
//     cluster (total order isolation) for longer than the lease blocks the
//     renewal too, so that another node can take the lock over.
const (
	lockKey = "migrate"
	// defaultLease is how long a silent holder keeps the lock.
	defaultLease = 2 * time.Minute
	// defaultLockWait bounds one attempt, like golang-migrate's
	// GET_LOCK(…, 10); migrate.Migrator retries up to its LockTimeout.
	defaultLockWait = 10 * time.Second
	// openLockWait bounds the wait for the lock around the creation of
	// the version table, which no caller retries: Migrator's default
	// LockTimeout.
	openLockWait = time.Minute
)

// MySQL and Galera errors that mean "someone else got there first".
const (
	errDupEntry = 1062 // the row exists
	errDeadlock = 1213 // Galera: certification failed against another node's write
)

// clusterLock is the lock row of one database.
type clusterLock struct {
	db       *sql.DB
	dbName   string
	lease    time.Duration
	wait     time.Duration
	owner    string
	nodeLock string // the server-local GET_LOCK name

	mu        sync.Mutex
	conn      *sql.Conn // the connection that holds the lock, nil when free
	stopRenew chan struct{}
	renewed   chan struct{} // closed when the renewal goroutine ends
	lost      error         // set by the renewal when the row was taken over
}

func newClusterLock(db *sql.DB, dbName string) *clusterLock {
	host, _ := os.Hostname()
	return &clusterLock{
		db:       db,
		dbName:   dbName,
		lease:    defaultLease,
		wait:     defaultLockWait,
		owner:    fmt.Sprintf("%s pid %d", host, os.Getpid()),
		nodeLock: fmt.Sprintf("rx_migrate_%08x", crc32.ChecksumIEEE([]byte(dbName))),
	}
}

var lockTable = "`" + migrate.LockTable + "`"

// ensureTable creates the lock table when it is missing.
func (l *clusterLock) ensureTable(ctx context.Context) error {
	for attempt := 0; ; attempt++ {
		exists, err := tableExists(ctx, l.db, migrate.LockTable)
		if err != nil || exists {
			return err
		}
		_, err = l.db.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS "+lockTable+` (
			name VARCHAR(64) NOT NULL PRIMARY KEY,
			owner VARCHAR(255) NOT NULL,
			node VARCHAR(255) NOT NULL,
			conn_id BIGINT UNSIGNED NOT NULL,
			acquired_at DATETIME(6) NOT NULL,
			expires_at DATETIME(6) NOT NULL
		) ENGINE=InnoDB`)
		// Galera aborts one of two nodes' simultaneous CREATE TABLE with
		// a deadlock: the other one created it.
		if !isMySQLError(err, errDeadlock) || attempt == 20 {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// LockedError says who holds the migration lock.
type LockedError struct {
	Owner     string    // host and process id
	Node      string    // the server it took the lock on, host:port
	Acquired  time.Time // UTC
	ExpiresAt time.Time // UTC, unless renewed
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("the migration lock (%s in %s) is held by %s through %s since %s, lease until %s; if that process is gone, the lock frees itself when the lease ends",
		lockKey, migrate.LockTable, e.Owner, e.Node, e.Acquired.Format(time.RFC3339), e.ExpiresAt.Format(time.RFC3339))
}

// Is makes errors.Is(err, database.ErrLocked) true, which migrate.Migrator
// retries.
func (e *LockedError) Is(target error) bool { return target == database.ErrLocked }

// thisNode names the server a connection is on; nodes of one cluster
// differ in host or port.
const thisNode = "CONCAT(@@hostname, ':', @@port)"

// acquire takes the lock, waiting up to l.wait for its holder.
func (l *clusterLock) acquire(ctx context.Context) error { return l.acquireWithin(ctx, l.wait) }

// acquireWithin takes the lock, waiting up to wait for its holder.
func (l *clusterLock) acquireWithin(ctx context.Context, wait time.Duration) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn != nil {
		// Left held by an attempt whose caller gave up waiting
		// (golang-migrate's LockTimeout): it is ours.
		return nil
	}
	conn, err := l.db.Conn(ctx)
	if err != nil {
		return err
	}
	held, haveNode := false, false
	defer func() {
		if !held {
			if haveNode {
				conn.ExecContext(context.Background(), "DO RELEASE_LOCK(?)", l.nodeLock)
			}
			conn.Close()
		}
	}()
	deadline := time.Now().Add(wait)
	for {
		if !haveNode {
			// GET_LOCK nests: take it once per hold.
			var got sql.NullBool
			if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, 0)", l.nodeLock).Scan(&got); err != nil {
				return err
			}
			haveNode = got.Bool
		}
		if haveNode {
			_, err := conn.ExecContext(ctx, "INSERT INTO "+lockTable+" (name, owner, node, conn_id, acquired_at, expires_at) VALUES (?, ?, "+thisNode+", CONNECTION_ID(), UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND)",
				lockKey, l.owner, l.lease.Microseconds())
			if err == nil {
				held = true
				l.conn = conn
				l.lost = nil
				l.stopRenew, l.renewed = make(chan struct{}), make(chan struct{})
				go l.renew(conn, l.stopRenew, l.renewed)
				return nil
			}
			if !isMySQLError(err, errDupEntry, errDeadlock) {
				return fmt.Errorf("taking the migration lock: %w", err)
			}
		}
		holder, freed, err := l.freeStale(ctx, conn, haveNode)
		if err != nil {
			return err
		}
		if freed {
			continue
		}
		if time.Now().After(deadline) {
			if holder == nil {
				return database.ErrLocked
			}
			return holder
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// freeStale reads the lock row and deletes it when its holder is gone:
// it is from this server and we hold this server's GET_LOCK, or its lease
// has passed. It returns the live holder otherwise.
func (l *clusterLock) freeStale(ctx context.Context, conn *sql.Conn, haveNodeLock bool) (*LockedError, bool, error) {
	h := &LockedError{}
	var sameNode, expired bool
	var connID uint64
	var acquired, expires string // as text: the URL may turn parseTime off
	err := conn.QueryRowContext(ctx, "SELECT owner, node, conn_id, CAST(acquired_at AS CHAR), CAST(expires_at AS CHAR), node = "+thisNode+", expires_at < UTC_TIMESTAMP(6) FROM "+lockTable+" WHERE name = ?", lockKey).
		Scan(&h.Owner, &h.Node, &connID, &acquired, &expires, &sameNode, &expired)
	h.Acquired, _ = time.Parse(time.DateTime, acquired[:min(len(acquired), len(time.DateTime))])
	h.ExpiresAt, _ = time.Parse(time.DateTime, expires[:min(len(expires), len(time.DateTime))])
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil // released meanwhile, or not yet replicated here
	}
	if err != nil {
		return nil, false, fmt.Errorf("reading the migration lock: %w", err)
	}
	var res sql.Result
	switch {
	case sameNode && haveNodeLock:
		res, err = conn.ExecContext(ctx, "DELETE FROM "+lockTable+" WHERE name = ? AND node = "+thisNode+" AND conn_id = ?", lockKey, connID)
	case expired:
		res, err = conn.ExecContext(ctx, "DELETE FROM "+lockTable+" WHERE name = ? AND conn_id = ? AND expires_at < UTC_TIMESTAMP(6)", lockKey, connID)
	default:
		return h, false, nil
	}
	if isMySQLError(err, errDeadlock) {
		return h, false, nil // the holder renewed or released at the same moment
	}
	if err != nil {
		return nil, false, fmt.Errorf("freeing the migration lock of %s: %w", h.Owner, err)
	}
	n, _ := res.RowsAffected()
	return h, n > 0, nil
}

// renew extends the lease every lease/4 until stop is closed, and records
// a takeover.
func (l *clusterLock) renew(conn *sql.Conn, stop, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(l.lease / 4)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		res, err := conn.ExecContext(context.Background(), "UPDATE "+lockTable+" SET expires_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND WHERE name = ? AND node = "+thisNode+" AND conn_id = CONNECTION_ID()",
			l.lease.Microseconds(), lockKey)
		if err != nil {
			continue // a conflict or a lost connection: the next tick tries again
		}
		if n, _ := res.RowsAffected(); n == 0 {
			l.mu.Lock()
			l.lost = fmt.Errorf("the migration lock in %s was taken over by another process after its lease of %s ran out", migrate.LockTable, l.lease)
			l.mu.Unlock()
			return
		}
	}
}

// release deletes the lock row; it reports a lock that was taken over
// while held.
func (l *clusterLock) release() error {
	l.mu.Lock()
	conn := l.conn
	stop, done := l.stopRenew, l.renewed
	l.mu.Unlock()
	if conn == nil {
		return nil
	}
	close(stop)
	<-done
	l.mu.Lock()
	defer l.mu.Unlock()
	ctx := context.Background()
	var err error
	for i := 0; i < 20; i++ {
		_, err = conn.ExecContext(ctx, "DELETE FROM "+lockTable+" WHERE name = ? AND node = "+thisNode+" AND conn_id = CONNECTION_ID()", lockKey)
		if !isMySQLError(err, errDeadlock) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The server-local lock goes last, so that a row of this server is
	// never seen without it while we live.
	conn.ExecContext(ctx, "DO RELEASE_LOCK(?)", l.nodeLock)
	conn.Close()
	l.conn = nil
	if err != nil {
		return fmt.Errorf("releasing the migration lock: %w", err)
	}
	return l.lost
}

func isMySQLError(err error, numbers ...uint16) bool {
	var me *gomysql.MySQLError
	if !errors.As(err, &me) {
		return false
	}
	for _, n := range numbers {
		if me.Number == n {
			return true
		}
	}
	return false
}

// lockedDriver takes the cluster lock around golang-migrate's own lock.
type lockedDriver struct {
	database.Driver
	lock *clusterLock
}

// Lock implements database.Driver.
func (d *lockedDriver) Lock() error {
	if err := d.lock.acquire(context.Background()); err != nil {
		return err
	}
	if err := d.Driver.Lock(); err != nil {
		d.lock.release()
		return err
	}
	return nil
}

// Unlock implements database.Driver.
func (d *lockedDriver) Unlock() error {
	err := d.Driver.Unlock()
	return errors.Join(err, d.lock.release())
}

// Close implements database.Driver: a lock left held is released first.
func (d *lockedDriver) Close() error {
	err := d.lock.release()
	return errors.Join(err, d.Driver.Close())
}
