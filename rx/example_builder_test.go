package rx_test

import (
	"context"
	"fmt"

	"github.com/rxgo/rxdb/rx"
)

// A builder is consumed by each method: start several queries from one
// base with Clone.
func ExampleSelectQuery_Clone() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()
	recent := rx.Select[Book](db).Where(rx.Gt{"year": 2016})
	n, _ := recent.Clone().Count(ctx)
	first, _ := recent.Clone().OrderBy("year").First(ctx)
	fmt.Println(n, first.Title)
	// Output: 3 Concurrency in Go
}
