package rx_test

import (
	"context"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// The pool is bounded by default and keeps the connections a burst
// opened; Config overrides both, and a negative MaxOpenConns lifts the
// bound.
func TestPoolIsBoundedByDefault(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			u := rxtest.FreshURL(t, d)
			open := func(cfg rx.Config) *rx.DB {
				t.Helper()
				cfg.DBURL, cfg.IgnoreEnv = u, true
				db, err := rx.Open(ctx, cfg)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				return db
			}
			db := open(rx.Config{})
			if got, want := db.SQL().Stats().MaxOpenConnections, rx.DefaultMaxOpenConns(); got != want || want < 10 {
				t.Fatalf("default MaxOpenConnections = %d, want %d (at least 10)", got, want)
			}
			// Five connections in use at once all stay idle afterwards
			// (database/sql alone keeps two).
			var conns []interface{ Close() error }
			for range 5 {
				c, err := db.SQL().Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				conns = append(conns, c)
			}
			for _, c := range conns {
				c.Close()
			}
			if idle := db.SQL().Stats().Idle; idle != 5 {
				t.Fatalf("idle connections after a burst of 5: %d, want 5", idle)
			}
			if got := open(rx.Config{MaxOpenConns: 3}).SQL().Stats().MaxOpenConnections; got != 3 {
				t.Fatalf("MaxOpenConns 3: pool allows %d", got)
			}
			if got := open(rx.Config{MaxOpenConns: -1}).SQL().Stats().MaxOpenConnections; got != 0 {
				t.Fatalf("MaxOpenConns -1: pool allows %d, want 0 (no limit)", got)
			}
		})
	}
	t.Run("sqlite-memory", func(t *testing.T) {
		db, err := rx.Open(context.Background(), rx.Config{DBURL: "sqlite:///:memory:", IgnoreEnv: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if got := db.SQL().Stats().MaxOpenConnections; got != 1 {
			t.Fatalf("in-memory SQLite pool allows %d connections, want 1", got)
		}
	})
}
