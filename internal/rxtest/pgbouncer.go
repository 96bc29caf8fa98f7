package rxtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/rxgo/rxdb/rx"
)

// EnvPgBouncerURL names a PgBouncer in transaction pooling mode in front of
// the test PostgreSQL server (RX_TEST_POSTGRES_URL), as .ci/pgbouncer
// starts one: `eval "$(.ci/pgbouncer env)"`. Its database name is ignored:
// each test gets a database of its own behind the pooler.
const EnvPgBouncerURL = "RX_TEST_PGBOUNCER_URL"

// PgBouncerURL creates an empty database on the PostgreSQL server, dropped
// at cleanup, and returns its URL through the pooler EnvPgBouncerURL
// names. A database rather than a schema: PgBouncer refuses search_path
// as a start-up parameter. Without the variable, or when the pooler does
// not answer, the test is skipped loudly (failed under
// RX_TEST_REQUIRE_SERVERS=1).
func PgBouncerURL(t testing.TB) string {
	t.Helper()
	raw := os.Getenv(EnvPgBouncerURL)
	if raw == "" {
		unavailable(t, "PgBouncer", EnvPgBouncerURL+" is not set: start a PgBouncer with `.ci/pgbouncer start` and `eval \"$(.ci/pgbouncer env)\"`")
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("rxtest: %s: %v", EnvPgBouncerURL, err)
	}
	admin := server(t, "postgres")
	name := "rx_b_" + randomSuffix()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("rxtest: creating database %s: %v", name, err)
	}
	// FORCE: the pooler keeps server connections to the database open.
	t.Cleanup(func() {
		if err := dropper(admin, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")(); err != nil {
			t.Errorf("rxtest: dropping database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	if err := ping(u.String()); err != nil {
		unavailable(t, "PgBouncer", fmt.Sprintf("PgBouncer unreachable at %s (%s): %v", rx.RedactURL(u.String()), EnvPgBouncerURL, err))
	}
	return u.String()
}

func ping(u string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	db, err := rx.Open(ctx, rx.Config{DBURL: u, IgnoreEnv: true})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.SQL().PingContext(ctx)
}
