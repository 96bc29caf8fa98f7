package rx_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"

	"github.com/rxgo/rxdb/rx"
)

// A loop that Gets each book's author runs one statement per book: past
// the threshold (3 here, 10 by default) the detector warns once, with the
// loop's line and the With that loads the authors in one query. With
// StrictN1, as in a test, the statement past the threshold fails instead.
func ExampleN1Options() {
	ctx := context.Background()
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "sql" {
				return slog.Attr{} // for a stable output
			}
			return a
		},
	}))
	db, err := rx.Open(ctx, rx.Config{DBURL: "sqlite:///:memory:", Logger: logger, N1: rx.N1Options{Threshold: 3}})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateAll(ctx, &NPlusOneAuthor{}, &NPlusOneBook{}); err != nil {
		log.Fatal(err)
	}
	authorsOfBooks := func(s *rx.Session) error {
		books, err := rx.Select[NPlusOneBook](s).All(ctx)
		for _, b := range books {
			if _, err := rx.Get[NPlusOneAuthor](ctx, s, b.AuthorID); err != nil {
				return err
			}
		}
		return err
	}
	err = db.WithSession(ctx, func(s *rx.Session) error {
		for i := range 4 { // staged: one INSERT per table at Flush
			a := &NPlusOneAuthor{Name: fmt.Sprint("author ", i)}
			if err := s.Add(a, &NPlusOneBook{Title: fmt.Sprint("book ", i), Author: a}); err != nil {
				return err
			}
		}
		if err := s.Flush(ctx); err != nil {
			return err
		}
		return authorsOfBooks(s)
	})
	fmt.Println("warned:", err)
	err = db.WithSession(ctx, authorsOfBooks, rx.StrictN1())
	fmt.Println("strict:", errors.Is(err, rx.ErrNPlusOne))
	// Output:
	// level=WARN msg="rx: N+1 queries: the same statement ran 4 times in one session" site=rx/example_nplusone_test.go:39 hint="load them with With(\"Author\") on the query of NPlusOneBook: one query for all the rows"
	// warned: <nil>
	// strict: true
}
