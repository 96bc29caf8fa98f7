package otherdrivers

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDialectLinksNoDriver: a program that wraps a lib/pq pool with
// pgdialect links lib/pq and none of the drivers rx's driver packages use.
func TestDialectLinksNoDriver(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./cmd/pqapp").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps ./cmd/pqapp: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	has := func(prefix string) bool {
		for _, d := range deps {
			if strings.HasPrefix(d, prefix) {
				return true
			}
		}
		return false
	}
	if !has("github.com/lib/pq") || !has("github.com/rxgo/rxdb/dialect/pgdialect") {
		t.Fatalf("go list -deps ./cmd/pqapp does not list lib/pq and pgdialect: the check would prove nothing\n%s", out)
	}
	for _, other := range []string{"github.com/jackc/pgx", "github.com/go-sql-driver/mysql", "modernc.org/sqlite", "github.com/rxgo/rxdb/drivers/"} {
		if has(other) {
			t.Errorf("a lib/pq program links %s", other)
		}
	}
}
