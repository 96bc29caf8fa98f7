package rx_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// deadReplica is a replica URL per dialect that cannot be opened: a
// closed port, a directory that does not exist.
var deadReplica = map[string]string{
	"sqlite":   "sqlite:////nonexistent-rx-dir/replica.db",
	"mysql":    "mysql://root:sekret@127.0.0.1:1/rx",
	"postgres": "postgresql://postgres:sekret@127.0.0.1:1/rx",
}

// A read pool its owner closed is not a replica that is down: the read
// returns the pool's error, and the writer does not serve it (an HTTP
// handler must answer 500, not 200 with the writer's rows).
func TestClosedReadPoolDoesNotFailOver(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			u := rxtest.FreshURL(t, d)
			writer, _ := rxtest.OpenSQLAt(t, d, u)
			reader, _ := rxtest.OpenSQLAt(t, d, u)
			db, err := rx.WrapSQL(writer, rx.WithReadPool(reader))
			if err != nil {
				t.Fatal(err)
			}
			if err := db.CreateAll(ctx, &User{}); err != nil {
				t.Fatal(err)
			}
			rec := &recorder{}
			db.AddQueryHook(rec)
			reader.Close()
			for range 2 {
				_, err := rx.Select[User](db).All(ctx)
				if err == nil || !strings.Contains(err.Error(), "database is closed") {
					t.Fatalf("read with the read pool closed: %v, want its error", err)
				}
				if got := rec.servers(); len(got) != 1 || got[0] != "read pool 1" {
					t.Fatalf("read with the read pool closed ran on %v, want only read pool 1", got)
				}
			}
		})
	}
}

// On the goroutine of a read-write session's callback, a read through the
// *DB never fails over onto the primary, whose connection the session
// holds: with one connection (SQLite's writer) it waited for ever. The
// read returns the read pool's error; outside the session the same read
// is served by the primary.
func TestReadInSessionNeverFailsOverToItsWriter(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			db, err := rx.Open(ctx, rx.Config{DBURL: rxtest.FreshURL(t, d), ReplicaURLs: []string{deadReplica[d]},
				MaxOpenConns: 1, IgnoreEnv: true})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.CreateAll(ctx, &User{}); err != nil {
				t.Fatal(err)
			}
			if _, err := rx.Select[User](db).All(ctx); err != nil {
				t.Fatalf("read outside a session with the replica down: %v, want the primary to serve", err)
			}
			// The callback reports through these, not t: if it hangs, the
			// test has failed and ended before it returns.
			var readErr, roErr, err2 error
			within(t, 20*time.Second, "reads through the *DB inside a session", func() {
				err2 = db.WithSession(ctx, func(s *rx.Session) error {
					_, readErr = rx.Select[User](db).All(ctx)
					roErr = db.WithSession(ctx, func(*rx.Session) error { return nil }, rx.ReadOnly())
					return s.Insert(ctx, &User{Username: "in-session"})
				})
			})
			if readErr == nil {
				t.Error("read through the *DB inside a session with the replica down: nil error, want the replica's")
			}
			if roErr == nil {
				t.Error("read-only db.WithSession inside a session with the replica down: nil error, want the replica's")
			}
			if err2 != nil {
				t.Error(err2)
			}
		})
	}
}

// NoFailover keeps a read pool's reads on it: a read it cannot serve
// returns its error instead of going to the primary.
func TestNoFailover(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			u := rxtest.FreshURL(t, d)
			db, err := rx.Open(ctx, rx.Config{DBURL: u, ReplicaURLs: []string{deadReplica[d]}, NoReplicaFailover: true, IgnoreEnv: true})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.CreateAll(ctx, &User{}); err != nil {
				t.Fatal(err)
			}
			rec := &recorder{}
			db.AddQueryHook(rec)
			for range 2 {
				if _, err := rx.Select[User](db).All(ctx); err == nil {
					t.Fatal("read with a dead replica and NoReplicaFailover: nil error, want the replica's")
				}
				if got := rec.servers(); len(got) != 1 || !strings.HasPrefix(got[0], "replica 1") {
					t.Fatalf("read ran on %v, want only replica 1", got)
				}
			}
			if d == "sqlite" {
				return // a SQLite pool is never unreachable: nothing fails over
			}
			writer, _ := rxtest.OpenSQLAt(t, d, u)
			dead, _ := rxtest.OpenSQLAt(t, d, deadReplica[d])
			for _, stay := range []bool{false, true} {
				var opts []rx.ReadPoolOption
				if stay {
					opts = append(opts, rx.NoFailover())
				}
				w, err := rx.WrapSQL(writer, rx.WithReadPool(dead, opts...))
				if err != nil {
					t.Fatal(err)
				}
				_, err = rx.Select[User](w).All(ctx)
				if stay && err == nil {
					t.Error("read on an unreachable read pool with NoFailover: nil error, want the pool's")
				} else if !stay && err != nil {
					t.Errorf("read on an unreachable read pool: %v, want the writer to serve it", err)
				}
			}
		})
	}
}
