package migrate_test

import (
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// pooledConfig is a fresh PostgreSQL database reached through the test
// PgBouncer (transaction pooling), and a direct connection to the same
// database on the server, to look at its locks.
func pooledConfig(t *testing.T) (rx.Config, *rx.DB) {
	t.Helper()
	u := rxtest.PgBouncerURL(t)
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := url.Parse(rxtest.ServerURL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	direct.Path = pu.Path
	cfg := rx.Config{DBURL: u, IgnoreEnv: true, MigrationsDir: filepath.Join(t.TempDir(), "migrations")}
	return cfg, rxtest.OpenURL(t, direct.String())
}

// advisoryLocks counts the advisory locks held in db's database, by any
// server connection.
func advisoryLocks(t *testing.T, db *rx.DB) int {
	t.Helper()
	rows, err := db.Query(ctx(t), "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n int
	for rows.Next() {
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

// Two processes migrate one database through PgBouncer in transaction
// mode: each version is applied once, both succeed, and no advisory lock
// is left held on any server connection afterwards. With golang-migrate's
// session-level lock one of them hung or failed, and locks stayed held.
func TestTwoProcessesMigrateThroughPgBouncer(t *testing.T) {
	t.Parallel()
	cfg, direct := pooledConfig(t)
	migrateInTwoProcesses(t, cfg, cfg.DBURL, cfg.DBURL, migrationPause["postgres"])
	if n := advisoryLocks(t, direct); n != 0 {
		t.Fatalf("%d advisory locks still held after both processes exited", n)
	}
}

// A process killed while it holds the migration lock through the pooler
// leaves nothing locked: the lock is transaction-scoped, and the
// transaction ends with the killed client's connection.
func TestKilledMigrationFreesTheLockBehindPgBouncer(t *testing.T) {
	t.Parallel()
	cfg, direct := pooledConfig(t)
	if err := os.MkdirAll(cfg.MigrationsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeMigration(t, cfg.MigrationsDir, 20260101000000, "slow", "SELECT pg_sleep(60);\n", "SELECT 1;")
	barrier := filepath.Join(t.TempDir(), "go")
	if err := os.WriteFile(barrier, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestMigrateChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), childURL+"="+cfg.DBURL, childDir+"="+cfg.MigrationsDir, childBarrier+"="+barrier)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitFor(t, 30*time.Second, "the child to take the migration lock", func() bool { return advisoryLocks(t, direct) > 0 })
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	waitFor(t, 5*time.Second, "the killed process's lock to be freed", func() bool { return advisoryLocks(t, direct) == 0 })
}

func waitFor(t *testing.T, within time.Duration, what string, done func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !done() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", within, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
