package rx_test

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"net/url"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// loadAccount is a bank account for the transfer load test.
type loadAccount struct {
	rx.Model
	Balance int64
}

// Load test size: RX_LOAD_WORKERS and RX_LOAD_TRANSFERS override it.
var (
	loadWorkers   = envInt("RX_LOAD_WORKERS", 64)
	loadTransfers = envInt("RX_LOAD_TRANSFERS", defaultTransfers()) // per worker
)

func defaultTransfers() int {
	if raceEnabled {
		return 50
	}
	return 200
}

const (
	loadAccounts = 100
	loadInitial  = 1_000_000
	// loadConns bounds each pool: the servers are shared (PostgreSQL
	// allows 100 clients by default) and 64 goroutines on 16
	// connections still collide all the time.
	loadConns = 16
)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// transfer moves amount between two accounts: read both balances, write
// both. SERIALIZABLE makes every database detect the conflicts a
// read-modify-write invites: PostgreSQL aborts with a serialization
// failure, MariaDB's shared read locks end in deadlocks, and SQLite's
// single writer serializes transfers outright.
func transfer(ctx context.Context, s *rx.Session, from, to, amount int64) error {
	a, err := rx.Get[loadAccount](ctx, s, from)
	if err != nil {
		return err
	}
	b, err := rx.Get[loadAccount](ctx, s, to)
	if err != nil {
		return err
	}
	a.Balance -= amount
	b.Balance += amount
	if err := s.Update(ctx, a, "balance"); err != nil {
		return err
	}
	return s.Update(ctx, b, "balance")
}

// loadResult is what the workers saw: the net change of each account by
// the transfers that reported success, and the failures by kind.
type loadResult struct {
	mu        sync.Mutex
	net       [loadAccounts + 1]int64
	ok        int
	retryable int
	other     []error
}

func runTransfers(t *testing.T, db *rx.DB, ids []int64, transfers int, opts ...rx.SessionOption) *loadResult {
	ctx := context.Background()
	res := &loadResult{}
	var wg sync.WaitGroup
	for w := range loadWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			var net [loadAccounts + 1]int64
			ok, retryable := 0, 0
			var other []error
			for range transfers {
				i, j := rng.IntN(loadAccounts), rng.IntN(loadAccounts-1)
				if j >= i {
					j++
				}
				from, to, amount := ids[i], ids[j], int64(1+rng.IntN(100))
				err := db.WithSession(ctx, func(s *rx.Session) error {
					return transfer(ctx, s, from, to, amount)
				}, opts...)
				switch {
				case err == nil:
					ok++
					net[i] -= amount
					net[j] += amount
				case errors.Is(err, rx.ErrRetryable):
					retryable++
				default:
					other = append(other, err)
				}
			}
			res.mu.Lock()
			defer res.mu.Unlock()
			for k := range net {
				res.net[k] += net[k]
			}
			res.ok += ok
			res.retryable += retryable
			res.other = append(res.other, other...)
		}()
	}
	wg.Wait()
	return res
}

// checkBalances compares every balance with the start plus exactly the
// transfers that reported success: a lost update or a transfer applied
// without being reported would both show.
func checkBalances(t *testing.T, db *rx.DB, ids []int64, res *loadResult) {
	t.Helper()
	ctx := context.Background()
	accounts, err := rx.Select[loadAccount](db).OrderBy("id").All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for i, a := range accounts {
		total += a.Balance
		if a.ID != ids[i] {
			t.Fatalf("account %d has id %d, want %d", i, a.ID, ids[i])
		}
		if want := loadInitial + res.net[i]; a.Balance != want {
			t.Errorf("account %d: balance %d, want %d from the transfers that reported success", a.ID, a.Balance, want)
		}
	}
	if want := int64(loadInitial * loadAccounts); total != want {
		t.Errorf("total balance %d, want %d", total, want)
	}
}

func TestTransfersUnderLoad(t *testing.T) {
	for _, dialect := range rxtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, err := rx.Open(ctx, rx.Config{DBURL: loadURL(t, dialect), IgnoreEnv: true, MaxOpenConns: loadConns})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.CreateAll(ctx, &loadAccount{}); err != nil {
				t.Fatal(err)
			}
			for _, mode := range []string{"with Retry", "without Retry"} {
				if _, err := rx.Delete[loadAccount](db).All().Exec(ctx); err != nil {
					t.Fatal(err)
				}
				accounts := make([]*loadAccount, loadAccounts)
				ids := make([]int64, loadAccounts)
				for i := range accounts {
					accounts[i] = &loadAccount{Balance: loadInitial}
				}
				if err := db.Insert(ctx, anySlice(accounts)...); err != nil {
					t.Fatal(err)
				}
				for i, a := range accounts {
					ids[i] = a.ID
				}
				// Without Retry a quarter of the transfers is enough to see
				// conflicts fail loudly; with it, the full load must pass.
				opts := []rx.SessionOption{rx.Isolation(sql.LevelSerializable)}
				transfers := max(loadTransfers/4, 1)
				if mode == "with Retry" {
					opts = append(opts, rx.Retry(100))
					transfers = loadTransfers
				}
				start := time.Now()
				res := runTransfers(t, db, ids, transfers, opts...)
				t.Logf("%s: %d transfers committed, %d failed as retryable, %d failed otherwise, in %s",
					mode, res.ok, res.retryable, len(res.other), time.Since(start).Round(time.Millisecond))
				for i, err := range res.other {
					if i == 5 {
						t.Errorf("... and %d more", len(res.other)-5)
						break
					}
					t.Errorf("transfer failed with an error not marked rx.ErrRetryable: %v", err)
				}
				if mode == "with Retry" && res.ok != loadWorkers*transfers {
					t.Errorf("with Retry: %d of %d transfers committed", res.ok, loadWorkers*transfers)
				}
				checkBalances(t, db, ids, res)
				if st := db.SQL().Stats(); st.InUse != 0 || st.OpenConnections > loadConns {
					t.Errorf("after the load: %d connections in use, %d open (limit %d)", st.InUse, st.OpenConnections, loadConns)
				}
			}
		})
	}
}

// loadURL is a fresh database for the load test. The test is about
// concurrency, not durability: PostgreSQL is told not to wait for the
// disk at each COMMIT (synchronous_commit=off, a per-connection setting),
// which leaves the shared server's configuration alone.
func loadURL(t *testing.T, dialect string) string {
	raw := rxtest.FreshURL(t, dialect)
	if dialect != "postgres" {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String()
}

func anySlice[T any](s []*T) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
