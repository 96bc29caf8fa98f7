package rx_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// authorPosts is a report row: not a model, no key.
type authorPosts struct {
	UserID int64
	Posts  int64
	Votes  float64
}

func TestProjectionsAndAggregates(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}, &Post{}); err != nil {
			t.Fatal(err)
		}
		ann, bob := &User{Username: "ann"}, &User{Username: "bob"}
		if err := db.Insert(ctx, ann, bob); err != nil {
			t.Fatal(err)
		}
		_, err := rx.Insert(db, &Post{UserID: ann.ID, Title: "a1", Votes: 3}, &Post{UserID: ann.ID, Title: "a2", Votes: 5},
			&Post{UserID: bob.ID, Title: "b1", Votes: 4}).Exec(ctx)
		if err != nil {
			t.Fatal(err)
		}
		q := db.Dialect().Quote

		// rx.Query and rx.QueryOne scan into any struct.
		rows, err := rx.Query[authorPosts](ctx, db, "SELECT user_id, COUNT(*) AS posts, SUM(votes) AS votes FROM post GROUP BY user_id ORDER BY user_id")
		if err != nil || len(rows) != 2 || rows[0] != (authorPosts{ann.ID, 2, 8}) || rows[1] != (authorPosts{bob.ID, 1, 4}) {
			t.Fatalf("Query[authorPosts] = %+v, %v", rows, err)
		}
		one, err := rx.QueryOne[struct{ N int }](ctx, db, "SELECT COUNT(*) AS n FROM post")
		if err != nil || one.N != 3 {
			t.Fatalf("QueryOne[struct{N int}] = %+v, %v", one, err)
		}

		// The builder selects expressions and scans them into a struct.
		report := rx.Select[Post](db).Columns("user_id").ColumnExpr("posts", "COUNT(*)").ColumnExpr("votes", "SUM(votes)").GroupBy("user_id")
		got, err := rx.Scan[authorPosts](ctx, report.Clone().OrderBy("-posts"))
		if err != nil || len(got) != 2 || got[0] != (authorPosts{ann.ID, 2, 8}) || got[1] != (authorPosts{bob.ID, 1, 4}) {
			t.Fatalf("Scan[authorPosts] = %+v, %v", got, err)
		}
		if n, err := report.Count(ctx); err != nil || n != 2 {
			t.Fatalf("Count of the report = %d, %v; want 2", n, err)
		}
		top, err := rx.ScanOne[authorPosts](ctx, rx.Select[Post](db).Columns("user_id").ColumnExpr("posts", "COUNT(*)").
			GroupBy("user_id").Having(rx.Expr("COUNT(*) > ?", 1)))
		if err != nil || top.UserID != ann.ID || top.Posts != 2 {
			t.Fatalf("ScanOne with Having = %+v, %v", top, err)
		}
		if _, err := rx.ScanOne[authorPosts](ctx, report); !errors.Is(err, rx.ErrMultipleRows) {
			t.Fatalf("ScanOne of two rows = %v, want ErrMultipleRows", err)
		}

		// A join's columns, from two tables, into one struct.
		type titleBy struct {
			Title    string
			Username string
		}
		joined, err := rx.Scan[titleBy](ctx, rx.Select[Post](db).Columns("post.title", "user.username").
			Join("JOIN "+q("user")+" ON "+q("user")+".id = post.user_id").OrderBy("title"))
		if err != nil || len(joined) != 3 || joined[0] != (titleBy{"a1", "ann"}) || joined[2] != (titleBy{"b1", "bob"}) {
			t.Fatalf("Scan[titleBy] = %+v, %v", joined, err)
		}

		// An expression can fill a model's own field, matched by its alias.
		doubled, err := rx.Select[Post](db).Columns("title").ColumnExpr("votes", "votes * ?", 2).Where(rx.Eq{"title": "a2"}).One(ctx)
		if err != nil || doubled.Title != "a2" || doubled.Votes != 10 {
			t.Fatalf("ColumnExpr into the model = %+v, %v", doubled, err)
		}

		// Caller-supplied names are still checked before anything is sent.
		var ce *rx.ColumnError
		checks := map[string]error{}
		_, checks["Columns"] = rx.Scan[authorPosts](ctx, rx.Select[Post](db).Columns("nope"))
		_, checks["alias"] = rx.Scan[authorPosts](ctx, rx.Select[Post](db).ColumnExpr("n; DROP TABLE post", "COUNT(*)"))
		_, checks["OrderBy"] = rx.Scan[authorPosts](ctx, rx.Select[Post](db).ColumnExpr("posts", "COUNT(*)").OrderBy("postz"))
		_, checks["GroupBy"] = rx.Scan[authorPosts](ctx, rx.Select[Post](db).ColumnExpr("posts", "COUNT(*)").GroupBy("postz")) // an alias is taken (GroupBy("posts")), an unknown name is not
		_, checks["result column without field"] = rx.Scan[authorPosts](ctx, rx.Select[Post](db).Columns("title"))
		for name, err := range checks {
			if !errors.As(err, &ce) {
				t.Errorf("%s: %v, want a *rx.ColumnError", name, err)
			}
		}
		if err := checks["result column without field"]; err == nil || !strings.Contains(err.Error(), `"title"`) || !strings.Contains(err.Error(), "authorPosts") {
			t.Errorf("a result column without a field: %v, want it named with the struct", err)
		}
		if _, err := rx.Scan[*authorPosts](ctx, report); err == nil {
			t.Error("Scan[*authorPosts] accepted a pointer type")
		}
	})
}
