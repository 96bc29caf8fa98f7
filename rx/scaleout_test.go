package rx_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// TestVersionKeepsTransfersOnGalera runs the concurrent transfers through
// every node of the Galera cluster at once: a conflict between nodes is
// either a stale version or a certification failure (1213), both
// retried, and every balance ends right.
func TestVersionKeepsTransfersOnGalera(t *testing.T) {
	urls := rxtest.GaleraURLs(t)
	var dbs []*rx.DB
	for _, u := range urls {
		dbs = append(dbs, rxtest.OpenURL(t, u))
	}
	if wrong := transfers(t, dbs); wrong != 0 {
		t.Fatalf("%d balances wrong across %d Galera nodes with a version column", wrong, len(dbs))
	}
}

// TestReplicaURLsOnPGStandby reads through a real PostgreSQL hot standby:
// reads go to it and see the primary's rows once replayed, a Primary
// session sees them at once, and a write on the standby is ErrReadOnly.
func TestReplicaURLsOnPGStandby(t *testing.T) {
	primary, standby := rxtest.PGPrimaryReplica(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db, err := rx.Open(ctx, rx.Config{DBURL: primary, ReplicaURLs: []string{standby}, IgnoreEnv: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rec := &recorder{}
	db.AddQueryHook(rec)
	if err := db.CreateAll(ctx, &User{}); err != nil {
		t.Fatal(err)
	}
	ann := &User{Username: "ann"}
	if err := db.Insert(ctx, ann); err != nil {
		t.Fatal(err)
	}
	err = db.WithSession(ctx, func(s *rx.Session) error {
		_, err := rx.Get[User](ctx, s, ann.ID)
		return err
	}, rx.ReadOnly(), rx.Primary())
	if err != nil {
		t.Fatalf("a Primary session reading what was just written: %v", err)
	}
	rec.servers()
	for {
		_, err := rx.Get[User](ctx, db, ann.ID)
		if err == nil {
			break
		}
		if !errors.Is(err, rx.ErrNotFound) {
			t.Fatal(err)
		}
		if ctx.Err() != nil {
			t.Fatal("the standby never showed the primary's row")
		}
		time.Sleep(time.Millisecond)
	}
	for _, s := range rec.servers() {
		if s != replicaName(t, 0, standby) {
			t.Errorf("an autocommit read ran on %q, want the standby", s)
		}
	}
	err = db.WithSession(ctx, func(s *rx.Session) error {
		_, err := s.Exec(ctx, "INSERT INTO \"user\" (username, email, password) VALUES ('x', '', '')")
		return err
	}, rx.ReadOnly())
	if !errors.Is(err, rx.ErrReadOnly) {
		t.Errorf("a write in a ReadOnly session on the standby: %v, want ErrReadOnly", err)
	}
}
