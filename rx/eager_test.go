package rx_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

// statements counts the statements a QueryHook sees, BEGIN and COMMIT
// aside.
type statements struct {
	mu      sync.Mutex
	queries []string
}

func (s *statements) BeforeQuery(ctx context.Context, ev *rx.QueryEvent) context.Context {
	return ctx
}

func (s *statements) AfterQuery(ctx context.Context, ev *rx.QueryEvent) {
	switch ev.Query {
	case "BEGIN", "COMMIT", "ROLLBACK":
		return
	}
	s.mu.Lock()
	s.queries = append(s.queries, ev.Query)
	s.mu.Unlock()
}

// take returns the statements seen since the last call.
func (s *statements) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.queries
	s.queries = nil
	return out
}

// seedLibrary writes authors, each with books, each book with tags, and
// returns the authors as written.
func seedLibrary(t *testing.T, db *rx.DB, authors, books int) []RelAuthor {
	t.Helper()
	ctx := context.Background()
	if err := db.CreateAll(ctx, relModels...); err != nil {
		t.Fatal(err)
	}
	tags := []*RelTag{{Label: "a"}, {Label: "b"}, {Label: "c"}, {Label: "unused"}}
	out := make([]RelAuthor, authors)
	err := db.WithSession(ctx, func(s *rx.Session) error {
		for _, tg := range tags {
			if err := s.Add(tg); err != nil {
				return err
			}
		}
		// Books hold copies of the tags ([]RelTag), so the tags need
		// their keys before they are copied.
		if err := s.Flush(ctx); err != nil {
			return err
		}
		for i := range out {
			out[i].Name = fmt.Sprintf("author %03d", i)
			if err := s.Add(&out[i]); err != nil {
				return err
			}
			for j := 0; j < books; j++ {
				// Tags by position: book j has tags[0..j%3].
				b := &RelBook{Title: fmt.Sprintf("book %03d/%d", i, j), Author: &out[i]}
				for k := 0; k <= j%3; k++ {
					b.Tags = append(b.Tags, *tags[k])
				}
				if err := s.Add(b); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func checkLibrary(t *testing.T, got []RelAuthor, books int) {
	t.Helper()
	for i, a := range got {
		if a.Books == nil || len(a.Books) != books {
			t.Fatalf("author %d (%s): %d books, want %d", i, a.Name, len(a.Books), books)
		}
		for j, b := range a.Books {
			if b.AuthorID != a.ID || b.Title != fmt.Sprintf("%s/%d", strings.Replace(a.Name, "author", "book", 1), j) {
				t.Fatalf("author %s book %d = %+v", a.Name, j, b)
			}
			var labels []string
			for _, tg := range b.Tags {
				labels = append(labels, tg.Label)
			}
			if want := []string{"a", "b", "c"}[:j%3+1]; strings.Join(labels, ",") != strings.Join(want, ",") {
				t.Fatalf("author %s book %d tags %v, want %v", a.Name, j, labels, want)
			}
		}
	}
}

func TestWithLoadsEachLevelInOneQuery(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		seedLibrary(t, db, 20, 4)
		// An author with no books gets an empty, non-nil slice.
		if err := db.Insert(ctx, &RelAuthor{Name: "zz nobody"}); err != nil {
			t.Fatal(err)
		}
		hook := &statements{}
		db.AddQueryHook(hook)

		got, err := rx.Select[RelAuthor](db).Where(rx.Like{"name": "author%"}).OrderBy("name").With("Books", "Books.Tags").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if q := hook.take(); len(q) != 3 {
			t.Fatalf("All with two levels sent %d statements, want 3:\n%s", len(q), strings.Join(q, "\n"))
		}
		if len(got) != 20 {
			t.Fatalf("%d authors", len(got))
		}
		checkLibrary(t, got, 4)

		nobody, err := rx.Select[RelAuthor](db).Where(rx.Eq{"name": "zz nobody"}).With("Books").One(ctx)
		if err != nil || nobody.Books == nil || len(nobody.Books) != 0 {
			t.Errorf("author without books: %+v, %v", nobody, err)
		}
		hook.take()

		// Belongs-to: twenty books share four authors, loaded once each.
		books, err := rx.Select[RelBook](db).OrderBy("id").Limit(8).With("Author").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if q := hook.take(); len(q) != 2 {
			t.Errorf("belongs-to sent %d statements, want 2", len(q))
		}
		for _, b := range books {
			if b.Author == nil || b.Author.ID != b.AuthorID {
				t.Fatalf("book %+v has author %+v", b, b.Author)
			}
		}
		if books[0].Author != books[1].Author {
			t.Errorf("books of one author got two copies of it")
		}

		// First, and Load after Get, in a session.
		err = db.WithSession(ctx, func(s *rx.Session) error {
			first, err := rx.Select[RelAuthor](s).OrderBy("name").With("Books.Tags").First(ctx)
			if err != nil {
				return err
			}
			checkLibrary(t, []RelAuthor{*first}, 4)
			a, err := rx.Get[RelAuthor](ctx, s, got[3].ID)
			if err != nil {
				return err
			}
			if err := rx.Load(ctx, s, a, "Books.Tags", "Books.Author"); err != nil {
				return err
			}
			checkLibrary(t, []RelAuthor{*a}, 4)
			if a.Books[2].Author == nil || a.Books[2].Author.Name != a.Name {
				t.Errorf("Books.Author not loaded: %+v", a.Books[2])
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestIterWithLoadsInBatches(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		const n = 1100 // three batches of at most 500
		seedLibrary(t, db, n, 2)
		hook := &statements{}
		db.AddQueryHook(hook)
		err := db.WithSession(ctx, func(s *rx.Session) error {
			var got []RelAuthor
			for a, err := range rx.Select[RelAuthor](s).Where(rx.Like{"name": "author%"}).With("Books.Tags").Iter(ctx) {
				if err != nil {
					return err
				}
				got = append(got, a)
			}
			if len(got) != n {
				t.Fatalf("Iter gave %d authors, want %d", len(got), n)
			}
			checkLibrary(t, got, 2)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if q := hook.take(); len(q) != 9 {
			t.Errorf("Iter of %d rows sent %d statements, want 3 batches of 3", n, len(q))
		}
		// Limit is honoured across batches.
		count := 0
		for _, err := range rx.Select[RelAuthor](db).Limit(501).With("Books").Iter(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			count++
		}
		if count != 501 {
			t.Errorf("Iter with Limit(501) gave %d", count)
		}
		// Paging needs primary-key order.
		for _, err := range rx.Select[RelAuthor](db).OrderBy("name").With("Books").Iter(ctx) {
			if err == nil || !strings.Contains(err.Error(), "primary-key order") {
				t.Errorf("Iter with OrderBy and With: %v", err)
			}
		}
	})
}

func TestWithChecksNames(t *testing.T) {
	db := rxtest.Open(t, "sqlite")
	ctx := context.Background()
	seedLibrary(t, db, 1, 1)
	_, err := rx.Select[RelAuthor](db).With("Boks").All(ctx)
	var ce *rx.ColumnError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "Boks is not a relation field of RelAuthor (relations: Books)") {
		t.Errorf("unknown relation: %v", err)
	}
	_, err = rx.Select[RelAuthor](db).With("Books.Title").All(ctx)
	if err == nil || !strings.Contains(err.Error(), "Title is not a relation field of RelBook") {
		t.Errorf("a column as a relation: %v", err)
	}
	_, err = rx.Select[RelAuthor](db).Columns("name").With("Books").All(ctx)
	if err == nil || !strings.Contains(err.Error(), "add it to Columns") {
		t.Errorf("With without its join column: %v", err)
	}
	if err := rx.Load(ctx, db, RelAuthor{}, "Books"); err == nil {
		t.Error("Load of a non-pointer succeeded")
	}
}

type relUser struct {
	rx.Model
	Login   string
	Profile *relProfile // has-one: rel_profile.user_id points here
}

func (relUser) TableName() string { return "rel_user" }

type relProfile struct {
	rx.Model
	UserID int64 `rx:"fk=rel_user.id,ondelete=cascade,unique"`
	Bio    string
}

func (relProfile) TableName() string { return "rel_profile" }

func TestHasOneAndJoinRelation(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		seedLibrary(t, db, 3, 2)
		if err := db.CreateAll(ctx, &relProfile{}, &relUser{}); err != nil {
			t.Fatal(err)
		}
		ann, bob := &relUser{Login: "ann"}, &relUser{Login: "bob"}
		if err := db.Insert(ctx, ann, bob); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, &relProfile{UserID: ann.ID, Bio: "writes"}); err != nil {
			t.Fatal(err)
		}
		users, err := rx.Select[relUser](db).OrderBy("login").With("Profile").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if users[0].Profile == nil || users[0].Profile.Bio != "writes" || users[1].Profile != nil {
			t.Errorf("has-one: ann %+v, bob %+v", users[0].Profile, users[1].Profile)
		}
		tbl, _ := schema.TableOf(&relUser{})
		if k := tbl.Relation("Profile").Kind; k != schema.HasOne {
			t.Errorf("Profile is %s, want has-one", k)
		}

		// Filter books by their author's name and tags' label, no ON clause written.
		books, err := rx.Select[RelBook](db).JoinRelation("Author").Where(rx.Eq{"rel_author.name": "author 001"}).OrderBy("id").All(ctx)
		if err != nil || len(books) != 2 || books[0].Title != "book 001/0" {
			t.Errorf("JoinRelation(Author): %+v, %v", books, err)
		}
		n, err := rx.Select[RelBook](db).JoinRelation("Tags").Where(rx.Eq{"rel_tag.label": "b"}).Count(ctx)
		if err != nil || n != 3 { // book j has tag b when j%3 >= 1: one of two per author
			t.Errorf("JoinRelation(Tags) count %d, %v", n, err)
		}
		if _, err := rx.Select[RelBook](db).JoinRelation("Nope").All(ctx); err == nil {
			t.Error("JoinRelation of an unknown relation succeeded")
		}
	})
}

type lateNote struct {
	rx.Model
	Text   string
	Labels []lateLabel `rx:"through=late_note_label"`
}

type lateLabel struct {
	rx.Model
	Name string
}

type lateNoteLabel struct {
	LateNoteID  int64 `rx:"pk,fk=late_note.id"`
	LateLabelID int64 `rx:"pk,fk=late_label.id"`
}

// A relation that cannot be resolved yet (its link model is not
// registered) works once the model is: the failure is not kept.
func TestRelationResolvesOnceItsModelsAreKnown(t *testing.T) {
	db := rxtest.Open(t, "sqlite")
	ctx := context.Background()
	_, err := rx.Select[lateNote](db).With("Labels").All(ctx)
	if err == nil || !strings.Contains(err.Error(), "register the link model") {
		t.Fatalf("With before the link model is registered: %v", err)
	}
	if err := db.CreateAll(ctx, &lateNote{}, &lateLabel{}, &lateNoteLabel{}); err != nil {
		t.Fatal(err)
	}
	n := &lateNote{Labels: []lateLabel{{Name: "x"}}}
	if err := db.Insert(ctx, &n.Labels[0]); err != nil {
		t.Fatal(err)
	}
	if err := db.WithSession(ctx, func(s *rx.Session) error { return s.Add(n) }); err != nil {
		t.Fatal(err)
	}
	got, err := rx.Select[lateNote](db).With("Labels").One(ctx)
	if err != nil || len(got.Labels) != 1 || got.Labels[0].Name != "x" {
		t.Errorf("after registering: %+v, %v", got, err)
	}
}

// Load with the same pointer more than once in the slice loads each
// distinct parent once and fills every occurrence (it panicked in
// reflect's SetLen: the children were counted once per occurrence).
func TestLoadRepeatedPointer(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		seedLibrary(t, db, 2, 3)
		authors, err := rx.Select[RelAuthor](db).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		a, b := &authors[0], &authors[1]
		dst := []*RelAuthor{a, a, b, nil, a}
		if err := noPanic(func() error { return rx.Load(ctx, db, dst, "Books.Tags") }); err != nil {
			t.Fatal(err)
		}
		checkLibrary(t, []RelAuthor{*a, *b}, 3)
		books, err := rx.Select[RelBook](db).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		bk := &books[0]
		if err := noPanic(func() error { return rx.Load(ctx, db, []*RelBook{bk, bk}, "Author", "Tags") }); err != nil {
			t.Fatal(err)
		}
		if bk.Author == nil || bk.Author.ID != bk.AuthorID || len(bk.Tags) != 1 || bk.Tags[0].Label != "a" {
			t.Fatalf("book loaded twice over: author %+v, tags %+v", bk.Author, bk.Tags)
		}
	})
}
