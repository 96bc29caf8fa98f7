package rx_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type NestedAuthor struct {
	rx.Model
	Name   string
	Joined time.Time
	Bio    *string
}

type NestedPost struct {
	rx.Model
	Title    string
	AuthorID *int64 `rx:"fk=nested_author.id"`
	Author   *NestedAuthor
	Comments []NestedComment
}

type NestedMeta struct{ Lang string }

type NestedComment struct {
	rx.Model
	PostID int64 `rx:"fk=nested_post.id"`
	Body   string
	Meta   NestedMeta `rx:"json"`
}

// nestedFixture: ann wrote p1 (two comments) and p2 (none); p3 has no
// author and one comment.
func nestedFixture(t *testing.T, ctx context.Context, db *rx.DB) {
	t.Helper()
	if err := db.CreateAll(ctx, &NestedAuthor{}, &NestedPost{}, &NestedComment{}); err != nil {
		t.Fatal(err)
	}
	bio := "writes"
	ann := &NestedAuthor{Name: "ann", Joined: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Bio: &bio}
	if _, err := rx.Insert(db, ann).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	posts := []*NestedPost{{Title: "p1", AuthorID: &ann.ID}, {Title: "p2", AuthorID: &ann.ID}, {Title: "p3"}}
	if _, err := rx.Insert(db, posts...).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	comments := []*NestedComment{
		{PostID: posts[0].ID, Body: "c1", Meta: NestedMeta{Lang: "en"}},
		{PostID: posts[0].ID, Body: "c2", Meta: NestedMeta{Lang: "fr"}},
		{PostID: posts[2].ID, Body: "c3"},
	}
	if _, err := rx.Insert(db, comments...).Exec(ctx); err != nil {
		t.Fatal(err)
	}
}

// One JOIN scans into a struct of models: 1:1 by value and by pointer (nil
// where a LEFT JOIN found nothing), 1:N into a slice (one result per
// parent), with a ColumnExpr in a plain field; each is one statement.
func TestNestedScan(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		nestedFixture(t, ctx, db)
		rec := &recorder{}
		db.AddQueryHook(rec)

		type PostAuthor struct {
			Post   NestedPost
			Author NestedAuthor
		}
		pa, err := rx.Scan[PostAuthor](ctx, rx.Select[NestedPost](db).JoinRelation("Author").OrderBy("id"))
		if err != nil {
			t.Fatal(err)
		}
		if len(pa) != 2 || pa[0].Post.Title != "p1" || pa[1].Post.Title != "p2" || pa[0].Author.Name != "ann" ||
			!pa[1].Author.Joined.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) || *pa[1].Author.Bio != "writes" {
			t.Errorf("inner join: %+v", pa)
		}

		type PostMaybeAuthor struct {
			Post   NestedPost
			Writer *NestedAuthor
			Double int64
		}
		pm, err := rx.Scan[PostMaybeAuthor](ctx, rx.Select[NestedPost](db).LeftJoinRelation("Author").
			ColumnExpr("double", "? * 2", 21).OrderBy("id"))
		if err != nil {
			t.Fatal(err)
		}
		if len(pm) != 3 || pm[0].Writer == nil || pm[0].Writer.Name != "ann" || pm[2].Writer != nil || pm[2].Post.Title != "p3" || pm[2].Double != 42 {
			t.Errorf("left join: %+v", pm)
		}

		type PostComments struct {
			Post     NestedPost
			Author   *NestedAuthor
			Comments []*NestedComment
		}
		pc, err := rx.Scan[PostComments](ctx, rx.Select[NestedPost](db).LeftJoinRelation("Author").
			LeftJoinRelation("Comments").OrderBy("id", "nested_comment.id"))
		if err != nil {
			t.Fatal(err)
		}
		if len(pc) != 3 || len(pc[0].Comments) != 2 || pc[0].Comments[1].Meta.Lang != "fr" || len(pc[1].Comments) != 0 ||
			len(pc[2].Comments) != 1 || pc[2].Comments[0].Body != "c3" || pc[2].Author != nil || pc[0].Author.Name != "ann" {
			t.Errorf("1:N: %+v", pc)
		}
		one, err := rx.ScanOne[PostComments](ctx, rx.Select[NestedPost](db).LeftJoinRelation("Author").LeftJoinRelation("Comments").
			Where(rx.Eq{"title": "p1"}).OrderBy("nested_comment.id"))
		if err != nil || len(one.Comments) != 2 || one.Comments[0].Body != "c1" || one.Author == nil || one.Author.Name != "ann" {
			t.Errorf("ScanOne 1:N = %+v, %v", one, err)
		}
		// A model with relation fields is no struct of models: it scans
		// flat, as before, and its relations stay With's.
		flat, err := rx.Scan[NestedPost](ctx, rx.Select[NestedPost](db).OrderBy("id"))
		if err != nil || len(flat) != 3 || flat[0].Title != "p1" || flat[0].Author != nil || flat[0].Comments != nil {
			t.Errorf("a model scanned flat: %+v, %v", flat, err)
		}
		if verbs := rec.verbs(); verbs != "SELECT SELECT SELECT SELECT SELECT" {
			t.Errorf("five scans sent %q", verbs)
		}
	})
}

// What cannot scan into a struct of models is refused before any SQL,
// with the fix.
func TestNestedScanRefuses(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		nestedFixture(t, ctx, db)
		rec := &recorder{}
		db.AddQueryHook(rec)
		type PostAuthor struct {
			Post   NestedPost
			Author *NestedAuthor
		}
		if _, err := rx.Scan[PostAuthor](ctx, rx.Select[NestedPost](db)); !errors.Is(err, rx.ErrMissingJoin) || !strings.Contains(err.Error(), "field Author reads table") {
			t.Errorf("no join: %v", err)
		}
		if _, err := rx.Scan[PostAuthor](ctx, rx.Select[NestedPost](db).JoinRelation("Author").Columns("title")); err == nil || !strings.Contains(err.Error(), "drop Columns") {
			t.Errorf("Columns: %v", err)
		}
		type Twice struct {
			A NestedAuthor
			B *NestedAuthor
		}
		if _, err := rx.Scan[Twice](ctx, rx.Select[NestedAuthor](db)); err == nil || !strings.Contains(err.Error(), "fields A and B both read table nested_author") {
			t.Errorf("two parts of one table: %v", err)
		}
		type Orphans struct{ Comments []NestedComment }
		if _, err := rx.Scan[Orphans](ctx, rx.Select[NestedComment](db)); err == nil || !strings.Contains(err.Error(), "add a field for the parent model") {
			t.Errorf("a slice alone: %v", err)
		}
		if verbs := rec.verbs(); verbs != "" {
			t.Errorf("refused scans sent %q", verbs)
		}
		type Extra struct{ Post NestedPost }
		if _, err := rx.Scan[Extra](ctx, rx.Select[NestedPost](db).ColumnExpr("n", "1")); err == nil || !strings.Contains(err.Error(), `"n"`) {
			t.Errorf("an alias without a field: %v", err)
		}
	})
}
