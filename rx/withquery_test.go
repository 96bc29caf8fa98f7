package rx_test

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type WithqAuthor struct {
	rx.Model
	Name   string
	Books  []WithqBook
	Labels []*WithqLabel `rx:"through=withq_author_label"`
}

type WithqBook struct {
	rx.Model
	AuthorID int64 `rx:"fk=withq_author.id"`
	Title    string
	Year     int
	Author   *WithqAuthor
}

type WithqLabel struct {
	rx.Model
	Label string
}

type WithqAuthorLabel struct {
	AuthorID int64 `rx:"pk,fk=withq_author.id"`
	LabelID  int64 `rx:"pk,fk=withq_label.id"`
}

// withqFixture: authors with 0, 3 and 5 books (years with ties) and 0, 1
// and 4 labels.
func withqFixture(t *testing.T, ctx context.Context, db *rx.DB) []WithqBook {
	t.Helper()
	if err := db.CreateAll(ctx, &WithqAuthorLabel{}, &WithqLabel{}, &WithqBook{}, &WithqAuthor{}); err != nil {
		t.Fatal(err)
	}
	authors := []*WithqAuthor{{Name: "a0"}, {Name: "a3"}, {Name: "a5"}}
	labels := []*WithqLabel{{Label: "l1"}, {Label: "l2"}, {Label: "l3"}, {Label: "l4"}}
	if _, err := rx.Insert(db, authors...).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := rx.Insert(db, labels...).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	var books []*WithqBook
	for i, a := range authors {
		for j := range i*2 + i%2 {
			books = append(books, &WithqBook{AuthorID: a.ID, Title: a.Name + string(rune('a'+j)), Year: 2000 + j%3})
		}
	}
	if _, err := rx.Insert(db, books...).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	links := []*WithqAuthorLabel{{authors[1].ID, labels[2].ID}}
	for _, l := range labels {
		links = append(links, &WithqAuthorLabel{authors[2].ID, l.ID})
	}
	if _, err := rx.Insert(db, links...).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	out := make([]WithqBook, len(books))
	for i, b := range books {
		out[i] = *b
	}
	return out
}

// WithQuery narrows, orders and limits each parent's related rows, on
// has-many and many-to-many, with one query per relation for all parents.
func TestWithqFiltersOrdersAndLimitsPerParent(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		books := withqFixture(t, ctx, db)
		rec := &recorder{}
		db.AddQueryHook(rec)
		authors, err := rx.Select[WithqAuthor](db).OrderBy("id").
			WithQuery("Books", func(q *rx.RelQuery) *rx.RelQuery {
				return q.Where(rx.NotEq{"title": "a5b"}).OrderBy("-year").Limit(2)
			}).
			WithQuery("Labels", func(q *rx.RelQuery) *rx.RelQuery { return q.OrderBy("-label").Limit(3) }).
			All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if verbs := rec.verbs(); verbs != "SELECT SELECT SELECT" {
			t.Errorf("the authors and two relations sent %q", verbs)
		}
		for _, a := range authors {
			var want []string // the two newest of the author's books but a5b, ties by key
			var mine []WithqBook
			for _, b := range books {
				if b.AuthorID == a.ID && b.Title != "a5b" {
					mine = append(mine, b)
				}
			}
			slices.SortStableFunc(mine, func(x, y WithqBook) int { return cmp.Or(cmp.Compare(y.Year, x.Year), cmp.Compare(x.ID, y.ID)) })
			for _, b := range mine[:min(2, len(mine))] {
				want = append(want, b.Title)
			}
			var got []string
			for _, b := range a.Books {
				got = append(got, b.Title)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s's books: %v, want %v", a.Name, got, want)
			}
			var labels []string
			for _, l := range a.Labels {
				labels = append(labels, l.Label)
			}
			want = map[string][]string{"a0": nil, "a3": {"l3"}, "a5": {"l4", "l3", "l2"}}[a.Name]
			if !slices.Equal(labels, want) {
				t.Errorf("%s's labels: %v, want %v", a.Name, labels, want)
			}
		}
	})
}

// What WithQuery cannot do is refused before any SQL.
func TestWithqRefuses(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		withqFixture(t, ctx, db)
		rec := &recorder{}
		db.AddQueryHook(rec)
		for _, tc := range []struct {
			q    *rx.SelectQuery[WithqBook]
			want string
		}{
			{rx.Select[WithqBook](db).WithQuery("Author", func(q *rx.RelQuery) *rx.RelQuery { return q.Limit(1) }), "Limit is for has-many and many-to-many"},
			{rx.Select[WithqBook](db).WithQuery("Author", func(q *rx.RelQuery) *rx.RelQuery { return q.Where(rx.Eq{"nope": 1}) }), "nope"},
			{rx.Select[WithqBook](db).WithQuery("Author", func(q *rx.RelQuery) *rx.RelQuery { return nil }), "returned a nil *RelQuery"},
			{rx.Select[WithqBook](db).WithQuery("Author", func(q *rx.RelQuery) *rx.RelQuery { return q.Where(rx.Eq{"withq_book.year": 1}) }), "names a column of table withq_book"},
			{rx.Select[WithqBook](db).WithQuery("Author", nil).WithQuery("Author", nil), "given twice"},
			{rx.Select[WithqBook](db).WithQuery("Writer", nil), "Writer is not a relation field"},
		} {
			if _, err := tc.q.All(ctx); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error with %q", err, tc.want)
			}
		}
		if verbs := rec.verbs(); verbs != "" {
			t.Errorf("refused queries sent %q", verbs)
		}
	})
}
