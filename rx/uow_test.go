package rx_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// relTagged links a book to tags it points at ([]*RelTag), so that tags
// staged in the same session are written first.
type relShelf struct {
	rx.Model
	Name  string
	Books []*RelBook `rx:"through=rel_shelf_book"`
}

func (relShelf) TableName() string { return "rel_shelf" }

type relShelfBook struct {
	ShelfID int64 `rx:"pk,fk=rel_shelf.id,ondelete=cascade"`
	BookID  int64 `rx:"pk,fk=rel_book.id,ondelete=cascade"`
}

func (relShelfBook) TableName() string { return "rel_shelf_book" }

func TestAddWritesParentsFirst(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		models := append([]any{&relShelfBook{}, &relShelf{}, &relCategory{}}, relModels...)
		if err := rx.Register(models...); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateAll(ctx, models...); err != nil {
			t.Fatal(err)
		}
		a := RelAuthor{Name: "Ann"}
		b1 := RelBook{Title: "One", Author: &a}
		b2 := RelBook{Title: "Two", Author: &a}
		shelf := relShelf{Name: "front", Books: []*RelBook{&b2, &b1}}
		root := relCategory{}
		child := relCategory{Parent: &root}
		grandchild := relCategory{Parent: &child}
		err := db.WithSession(ctx, func(s *rx.Session) error {
			// Children before parents, on purpose.
			return s.Add(&shelf, &grandchild, &b1, &b2, &child, &a, &root)
		})
		if err != nil {
			t.Fatal(err)
		}
		if a.ID == 0 || b1.AuthorID != a.ID || b2.AuthorID != a.ID {
			t.Fatalf("keys not copied: author %d, books point at %d and %d", a.ID, b1.AuthorID, b2.AuthorID)
		}
		if child.ParentID == nil || *child.ParentID != root.ID || *grandchild.ParentID != child.ID {
			t.Errorf("self-reference: %+v %+v %+v", root, child, grandchild)
		}
		got, err := rx.Select[RelAuthor](db).With("Books").One(ctx)
		if err != nil || len(got.Books) != 2 || got.Books[0].Title != "One" {
			t.Fatalf("read back: %+v, %v", got, err)
		}
		links, err := rx.Select[relShelfBook](db).OrderBy("book_id").All(ctx)
		if err != nil || len(links) != 2 || links[0].BookID != b1.ID || links[1].BookID != b2.ID || links[0].ShelfID != shelf.ID {
			t.Errorf("link rows: %+v, %v", links, err)
		}

		// A parent that was never saved is an error before any SQL, and
		// the session writes nothing.
		hook := &statements{}
		db.AddQueryHook(hook)
		ghost := RelAuthor{Name: "ghost"}
		err = db.WithSession(ctx, func(s *rx.Session) error {
			return s.Add(&RelBook{Title: "lost", Author: &ghost})
		})
		var me *rx.ModelError
		if !errors.As(err, &me) || !strings.Contains(err.Error(), "points at a RelAuthor that was never saved") {
			t.Errorf("unsaved parent: %v", err)
		}
		// The issue's own mistake: the parent's key read before flush.
		err = db.WithSession(ctx, func(s *rx.Session) error {
			if err := s.Add(&ghost); err != nil {
				return err
			}
			return s.Add(&RelBook{Title: "zero", AuthorID: ghost.ID})
		})
		if !errors.As(err, &me) || !strings.Contains(err.Error(), "foreign key author_id is zero") {
			t.Errorf("zero foreign key: %v", err)
		}
		// A many-to-many target never saved.
		err = db.WithSession(ctx, func(s *rx.Session) error {
			return s.Add(&relShelf{Books: []*RelBook{{Title: "unsaved", AuthorID: a.ID}}})
		})
		if err == nil || !strings.Contains(err.Error(), "points at a RelBook that was never saved") {
			t.Errorf("unsaved m2m target: %v", err)
		}
		for _, q := range hook.take() {
			if strings.HasPrefix(q, "INSERT") {
				t.Errorf("a refused flush sent %s", q)
			}
		}
		if n, _ := rx.Select[RelAuthor](db).Count(ctx); n != 1 {
			t.Errorf("%d authors after refused sessions, want 1", n)
		}
	})
}
