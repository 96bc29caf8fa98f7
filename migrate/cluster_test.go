package migrate_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// galeraRounds is how many times two processes race through two
// different Galera nodes: before the cluster-wide lock, the second
// process failed every time.
const galeraRounds = 20

// Two processes migrate one database through two different nodes of a
// Galera cluster at once, where golang-migrate's GET_LOCK locks one node
// only: each version is applied once, both processes succeed, and the
// database ends clean at the last version. Each round pairs other nodes.
func TestTwoProcessesMigrateThroughTwoGaleraNodes(t *testing.T) {
	for round := 0; round < galeraRounds; round++ {
		t.Run(fmt.Sprintf("round%02d", round), func(t *testing.T) {
			t.Parallel() // each round has a database of its own
			urls := rxtest.GaleraURLs(t)
			a, b := urls[round%len(urls)], urls[(round+1)%len(urls)]
			// Checks read through a third URL that waits for the
			// cluster's writes to arrive (wsrep_sync_wait).
			cfg := rx.Config{DBURL: urls[0] + "?wsrep_sync_wait=1", IgnoreEnv: true, MigrationsDir: filepath.Join(t.TempDir(), "migrations")}
			migrateInTwoProcesses(t, cfg, a, b, "DO SLEEP(0.05);\n")
		})
	}
}

// While a process migrates through one Galera node, golang-migrate's
// version row on every node says dirty; a second process migrating
// through another node at that moment waits for the lock and succeeds
// with nothing to do, instead of reporting the database dirty (which
// would advise a `db force` that erases the running migration's record).
func TestGaleraNoDirtyVerdictWhileAnotherNodeMigrates(t *testing.T) {
	urls := rxtest.GaleraURLs(t)
	dir := filepath.Join(t.TempDir(), "migrations")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	const version = 20260101000000
	writeMigration(t, dir, version, "slow", "DO SLEEP(1.5);\nCREATE TABLE slow_done (id INT PRIMARY KEY);\n", "DROP TABLE slow_done;")
	v1, _ := items(t)
	cfgOn := func(u string) rx.Config { return rx.Config{DBURL: u, IgnoreEnv: true, MigrationsDir: dir} }
	first := make(chan error, 1)
	go func() {
		_, err := migrate.New(cfgOn(urls[0]), v1).Migrate(context.Background())
		first <- err
	}()
	// Wait until the other node sees the migration in progress.
	db := openDB(t, cfgOn(urls[1]+"?wsrep_sync_wait=1"))
	deadline := time.Now().Add(10 * time.Second)
	for {
		var dirty bool
		err := db.SQL().QueryRowContext(ctx(t), "SELECT dirty FROM schema_migrations").Scan(&dirty)
		if err == nil && dirty {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the first process's migration never showed as dirty on node 2 (last: %v, %v)", dirty, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	steps, err := migrate.New(cfgOn(urls[1]), v1).Migrate(ctx(t))
	if err != nil || len(steps) != 0 {
		t.Fatalf("second process, while the first migrates: steps %v, err %v; want it to wait and find nothing to do", steps, err)
	}
	if err := <-first; err != nil {
		t.Fatalf("first process: %v", err)
	}
	st, err := migrate.New(cfgOn(urls[1]+"?wsrep_sync_wait=1"), v1).Status(ctx(t))
	if err != nil || st.Dirty || st.Version != version {
		t.Fatalf("status after both: %+v, %v; want clean at %d", st, err, version)
	}
}
