package mysqlmigrate

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
	"github.com/golang-migrate/migrate/v4/database"
	"github.com/rxgo/rxdb/drivers/mysql"
	"github.com/rxgo/rxdb/internal/rxtest"
)

// lockOn is a lock on its own pool to the database raw names, as another
// process would have.
func lockOn(t *testing.T, raw string, lease, wait time.Duration) *clusterLock {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := mysql.Config(u)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := gomysql.NewConnector(cfg)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(conn)
	t.Cleanup(func() { db.Close() })
	l := newClusterLock(db, cfg.DBName)
	l.lease, l.wait = lease, wait
	if err := l.ensureTable(context.Background()); err != nil {
		t.Fatal(err)
	}
	return l
}

// crash kills the connection that holds l, as the death of its process
// would, without releasing anything.
func crash(t *testing.T, l *clusterLock) {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := l.conn.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&id); err != nil {
		t.Fatal(err)
	}
	close(l.stopRenew)
	<-l.renewed
	if _, err := l.db.ExecContext(ctx, "KILL CONNECTION ?", id); err != nil {
		t.Fatal(err)
	}
	l.conn.Close()
	l.conn = nil
}

func mustAcquire(t *testing.T, l *clusterLock) time.Duration {
	t.Helper()
	start := time.Now()
	if err := l.acquire(context.Background()); err != nil {
		t.Fatalf("acquire: %v", err)
	}
	return time.Since(start)
}

// held fails unless l cannot be taken while holder holds it, and the
// error names the holder.
func held(t *testing.T, l *clusterLock, holder *clusterLock) {
	t.Helper()
	err := l.acquire(context.Background())
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, database.ErrLocked) || le.Owner != holder.owner {
		t.Fatalf("acquire while held: %v; want a *LockedError naming %q that is database.ErrLocked", err, holder.owner)
	}
}

// On one server (and on the holder's own Galera node) a crashed holder's
// lock is free at once: its server-local GET_LOCK died with it.
func TestLockOfACrashedHolderIsFreeOnItsServerAtOnce(t *testing.T) {
	t.Parallel()
	u := rxtest.FreshURL(t, "mysql")
	a := lockOn(t, u, time.Hour, time.Second)
	b := lockOn(t, u, time.Hour, time.Second)
	b.owner = "the second process"
	mustAcquire(t, a)
	held(t, b, a)
	crash(t, a)
	if d := mustAcquire(t, b); d > 5*time.Second {
		t.Fatalf("took %s to free a dead holder's lock on its own server", d)
	}
	if err := b.release(); err != nil {
		t.Fatal(err)
	}
	mustAcquire(t, a)
	if err := a.release(); err != nil {
		t.Fatal(err)
	}
}

// Across Galera nodes: the lock holds while its holder renews the lease,
// and a crashed holder's lock is taken over once the lease has passed.
func TestGaleraLockHoldsAcrossNodesUntilTheLeaseOfADeadHolder(t *testing.T) {
	t.Parallel()
	urls := rxtest.GaleraURLs(t)
	const lease = 2 * time.Second
	a := lockOn(t, urls[0], lease, time.Second)
	b := lockOn(t, urls[1], lease, 3*lease)
	b.owner = "the process on node 2"
	mustAcquire(t, a)
	waiter := lockOn(t, urls[1], lease, lease/10)
	held(t, waiter, a)
	// Renewed: still held well after the lease.
	time.Sleep(lease * 3 / 2)
	waiter.wait = lease / 2
	held(t, waiter, a)
	crash(t, a)
	if d := mustAcquire(t, b); d > 2*lease {
		t.Fatalf("took %s to take over a dead holder's lock of lease %s", d, lease)
	}
	if err := b.release(); err != nil {
		t.Fatal(err)
	}
}
