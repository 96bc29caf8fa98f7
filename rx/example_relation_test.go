package rx_test

import (
	"context"
	"fmt"
	"log"

	"github.com/rxgo/rxdb/rx"
)

// The relations example's models: a writer has shelves of novels, and a
// novel carries genres through a link table.
type Writer struct {
	rx.Model
	Name   string
	Novels []Novel // has-many: novel.writer_id points here
}

type Novel struct {
	rx.Model
	Title    string
	WriterID int64 `rx:"fk=writer.id,ondelete=cascade"`
	Writer   *Writer
	Genres   []*Genre `rx:"through=novel_genre"`
}

type Genre struct {
	rx.Model
	Name string `rx:"unique"`
}

type NovelGenre struct {
	NovelID int64 `rx:"pk,fk=novel.id,ondelete=cascade"`
	GenreID int64 `rx:"pk,fk=genre.id"`
}

// openNovels opens an in-memory database with the relations example's
// tables.
func openNovels() *rx.DB {
	ctx := context.Background()
	db, err := rx.Open(ctx, rx.Config{DBURL: "sqlite:///:memory:"})
	if err != nil {
		log.Fatal(err)
	}
	if err := db.CreateAll(ctx, &NovelGenre{}, &Novel{}, &Genre{}, &Writer{}); err != nil {
		log.Fatal(err)
	}
	return db
}

// Staged in any order, a novel pointing at its writer and genres is
// written after them, with their keys; With loads them back with one
// query per relation.
func ExampleSelectQuery_With() {
	ctx := context.Background()
	db := openNovels()
	defer db.Close()
	err := db.WithSession(ctx, func(s *rx.Session) error {
		ursula := &Writer{Name: "Le Guin"}
		sf, fantasy := &Genre{Name: "sf"}, &Genre{Name: "fantasy"}
		return s.Add(
			&Novel{Title: "The Dispossessed", Writer: ursula, Genres: []*Genre{sf}},
			&Novel{Title: "A Wizard of Earthsea", Writer: ursula, Genres: []*Genre{fantasy}},
			ursula, sf, fantasy,
		)
	})
	if err != nil {
		log.Fatal(err)
	}
	writers, err := rx.Select[Writer](db).With("Novels", "Novels.Genres").All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, w := range writers {
		for _, n := range w.Novels {
			fmt.Printf("%s: %s (%s)\n", w.Name, n.Title, n.Genres[0].Name)
		}
	}
	// Output:
	// Le Guin: The Dispossessed (sf)
	// Le Guin: A Wizard of Earthsea (fantasy)
}
