package rx_test

import (
	"context"
	"errors"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// Ticker is a model whose only column is its generated key.
type Ticker struct {
	ID int64 `rx:"pk,autoincrement"`
}

// TestOnlyGeneratedKey: such a model reads and takes rows with a key set,
// and a row without one is a clear error before any SQL, not a panic.
func TestOnlyGeneratedKey(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Ticker{}); err != nil {
			t.Fatal(err)
		}
		var me *rx.ModelError
		if err := db.Insert(ctx, &Ticker{}); !errors.As(err, &me) {
			t.Fatalf("insert without a key: %v, want a *rx.ModelError", err)
		}
		if _, _, err := rx.Insert(db, &Ticker{}).ToSQL(); !errors.As(err, &me) {
			t.Errorf("ToSQL without a key: %v, want a *rx.ModelError", err)
		}
		if err := db.Insert(ctx, &Ticker{ID: 7}); err != nil {
			t.Fatalf("insert with a key: %v", err)
		}
		if got, err := rx.Get[Ticker](ctx, db, 7); err != nil || got.ID != 7 {
			t.Fatalf("Get = %+v, %v", got, err)
		}
	})
}
