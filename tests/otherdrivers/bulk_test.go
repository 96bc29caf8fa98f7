package otherdrivers

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/rxgo/rxdb/dialect/pgdialect"
	"github.com/rxgo/rxdb/rx"
)

// ops records the Operation of every statement.
type ops struct {
	mu   sync.Mutex
	seen map[string]int
}

func (o *ops) BeforeQuery(ctx context.Context, _ *rx.QueryEvent) context.Context { return ctx }

func (o *ops) AfterQuery(_ context.Context, ev *rx.QueryEvent) {
	o.mu.Lock()
	o.seen[ev.Operation]++
	o.mu.Unlock()
}

// TestBulkAddLibPQInserts: on a lib/pq pool rx cannot reach pgx's COPY,
// so a flush of many rows is multi-row INSERTs that still set every key.
func TestBulkAddLibPQInserts(t *testing.T) {
	ctx := context.Background()
	db := wrap(t, pqPool(t), pgdialect.Dialect{})
	rec := &ops{seen: map[string]int{}}
	db.AddQueryHook(rec)
	rows := make([]account, 600)
	err := db.WithSession(ctx, func(s *rx.Session) error {
		for i := range rows {
			rows[i].Email = fmt.Sprintf("u%d@x", i)
			if err := s.Add(&rows[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rec.seen["COPY"] != 0 || rec.seen["INSERT"] == 0 {
		t.Fatalf("statements by operation: %v, want INSERTs and no COPY", rec.seen)
	}
	keys := map[int64]bool{}
	for _, r := range rows {
		if r.ID == 0 || keys[r.ID] {
			t.Fatalf("key %d of %s is zero or repeated", r.ID, r.Email)
		}
		keys[r.ID] = true
	}
}
