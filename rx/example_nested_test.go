package rx_test

import (
	"context"
	"fmt"
	"log"

	"github.com/rxgo/rxdb/rx"
)

// One JOIN into a struct of models: a writer per row with all their
// novels, where With would send a query per relation.
func ExampleScan_nested() {
	ctx := context.Background()
	db := openNovels()
	defer db.Close()
	err := db.WithSession(ctx, func(s *rx.Session) error {
		ursula, iain := &Writer{Name: "Le Guin"}, &Writer{Name: "Banks"}
		return s.Add(ursula, iain,
			&Novel{Title: "The Dispossessed", Writer: ursula},
			&Novel{Title: "The Lathe of Heaven", Writer: ursula})
	})
	if err != nil {
		log.Fatal(err)
	}
	type WriterNovels struct {
		Writer Writer
		Novels []Novel // empty for a writer with none: LEFT JOIN
	}
	rows, err := rx.Scan[WriterNovels](ctx, rx.Select[Writer](db).
		LeftJoinRelation("Novels").OrderBy("name", "novel.title"))
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range rows {
		fmt.Println(r.Writer.Name, len(r.Novels))
		for _, n := range r.Novels {
			fmt.Println(" ", n.Title)
		}
	}
	// Output:
	// Banks 0
	// Le Guin 2
	//   The Dispossessed
	//   The Lathe of Heaven
}
