package migrate_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
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
