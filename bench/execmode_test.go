package bench

import (
	"context"
	"net/url"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// BenchmarkExecMode is the cost of rx's pooler-safe default on PostgreSQL,
// pgx's cache_describe mode (no named prepared statements: the server
// parses and plans every execution), next to pgx's own default,
// cache_statement (named statements, planned once per connection), on
// rx.Get by key and a 10-row page, through a proxy that counts round trips
// per operation (roundtrips/op).
func BenchmarkExecMode(b *testing.B) {
	ctx := context.Background()
	e := getEnv(b, "postgres")
	proxy, proxied := rxtest.CountTurns(b, e.url)
	u, err := url.Parse(proxied)
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []string{"cache_statement", "cache_describe"} {
		v := *u
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
				start := proxy.N()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if err := op.run(ctx, db, int64(i%seedRows)+1); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				b.ReportMetric(float64(proxy.N()-start)/float64(b.N), "roundtrips/op")
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
