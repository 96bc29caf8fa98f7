package dialect_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestContractStandsAlone: the contract and the shipped dialects depend on
// neither the user API (rx) nor any Go database driver, so that a driver
// or a dialect can be written, and a foreign pool wrapped, without them.
func TestContractStandsAlone(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/rxgo/rxdb/dialect/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/rxgo/rxdb/dialect/pgdialect") {
		t.Fatalf("go list -deps does not list pgdialect: the check would prove nothing\n%s", out)
	}
	for _, d := range deps {
		for _, banned := range []string{"github.com/rxgo/rxdb/rx", "github.com/rxgo/rxdb/drivers/", "github.com/jackc/pgx", "github.com/go-sql-driver/mysql", "modernc.org/sqlite", "github.com/lib/pq", "github.com/mattn/go-sqlite3"} {
			if d == banned || strings.HasPrefix(d, banned) && strings.HasSuffix(banned, "/") || strings.HasPrefix(d, banned+"/") {
				t.Errorf("the dialect packages depend on %s", d)
			}
		}
	}
}
