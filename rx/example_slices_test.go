package rx_test

import (
	"context"
	"fmt"
	"log"

	"github.com/rxgo/rxdb/rx"
)

// Add takes a slice of rows as one argument, []Book or []*Book (or a
// pointer to either), and sets the generated key of every element: for a
// []Book, in the slice's backing array, which a slice passed by value
// shares with the caller.
func ExampleSession_Add_slice() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	books := []Book{
		{ISBN: "978-4", Title: "Go in Practice", Year: 2016},
		{ISBN: "978-5", Title: "Black Hat Go", Year: 2020},
	}
	more := []*Book{{ISBN: "978-6", Title: "Go in Action", Year: 2015}}
	err := db.WithSession(ctx, func(s *rx.Session) error {
		return s.Add(books, more) // one INSERT for the three rows
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(books[0].ID, books[1].ID, more[0].ID)
	// Output: 5 6 7
}

// DB.Insert (and Session.Insert) write a slice at once, in multi-row
// INSERTs of at most 1,000 rows each.
func ExampleDB_Insert_slice() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	books := make([]Book, 2500)
	for i := range books {
		books[i] = Book{ISBN: fmt.Sprintf("979-%d", i), Title: "Reprint"}
	}
	err := db.Insert(ctx, books) // three INSERTs; every books[i].ID is set
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(books[0].ID, books[2499].ID)
	// Output: 5 2504
}

// FirstOrCreate looks a row up by a unique key, inserting it when it is
// not there, and says which happened; concurrent calls on one key create
// one row and all return it.
func ExampleFirstOrCreate() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	book, created, err := rx.FirstOrCreate(ctx, db, &Book{ISBN: "978-2", Title: "Learning Go (2nd ed.)"}, "isbn")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(book.Title, created) // the row already there

	book, created, err = rx.FirstOrCreate(ctx, db, &Book{ISBN: "978-7", Title: "Go Fundamentals"}, "isbn")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(book.Title, created, book.ID != 0) // its key set
	// Output:
	// Learning Go false
	// Go Fundamentals true true
}

// Pluck reads one column of a query into a slice of its field's type.
func ExamplePluck() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	titles, err := rx.Pluck[string](ctx, rx.Select[Book](db).
		Where(rx.Gt{"year": 2016}).OrderBy("year"), "title")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q\n", titles)
	// Output: ["Concurrency in Go" "Learning Go" "100 Go Mistakes"]
}
