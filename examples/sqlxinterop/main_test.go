package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/rxgo/rxdb/internal/rxtest"
)

const want = `created with rx, read with sqlx: 1 Ann free
signup in one transaction: customer 2, 1 purchase of 4200 cents
upgrade failed (payment declined): both styles rolled back
gold: 1 (ann@example.com), free: 2 (bob@example.com, referral+ann@example.com)
`

func TestExample(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			sqlDB, driverName := rxtest.OpenSQL(t, d)
			x := sqlx.NewDb(sqlDB, driverName)
			var out bytes.Buffer
			if err := run(context.Background(), x, &out); err != nil {
				t.Fatal(err)
			}
			if out.String() != want {
				t.Fatalf("output:\n%s\nwant:\n%s", out.String(), want)
			}
			if err := x.Ping(); err != nil {
				t.Fatalf("the example closed the application's pool: %v", err)
			}
		})
	}
}

// The command itself, as go run ./examples/sqlxinterop runs it.
func TestMainRuns(t *testing.T) { main() }
