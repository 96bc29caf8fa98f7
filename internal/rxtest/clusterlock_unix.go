//go:build unix

package rxtest

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// lockCluster holds a lock on the test cluster, shared or exclusive,
// across every test process on this machine until the test ends: tests
// that make a node unusable for a moment run alone.
func lockCluster(t testing.TB, exclusive bool) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(os.TempDir(), "rxdb-cluster-tests.lock"), os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		t.Fatalf("rxtest: opening the cluster lock file: %v", err)
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(f.Fd()), how); err != nil {
		f.Close()
		t.Fatalf("rxtest: locking the cluster: %v", err)
	}
	t.Cleanup(func() { f.Close() })
}
