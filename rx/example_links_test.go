package rx_test

import (
	"context"
	"fmt"
	"log"

	"github.com/rxgo/rxdb/rx"
)

// Link, Unlink and ReplaceLinks change the genres of a novel already
// saved; the field in memory follows.
func ExampleSession_Link() {
	ctx := context.Background()
	db := openNovels()
	defer db.Close()
	ursula := &Writer{Name: "Le Guin"}
	novel := &Novel{Title: "The Dispossessed", Writer: ursula}
	sf, utopia, politics := &Genre{Name: "sf"}, &Genre{Name: "utopia"}, &Genre{Name: "politics"}
	err := db.WithSession(ctx, func(s *rx.Session) error {
		return s.Add(ursula, novel, sf, utopia, politics)
	})
	if err != nil {
		log.Fatal(err)
	}
	err = db.WithSession(ctx, func(s *rx.Session) error {
		if err := s.Link(ctx, novel, "Genres", sf, utopia); err != nil {
			return err
		}
		if err := s.Unlink(ctx, novel, "Genres", sf); err != nil {
			return err
		}
		return s.ReplaceLinks(ctx, novel, "Genres", utopia, politics)
	})
	if err != nil {
		log.Fatal(err)
	}
	loaded, err := rx.Select[Novel](db).With("Genres").One(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(novel.Genres), len(loaded.Genres))
	for _, g := range loaded.Genres {
		fmt.Println(g.Name)
	}
	// Output:
	// 2 2
	// utopia
	// politics
}
