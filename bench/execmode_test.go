package bench

import (
	"context"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rxgo/rxdb/rx"
)

// turnCounter is a TCP proxy that counts round trips: the client speaking
// after the server answered is one.
type turnCounter struct {
	ln    net.Listener
	turns atomic.Int64
}

func startTurnCounter(b testing.TB, target string) *turnCounter {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	p := &turnCounter{ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c, target)
		}
	}()
	b.Cleanup(func() { ln.Close() })
	return p
}

func (p *turnCounter) serve(client net.Conn, target string) {
	server, err := net.Dial("tcp", target)
	if err != nil {
		client.Close()
		return
	}
	var mu sync.Mutex
	serverSpoke := false
	pipe := func(dst, src net.Conn, fromClient bool) {
		buf := make([]byte, 64<<10)
		for {
			n, err := src.Read(buf)
			if n > 0 {
				mu.Lock()
				if fromClient && serverSpoke {
					p.turns.Add(1)
				}
				serverSpoke = !fromClient
				mu.Unlock()
				if _, werr := dst.Write(buf[:n]); werr != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
		dst.Close()
		src.Close()
	}
	go pipe(server, client, true)
	pipe(client, server, false)
}

// BenchmarkExecMode is the cost of rx's pooler-safe default on PostgreSQL,
// pgx's cache_describe mode (no named prepared statements: the server
// parses and plans every execution), next to pgx's own default,
// cache_statement (named statements, planned once per connection), on
// rx.Get by key and a 10-row page, through a proxy that counts round trips
// per operation (roundtrips/op).
func BenchmarkExecMode(b *testing.B) {
	ctx := context.Background()
	e := getEnv(b, "postgres")
	u, err := url.Parse(e.url)
	if err != nil {
		b.Fatal(err)
	}
	proxy := startTurnCounter(b, u.Host)
	for _, mode := range []string{"cache_statement", "cache_describe"} {
		v := *u
		v.Host = proxy.ln.Addr().String()
		q := v.Query()
		q.Set("default_query_exec_mode", mode)
		v.RawQuery = q.Encode()
		db, err := rx.Open(ctx, rx.Config{DBURL: v.String(), IgnoreEnv: true, MaxOpenConns: 1})
		if err != nil {
			b.Fatal(err)
		}
		for _, op := range execModeOps {
			b.Run("op="+op.name+"/mode="+mode, func(b *testing.B) {
				if err := op.run(ctx, db, 1); err != nil { // warm: one description per connection
					b.Fatal(err)
				}
				start := proxy.turns.Load()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if err := op.run(ctx, db, int64(i%seedRows)+1); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				b.ReportMetric(float64(proxy.turns.Load()-start)/float64(b.N), "roundtrips/op")
			})
		}
		db.Close()
	}
}

var execModeOps = []struct {
	name string
	run  func(ctx context.Context, db *rx.DB, id int64) error
}{
	{"get", func(ctx context.Context, db *rx.DB, id int64) error {
		_, err := rx.Get[Model](ctx, db, id)
		return err
	}},
	{"page", func(ctx context.Context, db *rx.DB, id int64) error {
		_, err := rx.Select[Model](db).Where(rx.Gt{"id": id % 100}).OrderBy("id").Limit(10).All(ctx)
		return err
	}},
}
