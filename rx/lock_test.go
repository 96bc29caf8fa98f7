package rx_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// Job is a row of a work queue that workers claim.
type Job struct {
	rx.Model
	ClaimedBy int64 `rx:"index"`
	Claims    int64
}

// Wallet carries an optimistic-locking version.
type Wallet struct {
	rx.Model
	Balance int64
	Version int64 `rx:"version"`
}

func TestRowLockClauses(t *testing.T) {
	want := map[string][]string{ // ForUpdate, ForShare+SkipLocked, ForUpdate+NoWait
		"sqlite":   {"", "", ""},
		"mysql":    {" FOR UPDATE", " LOCK IN SHARE MODE SKIP LOCKED", " FOR UPDATE NOWAIT"},
		"postgres": {" FOR UPDATE", " FOR SHARE SKIP LOCKED", " FOR UPDATE NOWAIT"},
	}
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		w := want[db.Dialect().Name()]
		for i, q := range []*rx.SelectQuery[Job]{
			rx.Select[Job](db).Where(rx.Eq{"claimed_by": 0}).Limit(1).ForUpdate(),
			rx.Select[Job](db).Where(rx.Eq{"claimed_by": 0}).Limit(1).ForShare().SkipLocked(),
			rx.Select[Job](db).Where(rx.Eq{"claimed_by": 0}).Limit(1).ForUpdate().NoWait(),
		} {
			query, _, err := q.ToSQL()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(query, "LIMIT 1"+w[i]) {
				t.Errorf("query %d = %s, want it to end in %q", i, query, "LIMIT 1"+w[i])
			}
			b, err := q.Builder()
			if err != nil {
				t.Fatal(err)
			}
			if bq, _, _ := b.ToSql(); bq != query {
				t.Errorf("Builder renders %s, ToSQL %s", bq, query)
			}
		}
	})
}

func TestRowLockMisuseIsRefusedBeforeSending(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Job{}); err != nil {
			t.Fatal(err)
		}
		if _, err := rx.Select[Job](db).ForUpdate().All(ctx); err == nil || !strings.Contains(err.Error(), "Session") {
			t.Errorf("ForUpdate on *rx.DB: %v, want an error naming the session", err)
		}
		if _, err := rx.Select[Job](db).SkipLocked().All(ctx); err == nil || !strings.Contains(err.Error(), "ForUpdate") {
			t.Errorf("SkipLocked alone: %v, want an error naming ForUpdate", err)
		}
		if _, _, err := rx.Select[Job](db).ForUpdate().SkipLocked().NoWait().ToSQL(); err == nil {
			t.Error("SkipLocked with NoWait: no error")
		}
		err := db.WithSession(ctx, func(s *rx.Session) error {
			if _, err := rx.Select[Job](s).ForUpdate().Count(ctx); err == nil {
				t.Error("Count with ForUpdate: no error")
			}
			_, err := rx.Select[Job](s).ForUpdate().All(ctx)
			return err
		})
		if err != nil {
			t.Errorf("ForUpdate in a session: %v", err)
		}
		err = db.WithSession(ctx, func(s *rx.Session) error {
			_, err := rx.Select[Job](s).ForShare().All(ctx)
			return err
		}, rx.ReadOnly())
		if err == nil || !strings.Contains(err.Error(), "ReadOnly") {
			t.Errorf("ForShare in a ReadOnly session: %v, want an error naming ReadOnly", err)
		}
	})
}

