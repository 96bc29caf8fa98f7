package rx_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// A write sent to a PostgreSQL hot standby (SQLSTATE 25006) is
// rx.ErrReadOnly, not retryable: retrying on the standby cannot succeed.
func TestWriteToPostgresStandbyIsErrReadOnly(t *testing.T) {
	primaryURL, replicaURL := rxtest.PGPrimaryReplica(t)
	ctx := context.Background()
	if err := rxtest.OpenURL(t, primaryURL).CreateAll(ctx, &User{}); err != nil {
		t.Fatal(err)
	}
	replica := rxtest.OpenURL(t, replicaURL)
	err := replica.Insert(ctx, &User{Username: "to the standby"})
	if !errors.Is(err, rx.ErrReadOnly) || errors.Is(err, rx.ErrRetryable) || !strings.Contains(err.Error(), "25006") {
		t.Fatalf("insert on the standby = %v, want rx.ErrReadOnly from SQLSTATE 25006, not retryable", err)
	}
}

// A write by a user without READ_ONLY ADMIN on a MariaDB server with
// read_only set (error 1290) is rx.ErrReadOnly. It runs on the last
// Galera node, whose read_only is global: the other tests connect as
// root, which read_only does not stop.
func TestWriteToReadOnlyMariaDBIsErrReadOnly(t *testing.T) {
	urls := rxtest.GaleraURLs(t)
	ctx := context.Background()
	nodeURL := urls[len(urls)-1]
	admin := rxtest.OpenURL(t, nodeURL)
	if err := admin.CreateAll(ctx, &User{}); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(nodeURL)
	if err != nil {
		t.Fatal(err)
	}
	user := "rx_ro_" + strings.TrimPrefix(strings.TrimPrefix(u.Path, "/"), "rx_t_")
	for _, stmt := range []string{
		"CREATE USER '" + user + "'@'127.0.0.1'",
		"GRANT SELECT, INSERT ON `" + strings.TrimPrefix(u.Path, "/") + "`.* TO '" + user + "'@'127.0.0.1'",
	} {
		if _, err := admin.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	t.Cleanup(func() { admin.Exec(context.Background(), "DROP USER IF EXISTS '"+user+"'@'127.0.0.1'") })
	if _, err := admin.Exec(ctx, "SET GLOBAL read_only = ON"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(context.Background(), "SET GLOBAL read_only = OFF"); err != nil {
			t.Errorf("turning read_only off again on %s: %v", rx.RedactURL(nodeURL), err)
		}
	})
	u.User = url.User(user)
	err = rxtest.OpenURL(t, u.String()).Insert(ctx, &User{Username: "to a read-only server"})
	if !errors.Is(err, rx.ErrReadOnly) || errors.Is(err, rx.ErrRetryable) || !strings.Contains(err.Error(), "1290") {
		t.Fatalf("insert on a read_only server = %v, want rx.ErrReadOnly from error 1290, not retryable", err)
	}
}

// A Galera node that is not ready for clients (not synced, or told to
// reject queries) answers error 1047, which rx marks retryable: the
// node, or the next connection's node, may be ready by the next attempt.
func TestGaleraNodeNotReadyIsRetryable(t *testing.T) {
	urls := rxtest.DisruptGalera(t)
	ctx := context.Background()
	nodeURL := urls[len(urls)-1]
	db := rxtest.OpenURL(t, nodeURL)
	if err := db.CreateAll(ctx, &User{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(ctx, "SET GLOBAL wsrep_reject_queries = ALL"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec(context.Background(), "SET GLOBAL wsrep_reject_queries = NONE"); err != nil {
			t.Errorf("accepting queries again on %s: %v", rx.RedactURL(nodeURL), err)
		}
	})
	_, err := rx.Select[User](db).Count(ctx)
	if !errors.Is(err, rx.ErrRetryable) || !strings.Contains(err.Error(), "1047") {
		t.Fatalf("query on a node rejecting queries = %v, want rx.ErrRetryable from error 1047", err)
	}
}
