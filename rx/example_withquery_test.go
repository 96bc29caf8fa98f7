package rx_test

import (
	"context"
	"fmt"
	"log"

	"github.com/rxgo/rxdb/rx"
)

// WithQuery loads each writer's first novel by title, one query for all
// writers, however many novels each has.
func ExampleSelectQuery_WithQuery() {
	ctx := context.Background()
	db := openNovels()
	defer db.Close()
	err := db.WithSession(ctx, func(s *rx.Session) error {
		ursula, iain := &Writer{Name: "Le Guin"}, &Writer{Name: "Banks"}
		return s.Add(ursula, iain,
			&Novel{Title: "The Lathe of Heaven", Writer: ursula},
			&Novel{Title: "The Dispossessed", Writer: ursula},
			&Novel{Title: "Excession", Writer: iain},
			&Novel{Title: "Consider Phlebas", Writer: iain})
	})
	if err != nil {
		log.Fatal(err)
	}
	writers, err := rx.Select[Writer](db).OrderBy("name").
		WithQuery("Novels", func(q *rx.RelQuery) *rx.RelQuery {
			return q.Where(rx.NotEq{"title": "Consider Phlebas"}).OrderBy("title").Limit(1)
		}).All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range writers {
		fmt.Println(w.Name, w.Novels[0].Title, len(w.Novels))
	}
	// Output:
	// Banks Excession 1
	// Le Guin The Dispossessed 1
}
