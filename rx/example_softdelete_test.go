package rx_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/rxgo/rxdb/rx"
)

// Note is soft-deleted: Delete sets DeletedAt.
type Note struct {
	rx.Model
	Text      string
	DeletedAt *time.Time `rx:"softdelete"`
}

// Delete of a soft-delete model sets its column; reads skip the row
// unless WithDeleted, and HardDelete removes it.
func ExampleDB_HardDelete() {
	ctx := context.Background()
	db, err := rx.Open(ctx, rx.Config{DBURL: "sqlite:///:memory:"})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateAll(ctx, &Note{}); err != nil {
		log.Fatal(err)
	}
	keep, drop := &Note{Text: "keep"}, &Note{Text: "drop"}
	if err := db.Insert(ctx, keep, drop); err != nil {
		log.Fatal(err)
	}
	if err := db.Delete(ctx, drop); err != nil {
		log.Fatal(err)
	}
	live, _ := rx.Select[Note](db).Count(ctx)
	all, _ := rx.Select[Note](db).WithDeleted().Count(ctx)
	fmt.Println(live, all, drop.DeletedAt != nil)
	if err := db.HardDelete(ctx, drop); err != nil {
		log.Fatal(err)
	}
	all, _ = rx.Select[Note](db).WithDeleted().Count(ctx)
	fmt.Println(all)
	// Output:
	// 1 2 true
	// 1
}
