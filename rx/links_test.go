package rx_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type LinksPost struct {
	rx.Model
	Title string
	Tags  []*LinksTag `rx:"through=links_post_tag"`
	Picks []LinksTag  `rx:"through=links_pick"`
}

type LinksTag struct {
	rx.Model
	Label string `rx:"unique"`
}

type LinksPostTag struct {
	LinksPostID int64 `rx:"pk,fk=links_post.id"`
	LinksTagID  int64 `rx:"pk,fk=links_tag.id"`
}

type LinksPick struct {
	LinksPostID int64 `rx:"pk,fk=links_post.id"`
	LinksTagID  int64 `rx:"pk,fk=links_tag.id"`
}

func linksLabels(ts []*LinksTag) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Label)
	}
	slices.Sort(out)
	return out
}

// Link, Unlink and ReplaceLinks write a loaded post's link rows in one
// session, keep its Tags field in step, and what the database holds is
// what With reads back.
func TestLinksAddRemoveReplace(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &LinksPostTag{}, &LinksPick{}, &LinksTag{}, &LinksPost{}); err != nil {
			t.Fatal(err)
		}
		post := &LinksPost{Title: "p"}
		a, b, c := &LinksTag{Label: "a"}, &LinksTag{Label: "b"}, &LinksTag{Label: "c"}
		if err := db.Insert(ctx, post, a, b, c); err != nil {
			t.Fatal(err)
		}
		reload := func() []string {
			t.Helper()
			p, err := rx.Select[LinksPost](db).Where(rx.Eq{"id": post.ID}).With("Tags").One(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return linksLabels(p.Tags)
		}
		rec := &recorder{}
		db.AddQueryHook(rec)
		step := func(name string, fn func(s *rx.Session) error, want []string, verbs string) {
			t.Helper()
			rec.verbs()
			if err := db.WithSession(ctx, fn); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if got := rec.verbs(); got != verbs {
				t.Errorf("%s sent %q, want %q", name, got, verbs)
			}
			if got := linksLabels(post.Tags); !slices.Equal(got, want) {
				t.Errorf("%s: Tags in memory %v, want %v", name, got, want)
			}
			if got := reload(); !slices.Equal(got, want) {
				t.Errorf("%s: Tags in the database %v, want %v", name, got, want)
			}
		}
		step("Link a, b", func(s *rx.Session) error { return s.Link(ctx, post, "Tags", a, b) }, []string{"a", "b"}, "BEGIN INSERT COMMIT")
		step("Link b again, c", func(s *rx.Session) error { return s.Link(ctx, post, "Tags", b, c) }, []string{"a", "b", "c"}, "BEGIN INSERT COMMIT")
		step("Unlink a, and a tag never linked", func(s *rx.Session) error {
			return s.Unlink(ctx, post, "Tags", a, &LinksTag{Model: rx.Model{ID: 999}})
		}, []string{"b", "c"}, "BEGIN DELETE COMMIT")
		step("Replace with c, a", func(s *rx.Session) error { return s.ReplaceLinks(ctx, post, "Tags", c, a) }, []string{"a", "c"}, "BEGIN SELECT DELETE INSERT COMMIT")
		d := &LinksTag{Label: "d"}
		step("Link a tag staged in the session", func(s *rx.Session) error {
			if err := s.Add(d); err != nil {
				return err
			}
			return s.Link(ctx, post, "Tags", d)
		}, []string{"a", "c", "d"}, "BEGIN INSERT INSERT COMMIT")
		step("Replace with none", func(s *rx.Session) error { return s.ReplaceLinks(ctx, post, "Tags") }, nil, "BEGIN SELECT DELETE COMMIT")

		// A []T field gets copies.
		if err := db.WithSession(ctx, func(s *rx.Session) error { return s.Link(ctx, post, "Picks", b) }); err != nil || len(post.Picks) != 1 || post.Picks[0].Label != "b" {
			t.Errorf("Link into []LinksTag: %+v, %v", post.Picks, err)
		}
	})
}

// Bad arguments are refused before any SQL, and an error rolls the
// session back.
func TestLinksRefuses(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &LinksPostTag{}, &LinksPick{}, &LinksTag{}, &LinksPost{}); err != nil {
			t.Fatal(err)
		}
		post, a := &LinksPost{Title: "p"}, &LinksTag{Label: "a"}
		if err := db.Insert(ctx, post, a); err != nil {
			t.Fatal(err)
		}
		rec := &recorder{}
		db.AddQueryHook(rec)
		for _, tc := range []struct {
			fn   func(s *rx.Session) error
			want string
		}{
			{func(s *rx.Session) error { return s.Link(ctx, post, "Nope", a) }, "Nope is not a relation field"},
			{func(s *rx.Session) error { return s.Link(ctx, *post, "Tags", a) }, "want a non-nil pointer to a model struct"},
			{func(s *rx.Session) error { return s.Link(ctx, post, "Tags", post) }, "related[0] is *rx_test.LinksPost, want a non-nil *rx_test.LinksTag"},
			{func(s *rx.Session) error { return s.Link(ctx, post, "Tags", nil) }, "related[0] is <nil>"},
			{func(s *rx.Session) error { return s.Link(ctx, post, "Tags", &LinksTag{Label: "new"}) }, "related[0]"},
			{func(s *rx.Session) error { return s.Link(ctx, &LinksPost{}, "Tags", a) }, "parent"},
		} {
			rec.verbs()
			err := db.WithSession(ctx, tc.fn)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error with %q", err, tc.want)
			}
			if v := rec.verbs(); strings.Contains(v, "INSERT") || strings.Contains(v, "DELETE") {
				t.Errorf("%q: sent %q", tc.want, v)
			}
		}
	})
}
