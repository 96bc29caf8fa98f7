package rxtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rxgo/rxdb/rx"
)

// Environment variables naming the test cluster that .ci/cluster starts
// (`eval "$(.ci/cluster env)"` sets them).
const (
	// EnvGaleraURLs: comma-separated URLs of the Galera nodes.
	EnvGaleraURLs = "RX_TEST_GALERA_URLS"
	// EnvPGPrimaryURL: the PostgreSQL primary of a streaming pair.
	EnvPGPrimaryURL = "RX_TEST_PG_PRIMARY_URL"
	// EnvPGReplicaURL: the PostgreSQL hot standby streaming from it.
	EnvPGReplicaURL = "RX_TEST_PG_REPLICA_URL"
)

// visibleWithin bounds the wait for a new database or schema to reach
// the other servers of the cluster.
const visibleWithin = 30 * time.Second

type clusterState struct {
	once   sync.Once
	admins []*rx.DB
	err    error
}

var clusters sync.Map // environment variable(s) -> *clusterState

// clusterAdmins connects once to each of the servers raws names.
func clusterAdmins(t testing.TB, key, dialect string, raws []string) []*rx.DB {
	t.Helper()
	v, _ := clusters.LoadOrStore(key, &clusterState{})
	st := v.(*clusterState)
	st.once.Do(func() {
		for _, raw := range raws {
			db, err := connectURL(dialect, raw)
			if err != nil {
				st.err = fmt.Errorf("%s: %w", rx.RedactURL(raw), err)
				return
			}
			st.admins = append(st.admins, db)
		}
	})
	if st.err != nil {
		unavailable(t, "the test cluster ("+key+")", fmt.Sprintf("test cluster (%s) unreachable: %v; start it with `.ci/cluster start` and `eval \"$(.ci/cluster env)\"`", key, st.err))
	}
	return st.admins
}

// GaleraURLs returns one URL per node of the Galera cluster named by
// RX_TEST_GALERA_URLS, all naming the same fresh database (dropped at
// cleanup) that every node already has. Without the variable, or with
// fewer than two nodes, the test is skipped loudly (failed under
// RX_TEST_REQUIRE_SERVERS=1).
func GaleraURLs(t testing.TB) []string {
	t.Helper()
	return galeraURLs(t, false)
}

// DisruptGalera is GaleraURLs for a test that makes a node unusable for
// a moment (wsrep_reject_queries, desync): it waits until no other test,
// in any test process on this machine, uses the cluster, and keeps
// others waiting until it ends. It must be the test's only call of
// either. The test must leave the cluster as it found it.
func DisruptGalera(t testing.TB) []string {
	t.Helper()
	return galeraURLs(t, true)
}

func galeraURLs(t testing.TB, exclusive bool) []string {
	t.Helper()
	raws := splitList(os.Getenv(EnvGaleraURLs))
	if len(raws) < 2 {
		unavailable(t, "the Galera cluster", fmt.Sprintf("%s names %d Galera node(s), need at least 2; start the cluster with `.ci/cluster start` and `eval \"$(.ci/cluster env)\"`", EnvGaleraURLs, len(raws)))
	}
	admins := clusterAdmins(t, EnvGaleraURLs, "mysql", raws)
	lockCluster(t, exclusive)
	name := "rx_t_" + randomSuffix()
	mustExec(t, admins[0], "CREATE DATABASE "+name+" CHARACTER SET utf8mb4")
	t.Cleanup(func() { mustExec(t, admins[0], "DROP DATABASE IF EXISTS "+name) })
	out := make([]string, len(raws))
	for i, raw := range raws {
		waitVisible(t, admins[i], raw, "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?", name)
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		u.Path = "/" + name
		out[i] = u.String()
	}
	return out
}

// PGPrimaryReplica returns URLs of the PostgreSQL primary and its hot
// standby (RX_TEST_PG_PRIMARY_URL, RX_TEST_PG_REPLICA_URL), both with
// search_path set to the same fresh schema, created on the primary,
// already replayed on the standby, and dropped at cleanup. Without the
// variables the test is skipped loudly (failed under
// RX_TEST_REQUIRE_SERVERS=1).
func PGPrimaryReplica(t testing.TB) (primary, replica string) {
	t.Helper()
	raws := []string{os.Getenv(EnvPGPrimaryURL), os.Getenv(EnvPGReplicaURL)}
	if raws[0] == "" || raws[1] == "" {
		unavailable(t, "the PostgreSQL primary and replica", fmt.Sprintf("%s and %s are not both set; start the cluster with `.ci/cluster start` and `eval \"$(.ci/cluster env)\"`", EnvPGPrimaryURL, EnvPGReplicaURL))
	}
	admins := clusterAdmins(t, EnvPGPrimaryURL+","+EnvPGReplicaURL, "postgres", raws)
	name := "rx_t_" + randomSuffix()
	mustExec(t, admins[0], "CREATE SCHEMA "+name)
	t.Cleanup(func() { mustExec(t, admins[0], "DROP SCHEMA IF EXISTS "+name+" CASCADE") })
	waitVisible(t, admins[1], raws[1], "SELECT COUNT(*) FROM pg_namespace WHERE nspname = $1", name)
	out := make([]string, 2)
	for i, raw := range raws {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", name)
		u.RawQuery = q.Encode()
		out[i] = u.String()
	}
	return out[0], out[1]
}

// waitVisible waits until query (a count) finds name on the server.
func waitVisible(t testing.TB, db *rx.DB, raw, query, name string) {
	t.Helper()
	deadline := time.Now().Add(visibleWithin)
	for {
		var n int
		err := db.SQL().QueryRowContext(context.Background(), query, name).Scan(&n)
		if err == nil && n > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not reach %s within %s (last error: %v)", name, rx.RedactURL(raw), visibleWithin, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
