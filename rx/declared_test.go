package rx_test

import (
	"context"
	"errors"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// declItem declares a composite unique key whose column order differs
// from the fields', a composite FULLTEXT index and a CHECK; Code has no
// size, so MySQL must give it a VARCHAR to index it.
type declItem struct {
	rx.Model
	Code   string `rx:"unique=ux_decl_item_region_code:2"`
	Region string `rx:"size=8,unique=ux_decl_item_region_code:1,fulltext=ft_decl_item_text"`
	Body   string `rx:"fulltext=ft_decl_item_text"`
	Qty    int64  `rx:"check=qty >= 0"`
}

// TestCreateAllDeclared: CreateAll creates the declared composite unique
// key and CHECK on every database (the FULLTEXT index on MySQL; the
// others leave it out and still create the table), and the database
// enforces them.
func TestCreateAllDeclared(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &declItem{}); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, &declItem{Code: "a", Region: "eu", Body: "hello world", Qty: 1}); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, &declItem{Code: "a", Region: "eu", Qty: 2}); !errors.Is(err, rx.ErrUniqueViolation) {
			t.Fatalf("duplicate (region, code): %v, want ErrUniqueViolation", err)
		}
		if err := db.Insert(ctx, &declItem{Code: "b", Region: "eu", Qty: -1}); err == nil {
			t.Fatal("the CHECK let qty -1 in")
		}
		if db.Dialect().Name() != "mysql" {
			return
		}
		var n int
		if err := db.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM decl_item WHERE MATCH (region, body) AGAINST ('hello' IN BOOLEAN MODE)").Scan(&n); err != nil || n != 1 {
			t.Fatalf("FULLTEXT search: %d rows, %v", n, err)
		}
	})
}
