package rx_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/rxgo/rxdb/rx"
)

// Retry re-runs the whole callback, in a fresh transaction, when it fails
// with an error marked ErrRetryable: here a conflict the first attempt
// reports, as a deadlock or a serialization failure would be.
func ExampleRetry() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	attempts := 0
	err := db.WithSession(ctx, func(s *rx.Session) error {
		attempts++
		if err := s.Add(&Book{ISBN: "978-6", Title: "Go in Action"}); err != nil {
			return err
		}
		if attempts == 1 {
			return fmt.Errorf("attempt %d: %w", attempts, rx.ErrRetryable) // rolled back
		}
		return nil
	}, rx.Retry(3))
	n, _ := rx.Select[Book](db).Where(rx.Eq{"isbn": "978-6"}).Count(ctx)
	fmt.Println(err, attempts, n)
	// Output: <nil> 2 1
}

// A duplicate is ErrUniqueViolation on every database and driver, and
// the statement's error names the operation and the table.
func ExampleErrUniqueViolation() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	err := db.Insert(ctx, &Book{ISBN: "978-0", Title: "A second copy"})
	var op *rx.OpError
	fmt.Println(errors.Is(err, rx.ErrUniqueViolation), errors.As(err, &op) && op.Op == "insert" && op.Table == "book")
	// Output: true true
}

// JoinRelation joins a relation's table on the columns its foreign key
// declares, so that conditions can name that table's columns.
func ExampleSelectQuery_JoinRelation() {
	ctx := context.Background()
	db := openNovels()
	defer db.Close()
	err := db.WithSession(ctx, func(s *rx.Session) error {
		ursula, iain := &Writer{Name: "Le Guin"}, &Writer{Name: "Banks"}
		return s.Add(ursula, iain,
			&Novel{Title: "The Lathe of Heaven", Writer: ursula},
			&Novel{Title: "Excession", Writer: iain})
	})
	if err != nil {
		log.Fatal(err)
	}
	novels, err := rx.Select[Novel](db).JoinRelation("Writer").
		Where(rx.Eq{"writer.name": "Banks"}).All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range novels {
		fmt.Println(n.Title)
	}
	// Output: Excession
}
