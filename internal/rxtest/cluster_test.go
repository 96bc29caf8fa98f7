package rxtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// The Galera nodes are one cluster: a row committed on the first node is
// read on every other one (wsrep_sync_wait=1 makes the read wait for it).
func TestGaleraNodesShareWrites(t *testing.T) {
	urls := rxtest.GaleraURLs(t)
	ctx := context.Background()
	first := rxtest.OpenURL(t, urls[0])
	if _, err := first.Exec(ctx, "CREATE TABLE shared (id INT PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	if _, err := first.Exec(ctx, "INSERT INTO shared (id) VALUES (42)"); err != nil {
		t.Fatal(err)
	}
	for _, u := range urls[1:] {
		var id int
		if err := rxtest.OpenURL(t, u+"?wsrep_sync_wait=1").SQL().QueryRowContext(ctx, "SELECT id FROM shared").Scan(&id); err != nil || id != 42 {
			t.Fatalf("%s: read %d, %v; want the row written on %s", rx.RedactURL(u), id, err, rx.RedactURL(urls[0]))
		}
	}
}

// The PostgreSQL standby replays the primary's writes and is read-only.
func TestPGStandbyStreamsFromPrimary(t *testing.T) {
	primaryURL, replicaURL := rxtest.PGPrimaryReplica(t)
	ctx := context.Background()
	primary, replica := rxtest.OpenURL(t, primaryURL), rxtest.OpenURL(t, replicaURL)
	var recovering bool
	if err := replica.SQL().QueryRowContext(ctx, "SELECT pg_is_in_recovery()").Scan(&recovering); err != nil || !recovering {
		t.Fatalf("replica pg_is_in_recovery() = %v, %v; want a standby", recovering, err)
	}
	if _, err := primary.Exec(ctx, "CREATE TABLE shared (id INT PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	if _, err := primary.Exec(ctx, "INSERT INTO shared (id) VALUES (42)"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var id int
		err := replica.SQL().QueryRowContext(ctx, "SELECT id FROM shared").Scan(&id)
		if err == nil && id == 42 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the standby never showed the primary's row: %d, %v", id, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
