package rx_test

import (
	"context"
	"fmt"
	"log"

	"github.com/rxgo/rxdb/rx"
)

// Keyset pagination: each page starts after the last row of the one
// before, whatever its number, and Cursor hands the position to a client.
func ExampleSelectQuery_After() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()
	newest := func() *rx.SelectQuery[Book] {
		return rx.Select[Book](db).OrderBy("-year", "id").Limit(2)
	}
	page1, err := newest().All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	page2, err := newest().After(&page1[len(page1)-1]).All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(page1[0].Title, "|", page1[1].Title)
	fmt.Println(page2[0].Title, "|", page2[1].Title)

	// The same, for a web API: the cursor is an opaque, URL-safe string.
	next, err := newest().Cursor(&page1[len(page1)-1])
	if err != nil {
		log.Fatal(err)
	}
	again, err := newest().AfterCursor(next).All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(again[0].Title == page2[0].Title)
	// Output:
	// 100 Go Mistakes | Learning Go
	// Concurrency in Go | The Go Programming Language
	// true
}
