package rx_test

import (
	"context"
	"fmt"
	"log"

	"github.com/rxgo/rxdb/rx"
)

// openBlog opens an in-memory database with the users ann, bob and cy
// and the posts of ann (10 and 2 votes) and bob (3 votes).
func openBlog() *rx.DB {
	ctx := context.Background()
	db, err := rx.Open(ctx, rx.Config{DBURL: "sqlite:///:memory:"})
	if err != nil {
		log.Fatal(err)
	}
	if err := db.CreateAll(ctx, &User{}, &Post{}); err != nil {
		log.Fatal(err)
	}
	ann, bob, cy := &User{Username: "ann"}, &User{Username: "bob"}, &User{Username: "cy"}
	if err := db.Insert(ctx, ann, bob, cy); err != nil {
		log.Fatal(err)
	}
	err = db.Insert(ctx, &Post{UserID: ann.ID, Title: "Go", Votes: 10}, &Post{UserID: ann.ID, Title: "SQL", Votes: 2},
		&Post{UserID: bob.ID, Title: "Rust", Votes: 3})
	if err != nil {
		log.Fatal(err)
	}
	return db
}

func ExampleIn() {
	ctx := context.Background()
	db := openBlog()
	defer db.Close()
	popular := rx.Select[Post](db).Columns("user_id").Where(rx.Gt{"votes": 5})
	users, err := rx.Select[User](db).Where(rx.In("id", popular)).All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, u := range users {
		fmt.Println(u.Username)
	}
	// Output: ann
}

func ExampleNotExists() {
	ctx := context.Background()
	db := openBlog()
	defer db.Close()
	wrote := rx.Select[Post](db).Where(rx.Eq{"user_id": rx.Col("user.id")}) // correlated
	users, err := rx.Select[User](db).Where(rx.NotExists(wrote)).All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, u := range users {
		fmt.Println(u.Username)
	}
	// Output: cy
}

func ExampleUnion() {
	ctx := context.Background()
	db := openBlog()
	defer db.Close()
	best := rx.Select[Post](db).Where(rx.Gt{"votes": 5})
	mine := rx.Select[Post](db).Where(rx.Eq{"title": "Rust"})
	posts, err := rx.Union(best, mine).OrderBy("-votes").Limit(10).All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range posts {
		fmt.Println(p.Title, p.Votes)
	}
	// Output:
	// Go 10
	// Rust 3
}

func ExampleSelectQuery_JoinQuery() {
	ctx := context.Background()
	db := openBlog()
	defer db.Close()
	totals := rx.Select[Post](db).Columns("user_id").ColumnExpr("total", "SUM(votes)").GroupBy("user_id")
	type Share struct {
		Title string
		Votes int64
		Total int64 // the author's votes
	}
	shares, err := rx.Scan[Share](ctx, rx.Select[Post](db).Columns("title", "votes").ColumnExpr("total", "t.total").
		JoinQuery(totals, "t", "t.user_id = post.user_id AND t.total > ?", 5).OrderBy("-votes"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(shares)
	// Output: [{Go 10 12} {SQL 2 12}]
}

func ExampleSelectQuery_From() {
	ctx := context.Background()
	db := openBlog()
	defer db.Close()
	latest := rx.Select[Post](db).OrderBy("-id").Limit(2) // a derived table, read as post
	n, err := rx.Select[Post](db).From(latest).Where(rx.Gt{"votes": 2}).Count(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n)
	// Output: 1
}

func ExampleCTE() {
	ctx := context.Background()
	db := openBlog()
	defer db.Close()
	authors := rx.CTE("authors", rx.Select[Post](db).Columns("user_id"))
	n, err := rx.Select[User](db).WithCTE(authors).Where(rx.In("id", authors)).Count(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n)
	// Output: 2
}

func ExampleSelectQuery_WithRecursive() {
	ctx := context.Background()
	db, err := rx.Open(ctx, rx.Config{DBURL: "sqlite:///:memory:"})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	type Category struct {
		rx.Model
		ParentID *int64 `rx:"index"` // nil for a root
		Name     string
	}
	if err := db.CreateAll(ctx, &Category{}); err != nil {
		log.Fatal(err)
	}
	ids := map[string]int64{}
	for _, c := range [][2]string{{"books", ""}, {"fiction", "books"}, {"crime", "fiction"}, {"poetry", "books"}, {"music", ""}} {
		cat := &Category{Name: c[0]}
		if parent, ok := ids[c[1]]; ok {
			cat.ParentID = &parent
		}
		if err := db.Insert(ctx, cat); err != nil {
			log.Fatal(err)
		}
		ids[c[0]] = cat.ID
	}
	id := ids["books"]
	// The tree under id: the row itself, then the children of each row found.
	tree := rx.CTE("tree", rx.UnionAll(
		rx.Select[Category](db).Where(rx.Eq{"id": id}),
		rx.Select[Category](db).Join("JOIN tree ON tree.id = category.parent_id")))
	all, err := rx.Select[Category](db).WithRecursive(tree).From(tree).OrderBy("name").All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range all {
		fmt.Println(c.Name)
	}
	// Output:
	// books
	// crime
	// fiction
	// poetry
}