// TestForUpdateNoWaitAndSkipLocked holds a row lock in one session and
// looks at the row from another.
func TestForUpdateNoWaitAndSkipLocked(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		if db.Dialect().Name() == "sqlite" {
			t.Skip("SQLite has no row locks: a second writer waits at BEGIN (TestJobQueueSkipLocked covers it)")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := db.CreateAll(ctx, &Job{}); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, &Job{}, &Job{}); err != nil {
			t.Fatal(err)
		}
		locked, release := make(chan struct{}), make(chan struct{})
		holder := make(chan error, 1)
		go func() {
			holder <- db.WithSession(ctx, func(s *rx.Session) error {
				if _, err := rx.Select[Job](s).Where(rx.Eq{"id": 1}).ForUpdate().One(ctx); err != nil {
					return err
				}
				close(locked)
				<-release
				return nil
			})
		}()
		select {
		case <-locked:
		case err := <-holder:
			t.Fatalf("holder: %v", err)
		}
		err := db.WithSession(ctx, func(s *rx.Session) error {
			free, err := rx.Select[Job](s).OrderBy("id").ForUpdate().SkipLocked().All(ctx)
			if err != nil {
				return err
			}
			if len(free) != 1 || free[0].ID != 2 {
				t.Errorf("SkipLocked read %+v, want only job 2", free)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		err = db.WithSession(ctx, func(s *rx.Session) error {
			_, err := rx.Select[Job](s).Where(rx.Eq{"id": 1}).ForUpdate().NoWait().All(ctx)
			return err
		})
		if err == nil {
			t.Error("NoWait on a locked row: no error")
		}
		close(release)
		if err := <-holder; err != nil {
			t.Fatal(err)
		}
	})
}

// TestJobQueueSkipLocked: workers claim rows with
// ForUpdate().SkipLocked(); every row is claimed exactly once.
func TestJobQueueSkipLocked(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		if err := db.CreateAll(ctx, &Job{}); err != nil {
			t.Fatal(err)
		}
		const jobs, workers = 120, 6
		if err := db.WithSession(ctx, func(s *rx.Session) error {
			for range jobs {
				s.Add(&Job{})
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		claimed := map[int64]int64{} // job -> worker
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for w := int64(1); w <= workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					var got int64
					err := db.WithSession(ctx, func(s *rx.Session) error {
						got = 0
						job, err := rx.Select[Job](s).Where(rx.Eq{"claimed_by": 0}).OrderBy("id").
							Limit(1).ForUpdate().SkipLocked().First(ctx)
						if err != nil {
							return err
						}
						_, err = rx.Update[Job](s).Set("claimed_by", w).Set("claims", rx.Expr("claims + 1")).
							Where(rx.Eq{"id": job.ID}).Exec(ctx)
						got = job.ID
						return err
					}, rx.Retry(20))
					if errors.Is(err, rx.ErrNotFound) {
						return
					}
					if err != nil {
						errs <- fmt.Errorf("worker %d: %w", w, err)
						return
					}
					mu.Lock()
					if prev, dup := claimed[got]; dup {
						errs <- fmt.Errorf("job %d claimed by worker %d and by worker %d", got, prev, w)
					}
					claimed[got] = w
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if len(claimed) != jobs {
			t.Errorf("%d jobs claimed, want %d", len(claimed), jobs)
		}
		rows, err := rx.Select[Job](db).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, j := range rows {
			if j.Claims != 1 || j.ClaimedBy != claimed[j.ID] {
				t.Errorf("job %d: claims %d, claimed by %d; want 1 claim by worker %d", j.ID, j.Claims, j.ClaimedBy, claimed[j.ID])
			}
		}
	})
}

func TestVersionRefusesStaleWrites(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Wallet{}); err != nil {
			t.Fatal(err)
		}
		a := &Wallet{Balance: 10}
		if err := db.Insert(ctx, a); err != nil {
			t.Fatal(err)
		}
		mine, _ := rx.Get[Wallet](ctx, db, a.ID)
		theirs, _ := rx.Get[Wallet](ctx, db, a.ID)
		theirs.Balance = 20
		if err := db.Update(ctx, theirs); err != nil {
			t.Fatal(err)
		}
		if theirs.Version != 1 {
			t.Errorf("version after update = %d, want 1", theirs.Version)
		}
		mine.Balance = 30
		err := db.Update(ctx, mine)
		if !errors.Is(err, rx.ErrStale) || !errors.Is(err, rx.ErrRetryable) || errors.Is(err, rx.ErrNotFound) {
			t.Fatalf("stale update: %v, want ErrStale (retryable, not ErrNotFound)", err)
		}
		if err := db.Delete(ctx, mine); !errors.Is(err, rx.ErrStale) {
			t.Fatalf("stale delete: %v, want ErrStale", err)
		}
		if got, _ := rx.Get[Wallet](ctx, db, a.ID); got.Balance != 20 || got.Version != 1 {
			t.Fatalf("row = %+v, want their balance 20 at version 1", got)
		}
		// A bulk update moves the version on, so a model read before it is stale.
		if _, err := rx.Update[Wallet](db).Set("balance", rx.Expr("balance + 1")).All().Exec(ctx); err != nil {
			t.Fatal(err)
		}
		theirs.Balance = 40
		if err := db.Update(ctx, theirs); !errors.Is(err, rx.ErrStale) {
			t.Fatalf("update after a bulk update: %v, want ErrStale", err)
		}
		if err := db.Update(ctx, theirs, "version"); err == nil {
			t.Error("Update naming the version column: no error")
		}
		fresh, _ := rx.Get[Wallet](ctx, db, a.ID)
		if err := db.Delete(ctx, fresh); err != nil {
			t.Fatal(err)
		}
		if err := db.Update(ctx, fresh); !errors.Is(err, rx.ErrNotFound) || errors.Is(err, rx.ErrStale) {
			t.Fatalf("update of a deleted row: %v, want ErrNotFound", err)
		}
	})
}

