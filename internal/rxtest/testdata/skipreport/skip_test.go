// Package skipreport is run by rxtest's TestReportReachesTheTerminal: its
// one test needs the database RX_TEST_SKIPREPORT_DIALECT names, which the
// caller makes unreachable.
package skipreport_test

import (
	"os"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
)

func TestMain(m *testing.M) { rxtest.Main(m) }

func TestNeedsTheServer(t *testing.T) {
	rxtest.Open(t, os.Getenv("RX_TEST_SKIPREPORT_DIALECT"))
}
