package rx_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// replicaName is how hooks name Config.ReplicaURLs[i].
func replicaName(t *testing.T, i int, raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return "replica " + string(rune('1'+i)) + " (" + u.Host + u.Path + ")"
}

// syncBuffer is a log destination safe for the pool's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestReplicaURLs routes reads to a replica (here a second pool on the
// same database) and everything else to the primary.
func TestReplicaURLs(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			u := rxtest.FreshURL(t, d)
			db, err := rx.Open(ctx, rx.Config{DBURL: u, ReplicaURLs: []string{u}, IgnoreEnv: true})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			rec := &recorder{}
			db.AddQueryHook(rec)
			reads, writes := readsAndWrites(t, ctx, db)
			checkRoutes(t, rec, reads, replicaName(t, 0, u))
			checkRoutes(t, rec, writes, "primary")
		})
	}
}

// TestReplicaDownAtOpen: a replica that does not answer is logged (without
// its password) and left out; reads go to the primary.
func TestReplicaDownAtOpen(t *testing.T) {
	dead := map[string]string{
		"sqlite":   "sqlite:////nonexistent-rx-dir/replica.db",
		"mysql":    "mysql://root:sekret@127.0.0.1:1/rx",
		"postgres": "postgresql://postgres:sekret@127.0.0.1:1/rx",
	}
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			u := rxtest.FreshURL(t, d)
			var logs syncBuffer
			db, err := rx.Open(ctx, rx.Config{DBURL: u, ReplicaURLs: []string{dead[d]}, IgnoreEnv: true,
				Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			if err != nil {
				t.Fatalf("Open with a dead replica: %v; want the primary to serve", err)
			}
			defer db.Close()
			if !strings.Contains(logs.String(), "replica 1") || strings.Contains(logs.String(), "sekret") {
				t.Errorf("log = %q; want a warning naming replica 1, without its password", logs.String())
			}
			rec := &recorder{}
			db.AddQueryHook(rec)
			reads, _ := readsAndWrites(t, ctx, db)
			checkRoutes(t, rec, reads, "primary")
		})
	}
}

func TestReplicaOfAnotherDatabaseIsRefused(t *testing.T) {
	_, err := rx.Open(context.Background(), rx.Config{DBURL: "sqlite:///:memory:", IgnoreEnv: true,
		ReplicaURLs: []string{"postgresql://postgres:sekret@127.0.0.1:1/rx"}})
	if err == nil || !strings.Contains(err.Error(), "ReplicaURLs[0]") || strings.Contains(err.Error(), "sekret") {
		t.Fatalf("Open = %v; want an error naming ReplicaURLs[0], without the password", err)
	}
}

// TestReplicaDiesWhileServing puts a TCP proxy between rx and a replica
// and stops it: the next read fails over to the primary.
func TestReplicaDiesWhileServing(t *testing.T) {
	for _, d := range []string{"mysql", "postgres"} {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			u := rxtest.FreshURL(t, d)
			pu, err := url.Parse(u)
			if err != nil {
				t.Fatal(err)
			}
			proxy := startProxy(t, pu.Host)
			pu.Host = proxy.addr
			var logs syncBuffer
			db, err := rx.Open(ctx, rx.Config{DBURL: u, ReplicaURLs: []string{pu.String()}, IgnoreEnv: true,
				Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			rec := &recorder{}
			db.AddQueryHook(rec)
			reads, _ := readsAndWrites(t, ctx, db)
			checkRoutes(t, rec, reads, replicaName(t, 0, pu.String()))
			// A ReadOnly session on the replica when it dies fails: its
			// reads belong to its transaction and are not sent elsewhere.
			var readErr error
			err = db.WithSession(ctx, func(s *rx.Session) error {
				if _, err := rx.Select[User](s).All(ctx); err != nil {
					return err
				}
				proxy.stop()
				_, readErr = rx.Select[User](s).All(ctx)
				return readErr
			}, rx.ReadOnly())
			if readErr == nil || err == nil {
				t.Errorf("a ReadOnly session whose replica died mid-way: read %v, session %v; want the read to fail, not to leave the transaction", readErr, err)
			}
			for name, read := range reads {
				if err := read(); err != nil {
					t.Errorf("%s after the replica died: %v; want the primary to serve it", name, err)
				}
			}
			checkRoutes(t, rec, reads, "primary")
			if !strings.Contains(logs.String(), "replica does not answer") {
				t.Errorf("log = %q; want a warning that the replica does not answer", logs.String())
			}
		})
	}
}

type proxy struct {
	addr  string
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

// startProxy forwards a loopback port to target until stop.
func startProxy(t *testing.T, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{addr: ln.Addr().String(), ln: ln}
	t.Cleanup(p.stop)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, s)
			p.mu.Unlock()
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
	return p
}

// stop closes the listener and every forwarded connection, as a server
// that dies does.
func (p *proxy) stop() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}