// TestVersionKeepsConcurrentTransfers is the lost-update scenario:
// concurrent sessions read two wallets, move money between them and write
// them back. With a version every balance ends right.
func TestVersionKeepsConcurrentTransfers(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		if lost := transfers(t, []*rx.DB{db}); lost != 0 {
			t.Fatalf("%d balances wrong with a version column", lost)
		}
	})
}

// TestVersionRetriesInterleavedSessions: a session that read a row, then
// saw another session change it, gets ErrStale on writing, and Retry runs
// it again on the new row, so neither change is lost.
func TestVersionRetriesInterleavedSessions(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		if db.Dialect().Name() == "sqlite" {
			t.Skip("SQLite serializes writing sessions: the other session cannot write in between")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := db.CreateAll(ctx, &Wallet{}); err != nil {
			t.Fatal(err)
		}
		w := &Wallet{Balance: 100}
		if err := db.Insert(ctx, w); err != nil {
			t.Fatal(err)
		}
		runs := 0
		err := db.WithSession(ctx, func(s *rx.Session) error {
			runs++
			mine, err := rx.Get[Wallet](ctx, s, w.ID)
			if err != nil {
				return err
			}
			if runs == 1 { // another session pays in 50 meanwhile
				if err := elsewhere(func() error {
					return db.WithSession(ctx, func(o *rx.Session) error {
						theirs, err := rx.Get[Wallet](ctx, o, w.ID)
						if err != nil {
							return err
						}
						theirs.Balance += 50
						return o.Update(ctx, theirs)
					})
				}); err != nil {
					t.Fatal(err)
				}
			}
			mine.Balance -= 30
			err = s.Update(ctx, mine)
			if runs == 1 && !errors.Is(err, rx.ErrStale) {
				t.Errorf("first run's update: %v, want ErrStale", err)
			}
			return err
		}, rx.Retry(1))
		if err != nil {
			t.Fatal(err)
		}
		got, err := rx.Get[Wallet](ctx, db, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if runs != 2 || got.Balance != 120 || got.Version != 2 {
			t.Fatalf("after %d runs the wallet is %+v, want balance 100+50-30 = 120 at version 2 after 2 runs", runs, got)
		}
	})
}

// transfers runs concurrent read-modify-write transfers between wallets
// through the given pools (one server, or the nodes of a cluster) and
// returns how many balances differ from the sum of the committed
// transfers.
func transfers(t *testing.T, dbs []*rx.DB) (wrong int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const wallets, workers, each, start = 20, 8, 25, 1000
	if err := dbs[0].CreateAll(ctx, new(Wallet)); err != nil {
		t.Fatal(err)
	}
	if err := dbs[0].WithSession(ctx, func(s *rx.Session) error {
		for range wallets {
			s.Add(&Wallet{Balance: start})
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// Keys are not 1..n on a cluster, whose nodes step auto-increment
	// keys by their number (auto_increment_increment).
	seeded, err := rx.Select[Wallet](dbs[0]).All(ctx)
	if err != nil || len(seeded) != wallets {
		t.Fatalf("seeded %d wallets, %v", len(seeded), err)
	}
	// A Galera node applies another node's commit shortly after it is
	// certified: wait until every node sees the seeded rows (README: add
	// wsrep_sync_wait=1 to read your writes across nodes).
	for _, db := range dbs {
		for n := int64(0); n != wallets; {
			if n, err = rx.Select[Wallet](db).Count(ctx); err != nil {
				t.Fatal(err)
			}
			if n != wallets {
				time.Sleep(10 * time.Millisecond)
			}
		}
	}
	ids := make([]int64, len(seeded))
	var mu sync.Mutex
	want := map[int64]int64{}
	for i, w := range seeded {
		ids[i], want[w.ID] = w.ID, start
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db := dbs[w%len(dbs)]
			for range each {
				from, to := ids[rand.IntN(wallets)], ids[rand.IntN(wallets)]
				if from == to {
					continue
				}
				amount := rand.Int64N(50) + 1
				err := db.WithSession(ctx, func(s *rx.Session) error {
					a, err := rx.Get[Wallet](ctx, s, from)
					if err != nil {
						return err
					}
					b, err := rx.Get[Wallet](ctx, s, to)
					if err != nil {
						return err
					}
					a.Balance -= amount
					b.Balance += amount
					if err := s.Update(ctx, a); err != nil {
						return err
					}
					return s.Update(ctx, b)
				}, rx.Retry(100))
				if err != nil {
					t.Errorf("transfer %d -> %d: %v", from, to, err)
					return
				}
				mu.Lock()
				want[from] -= amount
				want[to] += amount
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	got, err := rx.Select[Wallet](dbs[0]).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range got {
		if a.Balance != want[a.ID] {
			wrong++
		}
	}
	return wrong
}
