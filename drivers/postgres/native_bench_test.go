package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// Ledger has the field kinds of a typical model: pgx decodes the
// integers, the text and the bool; the time (rx's Scanner) and the
// NUMERIC text go through database/sql's conversion.
type Ledger struct {
	ID     int64
	Name   string
	Qty    int
	Paid   bool
	At     time.Time
	Amount string `rx:"type=NUMERIC(12,2)"`
}

// BenchmarkNativeRead reads 100 Ledger rows with All on the native path.
func BenchmarkNativeRead(b *testing.B) {
	ctx := context.Background()
	db := rxtest.Open(b, "postgres")
	if err := db.CreateAll(ctx, &Ledger{}); err != nil {
		b.Fatal(err)
	}
	rows := make([]any, 100)
	for i := range rows {
		rows[i] = &Ledger{Name: "entry", Qty: i, Paid: i%2 == 0, At: time.Now(), Amount: "12.50"}
	}
	if err := db.Insert(ctx, rows...); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		got, err := rx.Select[Ledger](db).Limit(100).All(ctx)
		if err != nil || len(got) != 100 || got[99].Amount != "12.50" {
			b.Fatalf("All = %d rows, %v", len(got), err)
		}
	}
}
