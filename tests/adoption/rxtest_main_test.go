package adoption

import (
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
)

// TestMain reports, in one line go test does not hide, the databases this
// package's tests skipped (rxtest.Report).
func TestMain(m *testing.M) { rxtest.Main(m) }
