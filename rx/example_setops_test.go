package rx_test

import (
	"context"
	"fmt"
	"log"

	"github.com/rxgo/rxdb/rx"
)

type SetopsCustomer struct {
	rx.Model
	Name string
}

type SetopsOrder struct {
	rx.Model
	CustomerID int64 `rx:"index"`
	Total      int
}

// SetopsCategory is a tree: a root has no parent.
type SetopsCategory struct {
	rx.Model
	ParentID *int64 `rx:"index"`
	Name     string
}

// openShop opens an in-memory database with customers ann, bob and cy;
// orders of 120 and 30 (ann) and 80 (bob); and the categories
// books > {fiction > {crime}, poetry}, music.
func openShop() *rx.DB {
	ctx := context.Background()
	db, err := rx.Open(ctx, rx.Config{DBURL: "sqlite:///:memory:"})
	if err != nil {
		log.Fatal(err)
	}
	if err := db.CreateAll(ctx, &SetopsCustomer{}, &SetopsOrder{}, &SetopsCategory{}); err != nil {
		log.Fatal(err)
	}
	ann, bob, cy := &SetopsCustomer{Name: "ann"}, &SetopsCustomer{Name: "bob"}, &SetopsCustomer{Name: "cy"}
	if err := db.Insert(ctx, ann, bob, cy); err != nil {
		log.Fatal(err)
	}
	err = db.Insert(ctx, &SetopsOrder{CustomerID: ann.ID, Total: 120}, &SetopsOrder{CustomerID: ann.ID, Total: 30},
		&SetopsOrder{CustomerID: bob.ID, Total: 80})
	if err != nil {
		log.Fatal(err)
	}
	ids := map[string]int64{}
	for _, c := range [][2]string{{"books", ""}, {"fiction", "books"}, {"crime", "fiction"}, {"poetry", "books"}, {"music", ""}} {
		cat := &SetopsCategory{Name: c[0]}
		if parent, ok := ids[c[1]]; ok {
			cat.ParentID = &parent
		}
		if err := db.Insert(ctx, cat); err != nil {
			log.Fatal(err)
		}
		ids[c[0]] = cat.ID
	}
	return db
}

func ExampleIn() {
	ctx := context.Background()
	db := openShop()
	defer db.Close()
	big := rx.Select[SetopsOrder](db).Columns("customer_id").Where(rx.Gt{"total": 100})
	customers, err := rx.Select[SetopsCustomer](db).Where(rx.In("id", big)).All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range customers {
		fmt.Println(c.Name)
	}
	// Output: ann
}

func ExampleNotExists() {
	ctx := context.Background()
	db := openShop()
	defer db.Close()
	// Correlated: the subquery names the outer query's table.
	ordered := rx.Select[SetopsOrder](db).Where(rx.Expr("setops_order.customer_id = setops_customer.id"))
	customers, err := rx.Select[SetopsCustomer](db).Where(rx.NotExists(ordered)).All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range customers {
		fmt.Println(c.Name)
	}
	// Output: cy
}

func ExampleUnion() {
	ctx := context.Background()
	db := openShop()
	defer db.Close()
	big := rx.Select[SetopsOrder](db).Where(rx.Gt{"total": 100})
	small := rx.Select[SetopsOrder](db).Where(rx.Lt{"total": 50})
	orders, err := rx.Union(big, small).OrderBy("-total").Limit(10).All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range orders {
		fmt.Println(o.Total)
	}
	// Output:
	// 120
	// 30
}

func ExampleSelectQuery_JoinQuery() {
	ctx := context.Background()
	db := openShop()
	defer db.Close()
	totals := rx.Select[SetopsOrder](db).Columns("customer_id").ColumnExpr("spent", "SUM(total)").GroupBy("customer_id")
	type Spender struct {
		Name  string
		Spent int64
	}
	rows, err := rx.Scan[Spender](ctx, rx.Select[SetopsCustomer](db).Columns("name").ColumnExpr("spent", "t.spent").
		JoinQuery(totals, "t", "t.customer_id = setops_customer.id AND t.spent > ?", 100).OrderBy("-spent"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rows)
	// Output: [{ann 150}]
}

func ExampleSelectQuery_From() {
	ctx := context.Background()
	db := openShop()
	defer db.Close()
	recent := rx.Select[SetopsOrder](db).OrderBy("-id").Limit(2) // a derived table, read as setops_order
	n, err := rx.Select[SetopsOrder](db).From(recent).Where(rx.Gt{"total": 50}).Count(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n)
	// Output: 1
}

func ExampleCTE() {
	ctx := context.Background()
	db := openShop()
	defer db.Close()
	buyers := rx.CTE("buyers", rx.Select[SetopsOrder](db).Columns("customer_id"))
	n, err := rx.Select[SetopsCustomer](db).WithCTE(buyers).Where(rx.In("id", buyers)).Count(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n)
	// Output: 2
}

func ExampleSelectQuery_WithRecursive() {
	ctx := context.Background()
	db := openShop()
	defer db.Close()
	books, err := rx.Select[SetopsCategory](db).Where(rx.Eq{"name": "books"}).One(ctx)
	if err != nil {
		log.Fatal(err)
	}
	// The tree under books: books itself, then the children of each row found.
	tree := rx.CTE("tree", rx.UnionAll(
		rx.Select[SetopsCategory](db).Where(rx.Eq{"id": books.ID}),
		rx.Select[SetopsCategory](db).Join("JOIN tree ON tree.id = setops_category.parent_id")))
	all, err := rx.Select[SetopsCategory](db).WithRecursive(tree).From(tree).OrderBy("name").All(ctx)
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
