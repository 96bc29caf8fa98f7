package rx_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/rxgo/rxdb/rx"
)

// Read a row, compute its new value in Go and write it back without
// losing a concurrent session's change: the row stays locked until the
// session ends.
func ExampleSelectQuery_ForUpdate() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()
	err := db.WithSession(ctx, func(s *rx.Session) error {
		b, err := rx.Select[Book](s).Where(rx.Eq{"isbn": "978-2"}).ForUpdate().One(ctx)
		if err != nil {
			return err
		}
		b.Title += " (2nd edition)"
		return s.Update(ctx, b, "title")
	}, rx.Retry(10))
	if err != nil {
		log.Fatal(err)
	}
	b, _ := rx.Select[Book](db).Where(rx.Eq{"isbn": "978-2"}).One(ctx)
	fmt.Println(b.Title)
	// Output: Learning Go (2nd edition)
}

// Draft is a model with optimistic locking.
type Draft struct {
	rx.Model
	Text    string
	Version int64 `rx:"version"`
}

// A model read before another session changed its row cannot overwrite
// that change: Update returns ErrStale, which rx.Retry retries.
func ExampleErrStale() {
	ctx := context.Background()
	db, err := rx.Open(ctx, rx.Config{DBURL: "sqlite:///:memory:"})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateAll(ctx, &Draft{}); err != nil {
		log.Fatal(err)
	}
	n := &Draft{Text: "draft"}
	if err := db.Insert(ctx, n); err != nil {
		log.Fatal(err)
	}
	mine, _ := rx.Get[Draft](ctx, db, n.ID)
	theirs, _ := rx.Get[Draft](ctx, db, n.ID)

	theirs.Text = "their edit"
	fmt.Println(db.Update(ctx, theirs), theirs.Version)
	mine.Text = "my edit"
	err = db.Update(ctx, mine)
	fmt.Println(errors.Is(err, rx.ErrStale), errors.Is(err, rx.ErrRetryable))
	// Output:
	// <nil> 1
	// true true
}
