package rx_test

import (
	"context"
	"fmt"
	"log"

	"github.com/rxgo/rxdb/rx"
)

// Raw SQL takes ? on every database (rx numbers it $1, $2, … for
// PostgreSQL); a ? inside a literal or a comment is text, and the
// arguments must be as many as the placeholders.
func ExampleQuery_placeholders() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()
	books, err := rx.Query[Book](ctx, db,
		"SELECT * FROM book WHERE title <> 'Why?' AND year > ? ORDER BY year -- newest last?", 2020)
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range books {
		fmt.Println(b.Title)
	}
	_, err = db.Exec(ctx, "UPDATE book SET title = ? WHERE isbn = ?", "Go")
	fmt.Println(err)
	// Output:
	// Learning Go
	// 100 Go Mistakes
	// rx: raw SQL "UPDATE book SET title = ? WHERE isbn = ?" has 2 placeholder(s) (?) and 1 argument(s): pass one argument per placeholder (a ? inside a string literal or a comment is text, not a placeholder; on PostgreSQL write the jsonb operators ?, ?| and ?& as ??, ??| and ??&)
}

// rx.Expr also takes $1, $2, … on every database, a $n used as often as
// needed; they are numbered with the rest of the statement's.
func ExampleExpr_dollar() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()
	books, err := rx.Select[Book](db).Where(rx.Gt{"year": 2016}, rx.Expr("year = $1 OR year = $1 + 1", 2021)).
		OrderBy("year").All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range books {
		fmt.Println(b.Year, b.Title)
	}
	// Output:
	// 2021 Learning Go
	// 2022 100 Go Mistakes
}

// OrderByExpr sorts by an expression with arguments, which follow
// Where's.
func ExampleSelectQuery_OrderByExpr() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()
	books, err := rx.Select[Book](db).Where(rx.Expr("author <> ?", "Cox-Buday")).
		OrderByExpr("ABS(year - ?)", 2020).OrderBy("title").All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range books {
		fmt.Println(b.Year, b.Title)
	}
	// Output:
	// 2021 Learning Go
	// 2022 100 Go Mistakes
	// 2015 The Go Programming Language
}

// RebindTask has a nullable column, for NULLS LAST.
type RebindTask struct {
	rx.Model
	Title    string
	Priority *int
}

// OrderBy takes NULLS FIRST and NULLS LAST on every database: MySQL and
// MariaDB, which lack them, get `priority IS NULL, priority DESC`.
func ExampleSelectQuery_OrderBy_nullsLast() {
	ctx := context.Background()
	db, err := rx.Open(ctx, rx.Config{DBURL: "sqlite:///:memory:"})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateAll(ctx, &RebindTask{}); err != nil {
		log.Fatal(err)
	}
	one, three := 1, 3
	err = db.Insert(ctx, &RebindTask{Title: "someday"}, &RebindTask{Title: "now", Priority: &three}, &RebindTask{Title: "soon", Priority: &one})
	if err != nil {
		log.Fatal(err)
	}
	tasks, err := rx.Select[RebindTask](db).OrderBy("priority DESC NULLS LAST").All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range tasks {
		fmt.Println(t.Title)
	}
	// Output:
	// now
	// soon
	// someday
}

// GroupBy, Having and OrderBy name a ColumnExpr alias on every database;
// GroupByExpr groups by an expression with arguments.
func ExampleSelectQuery_GroupByExpr() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()
	type decade struct {
		Decade int64
		Books  int64
	}
	rows, err := rx.Scan[decade](ctx, rx.Select[Book](db).
		ColumnExpr("decade", "year / ? * ?", 10, 10).ColumnExpr("books", "COUNT(*)").
		GroupBy("decade").Having(rx.Gt{"books": 1}).OrderBy("-decade"))
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range rows {
		fmt.Println(r.Decade, r.Books)
	}
	type count struct{ N int64 }
	counts, err := rx.Scan[count](ctx, rx.Select[Book](db).ColumnExpr("n", "COUNT(*)").
		GroupByExpr("year > ?", 2016).OrderBy("n"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(counts)
	// Output:
	// 2020 2
	// 2010 2
	// [{1} {3}]
}
