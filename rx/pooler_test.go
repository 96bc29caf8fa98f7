package rx_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/jmoiron/sqlx"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// poolItem is the table of the pooler tests.
type poolItem struct {
	rx.Model
	Code  string `rx:"unique"`
	Count int64
	Note  string
}

// openPooled opens a fresh database through the test PgBouncer (transaction
// pooling, 10 server connections) with rx's defaults, and seeds n rows.
func openPooled(t *testing.T, n int) (*rx.DB, string) {
	t.Helper()
	u := rxtest.PgBouncerURL(t)
	db := rxtest.OpenURL(t, u)
	ctx := context.Background()
	if err := db.CreateAll(ctx, &poolItem{}); err != nil {
		t.Fatal(err)
	}
	err := db.WithSession(ctx, func(s *rx.Session) error {
		for i := range n {
			if err := s.Add(&poolItem{Code: fmt.Sprintf("c%05d", i)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return db, u
}

// TestPoolerMixedOperations runs 2,000 operations from 40 goroutines through
// PgBouncer in transaction mode with rx's defaults: autocommit reads (the
// native path), read-write and read-only sessions, raw queries, and a bulk
// load through COPY. Before rx stopped naming prepared statements, most
// of them failed with 42P05.
func TestPoolerMixedOperations(t *testing.T) {
	t.Parallel()
	db, _ := openPooled(t, 300)
	var failed atomic.Int64
	var first atomic.Value
	var wg sync.WaitGroup
	for g := range 40 {
		wg.Go(func() {
			for i := range 50 {
				if err := poolerOp(db, g, i); err != nil {
					if failed.Add(1) == 1 {
						first.Store(err)
					}
				}
			}
		})
	}
	wg.Wait()
	if n := failed.Load(); n > 0 {
		t.Fatalf("%d of 2000 operations failed through the pooler; first: %v", n, first.Load())
	}
	n, err := rx.Select[poolItem](db).Count(context.Background())
	if err != nil || n != 300+copyLoads*copyRows {
		t.Fatalf("rows after the load: %d, %v; want %d", n, err, 300+copyLoads*copyRows)
	}
}

// copyLoads sessions add copyRows rows each, which rx sends with COPY.
const copyLoads, copyRows = 4, 300

// poolerOp is operation i of goroutine g: one of six kinds in turn.
func poolerOp(db *rx.DB, g, i int) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	code := fmt.Sprintf("c%05d", (g*50+i)%300)
	switch i % 6 {
	case 0:
		_, err := rx.Select[poolItem](db).Where(rx.Eq{"code": code}).One(ctx)
		return err
	case 1:
		_, err := rx.Select[poolItem](db).Where(rx.Lt{"id": 50}).OrderBy("id").All(ctx)
		return err
	case 2:
		return db.WithSession(ctx, func(s *rx.Session) error {
			it, err := rx.Select[poolItem](s).Where(rx.Eq{"code": code}).ForUpdate().One(ctx)
			if err != nil {
				return err
			}
			it.Count++
			return s.Update(ctx, it)
		}, rx.Retry(5))
	case 3:
		return db.WithSession(ctx, func(s *rx.Session) error {
			_, err := rx.Select[poolItem](s).Where(rx.Eq{"code": code}).One(ctx)
			return err
		}, rx.ReadOnly())
	case 4:
		_, err := rx.Query[poolItem](ctx, db, "SELECT * FROM pool_item WHERE code = $1", code)
		return err
	}
	if g < copyLoads && i == 5 {
		return db.WithSession(ctx, func(s *rx.Session) error {
			for k := range copyRows {
				if err := s.Add(&poolItem{Code: fmt.Sprintf("g%02d-%04d", g, k)}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	_, err := rx.Get[poolItem](ctx, db, int64(1+(g*50+i)%300))
	return err
}

// TestPoolerReplicasAndWrap reads through the pooler on the paths that do
// not start from Open's pool: a replica URL (the same pooler, as a
// replica's own pooler would be) and a pool given to rx.Wrap that was
// opened with rx's driver configuration.
func TestPoolerReplicasAndWrap(t *testing.T) {
	t.Parallel()
	_, u := openPooled(t, 50)
	ctx := context.Background()
	db, err := rx.Open(ctx, rx.Config{DBURL: u, ReplicaURLs: []string{u}, IgnoreEnv: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg, err := pgx.ParseConfig(u)
	if err != nil {
		t.Fatal(err)
	}
	cfg.DefaultQueryExecMode = pgx.QueryExecModeCacheDescribe
	x := sqlx.NewDb(stdlib.OpenDB(*cfg), "pgx")
	defer x.Close()
	wrapped, err := rx.Wrap(x)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []*rx.DB{db, wrapped} {
		var wg sync.WaitGroup
		errs := make(chan error, 20*25)
		for g := range 20 {
			wg.Go(func() {
				for i := range 25 {
					if _, err := rx.Get[poolItem](ctx, q, int64(1+(g+i)%50)); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		if err := <-errs; err != nil {
			t.Fatalf("%v: %d reads failed; first: %v", q, len(errs)+1, err)
		}
	}
}

// TestPoolerStatementCacheNamesTheSetting gives rx.Wrap a pool opened with
// pgx's own defaults (its statement cache), beside a second such pool,
// through the pooler: when the server refuses a cached statement, rx's
// error is ErrStatementPooler and names the setting that fixes it.
func TestPoolerStatementCacheNamesTheSetting(t *testing.T) {
	t.Parallel()
	_, u := openPooled(t, 10)
	ctx := context.Background()
	var dbs []*rx.DB
	for range 2 {
		cfg, err := pgx.ParseConfig(u)
		if err != nil {
			t.Fatal(err)
		}
		x := sqlx.NewDb(stdlib.OpenDB(*cfg), "pgx")
		t.Cleanup(func() { x.Close() })
		db, err := rx.Wrap(x)
		if err != nil {
			t.Fatal(err)
		}
		dbs = append(dbs, db)
	}
	var seen atomic.Value
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for i := 0; i < 200 && seen.Load() == nil; i++ {
				_, err := rx.Query[poolItem](ctx, dbs[g%2], "SELECT * FROM pool_item WHERE id = $1", 1+i%10)
				if err != nil {
					seen.CompareAndSwap(nil, err)
				}
			}
		})
	}
	wg.Wait()
	err, _ := seen.Load().(error)
	if err == nil {
		t.Fatal("pgx's statement cache worked through a transaction pooler: the test does not reproduce the failure it guards")
	}
	if !errors.Is(err, rx.ErrStatementPooler) || !strings.Contains(err.Error(), "default_query_exec_mode=cache_describe") {
		t.Fatalf("error does not name the setting: %v", err)
	}
}
