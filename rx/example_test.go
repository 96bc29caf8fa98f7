package rx_test

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"os"

	"github.com/jmoiron/sqlx"
	_ "github.com/rxgo/rxdb/drivers/sqlite" // enable sqlite:// URLs
	"github.com/rxgo/rxdb/rx"
)

// The examples run on an in-memory SQLite database, whatever DB_URL says
// in the environment that runs the tests.
func init() { os.Unsetenv("DB_URL") }

// Book is the model of the examples.
type Book struct {
	rx.Model
	ISBN   string `db:"isbn" rx:"unique"`
	Title  string
	Author string `rx:"index"`
	Year   int
}

// openBooks opens an in-memory database with a book table of four rows.
func openBooks() *rx.DB {
	ctx := context.Background()
	db, err := rx.Open(ctx, rx.Config{DBURL: "sqlite:///:memory:"})
	if err != nil {
		log.Fatal(err)
	}
	if err := db.CreateAll(ctx, &Book{}); err != nil {
		log.Fatal(err)
	}
	err = db.Insert(ctx,
		&Book{ISBN: "978-0", Title: "The Go Programming Language", Author: "Donovan", Year: 2015},
		&Book{ISBN: "978-1", Title: "Concurrency in Go", Author: "Cox-Buday", Year: 2017},
		&Book{ISBN: "978-2", Title: "Learning Go", Author: "Bodner", Year: 2021},
		&Book{ISBN: "978-3", Title: "100 Go Mistakes", Author: "Harsanyi", Year: 2022},
	)
	if err != nil {
		log.Fatal(err)
	}
	return db
}

func ExampleOpen() {
	ctx := context.Background()
	db, err := rx.Open(ctx, rx.Config{AppName: "shop", DBURL: "sqlite:///:memory:"})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateAll(ctx, &Book{}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(db.Dialect().Name())
	// Output: sqlite
}

// Configure once at start-up; rx.WithSession then uses that database
// anywhere, as rx.session() does in Reflex.
func ExampleConfigure() {
	ctx := context.Background()
	if err := rx.Configure(rx.Config{DBURL: "sqlite:///:memory:"}); err != nil {
		log.Fatal(err)
	}
	db, err := rx.Default()
	if err != nil {
		log.Fatal(err)
	}
	if err := db.CreateAll(ctx, &Book{}); err != nil {
		log.Fatal(err)
	}

	// Commits when the callback returns nil, rolls back on an error.
	err = rx.WithSession(ctx, func(s *rx.Session) error {
		return s.Add(&Book{ISBN: "978-9", Title: "Go in Action", Author: "Kennedy", Year: 2015})
	})
	if err != nil {
		log.Fatal(err)
	}
	n, err := rx.Select[Book](db).Count(ctx)
	fmt.Println(n, err)
	// Output: 1 <nil>
}

func ExampleDB_WithSession() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	err := db.WithSession(ctx, func(s *rx.Session) error {
		b := &Book{ISBN: "978-4", Title: "Powerful Command-Line Applications in Go", Author: "Gerardi", Year: 2021}
		if err := s.Add(b); err != nil {
			return err
		}
		// A nested scope is a SAVEPOINT: its failure undoes only its work.
		err := s.WithSession(ctx, func(s *rx.Session) error {
			if err := s.Insert(ctx, &Book{ISBN: "978-5", Title: "Draft"}); err != nil {
				return err
			}
			return fmt.Errorf("changed my mind")
		})
		fmt.Println("inner:", err)
		return nil // staged rows are flushed, then the transaction commits
	})
	if err != nil {
		log.Fatal(err)
	}
	n, _ := rx.Select[Book](db).Count(ctx)
	fmt.Println("books:", n)
	// Output:
	// inner: changed my mind
	// books: 5
}

func ExampleSelect() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	books, err := rx.Select[Book](db).
		Where(rx.GtOrEq{"year": 2017}, rx.Like{"title": "%Go%"}).
		OrderBy("-year").
		Limit(2).
		All(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range books {
		fmt.Println(b.Year, b.Title)
	}
	// Output:
	// 2022 100 Go Mistakes
	// 2021 Learning Go
}

func ExampleSelectQuery_Iter() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	// Rows stream one at a time, in constant memory.
	for b, err := range rx.Select[Book](db).OrderBy("title").Iter(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(b.Title)
	}
	// Output:
	// 100 Go Mistakes
	// Concurrency in Go
	// Learning Go
	// The Go Programming Language
}

func ExampleSelectQuery_ToSQL() {
	db := openBooks()
	defer db.Close()

	query, args, err := rx.Select[Book](db).Where(rx.Eq{"author": []string{"Bodner", "Cox-Buday"}}).OrderBy("year").ToSQL()
	fmt.Println(query)
	fmt.Println(args, err)

	// Ready for sqlx, in the connection's placeholder style.
	var books []Book
	if err := db.SQLX().Select(&books, query, args...); err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(books), books[0].Title)
	// Output:
	// SELECT "book"."id", "book"."isbn", "book"."title", "book"."author", "book"."year" FROM "book" WHERE "book"."author" IN (SELECT value FROM json_each(?)) ORDER BY "book"."year"
	// [["Bodner","Cox-Buday"]] <nil>
	// 2 Concurrency in Go
}

func ExampleSelectQuery_Builder() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	// Start from rx's checked query, add what rx does not wrap.
	b, err := rx.Select[Book](db).Where(rx.Gt{"year": 2016}).Builder()
	if err != nil {
		log.Fatal(err)
	}
	query, args, err := b.RemoveColumns().Column("MIN(year) AS first, COUNT(*) AS n").ToSql()
	if err != nil {
		log.Fatal(err)
	}
	var res struct{ First, N int }
	if err := db.SQLX().GetContext(ctx, &res, query, args...); err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.First, res.N)
	// Output: 2017 3
}

func ExampleGet() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	b, err := rx.Get[Book](ctx, db, 2)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(b.Title)

	_, err = rx.Get[Book](ctx, db, 99)
	fmt.Println(err)
	// Output:
	// Concurrency in Go
	// rx: Book with key [99]: sql: no rows in result set
}

func ExampleSession_Add() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	err := db.WithSession(ctx, func(s *rx.Session) error {
		a := &Book{ISBN: "978-6", Title: "Let's Go", Author: "Edwards", Year: 2023}
		b := &Book{ISBN: "978-7", Title: "Let's Go Further", Author: "Edwards", Year: 2023}
		if err := s.Add(a, b); err != nil {
			return err
		}
		// Flush writes staged rows in one multi-row INSERT and sets their IDs.
		if err := s.Flush(ctx); err != nil {
			return err
		}
		fmt.Println(a.ID, b.ID)
		return nil
	})
	fmt.Println(err)
	// Output:
	// 5 6
	// <nil>
}

func ExampleDB_Insert() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	b := &Book{ISBN: "978-8", Title: "Network Programming with Go", Author: "Woodbeck", Year: 2021}
	if err := db.Insert(ctx, b); err != nil {
		log.Fatal(err)
	}
	b.Year = 2024
	if err := db.Update(ctx, b, "year"); err != nil { // only the named column
		log.Fatal(err)
	}
	got, _ := rx.Get[Book](ctx, db, b.ID)
	fmt.Println(got.ID, got.Year)
	// Output: 5 2024
}

// An upsert: insert, or update the row that has the same unique ISBN.
func ExampleInsert() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	edition := &Book{ISBN: "978-2", Title: "Learning Go, 2nd Edition", Author: "Bodner", Year: 2024}
	if _, err := rx.Insert(db, edition).OnConflict("isbn").DoUpdate("title", "year").Exec(ctx); err != nil {
		log.Fatal(err)
	}
	b, err := rx.Select[Book](db).Where(rx.Eq{"isbn": "978-2"}).One(ctx)
	if err != nil {
		log.Fatal(err)
	}
	n, _ := rx.Select[Book](db).Count(ctx)
	fmt.Println(b.ID, b.Title, b.Year, n)
	// Output: 3 Learning Go, 2nd Edition 2024 4
}

func ExampleUpdate() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	n, err := rx.Update[Book](db).
		Set("year", rx.Expr("year + ?", 1)).
		Where(rx.Lt{"year": 2020}).
		Exec(ctx)
	fmt.Println(n, err)

	// Without Where, Update refuses unless told All.
	_, err = rx.Update[Book](db).Set("author", "anonymous").Exec(ctx)
	fmt.Println(err)
	// Output:
	// 2 <nil>
	// rx: refusing to update or delete every row without a Where condition that restricts the rows (empty conditions such as rx.Eq{} restrict nothing); call All() to mean it
}

func ExampleDelete() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	n, err := rx.Delete[Book](db).Where(rx.Eq{"author": "Harsanyi"}).Exec(ctx)
	fmt.Println(n, err)
	left, _ := rx.Select[Book](db).Count(ctx)
	fmt.Println(left)
	// Output:
	// 1 <nil>
	// 3
}

// Hand-written SQL, scanned into a model with rx's cached metadata.
func ExampleQuery() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	books, err := rx.Query[Book](ctx, db, `
		SELECT b.* FROM book b
		WHERE b.year = (SELECT MAX(year) FROM book WHERE author = b.author) AND b.year > ?
		ORDER BY b.year DESC`, 2016)
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range books {
		fmt.Println(b.Author, b.Year)
	}

	one, err := rx.QueryOne[Book](ctx, db, `SELECT * FROM book WHERE isbn = ?`, "978-0")
	fmt.Println(one.Title, err)
	// Output:
	// Harsanyi 2022
	// Bodner 2021
	// Cox-Buday 2017
	// The Go Programming Language <nil>
}

// Existing sqlx code keeps its pool; rx runs on it.
// Posts per author: GroupBy with a COUNT, scanned into a struct that is
// not a model.
func ExampleScan() {
	ctx := context.Background()
	db, err := rx.Open(ctx, rx.Config{DBURL: "sqlite:///:memory:"})
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateAll(ctx, &Post{}); err != nil {
		log.Fatal(err)
	}
	_, err = rx.Insert(db,
		&Post{UserID: 1, Title: "Hello", Votes: 3},
		&Post{UserID: 2, Title: "Generics", Votes: 8},
		&Post{UserID: 1, Title: "Iterators", Votes: 5},
		&Post{UserID: 1, Title: "Errors", Votes: 1},
	).Exec(ctx)
	if err != nil {
		log.Fatal(err)
	}

	type AuthorPosts struct {
		UserID int64 // the user_id column
		Posts  int64 // the alias of COUNT(*)
		Votes  int64
	}
	rows, err := rx.Scan[AuthorPosts](ctx, rx.Select[Post](db).
		Columns("user_id").
		ColumnExpr("posts", "COUNT(*)").
		ColumnExpr("votes", "SUM(votes)").
		GroupBy("user_id").
		OrderBy("-posts"))
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range rows {
		fmt.Printf("user %d: %d posts, %d votes\n", r.UserID, r.Posts, r.Votes)
	}
	// Output:
	// user 1: 3 posts, 9 votes
	// user 2: 1 posts, 8 votes
}

func ExampleWrap() {
	ctx := context.Background()
	x, err := sqlx.Open("sqlite", ":memory:") // the application's existing pool
	if err != nil {
		log.Fatal(err)
	}
	defer x.Close()
	x.SetMaxOpenConns(1) // one in-memory database

	db, err := rx.Wrap(x) // the dialect comes from the driver
	if err != nil {
		log.Fatal(err)
	}
	if err := db.CreateAll(ctx, &Book{}); err != nil {
		log.Fatal(err)
	}
	if err := db.Insert(ctx, &Book{ISBN: "978-0", Title: "The Go Programming Language", Year: 2015}); err != nil {
		log.Fatal(err)
	}

	// Plain sqlx scans the model, embedded rx.Model included.
	var books []Book
	if err := x.Select(&books, `SELECT * FROM book`); err != nil {
		log.Fatal(err)
	}
	fmt.Println(db.Dialect().Name(), books[0].ID, books[0].Title)

	db.Close() // leaves x open: its owner closes it
	fmt.Println(x.Ping())
	// Output:
	// sqlite 1 The Go Programming Language
	// <nil>
}

// One transaction for both styles: existing code begins it, rx joins it,
// the owner commits.
func ExampleDB_JoinTx() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	tx, err := db.SQLX().BeginTxx(ctx, nil) // say, in existing sqlx code
	if err != nil {
		log.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE book SET year = year + 1`); err != nil {
		log.Fatal(err)
	}
	err = db.JoinTx(ctx, tx, func(s *rx.Session) error {
		return s.Add(&Book{ISBN: "978-4", Title: "Go Brain Teasers", Author: "Tebeka", Year: 2022})
	})
	if err != nil {
		log.Fatal(err) // the owner rolls back, through the deferred Rollback
	}
	if err := tx.Commit(); err != nil { // rx never commits a joined transaction
		log.Fatal(err)
	}
	n, _ := rx.Select[Book](db).Where(rx.GtOrEq{"year": 2022}).Count(ctx)
	fmt.Println(n)
	// Output: 3
}

func ExampleLogQueries() {
	ctx := context.Background()
	db := openBooks()
	defer db.Close()

	// Debug level; the time and duration are left out to keep the
	// output stable.
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "duration" {
				return slog.Attr{}
			}
			return a
		},
	}))
	db.AddQueryHook(rx.LogQueries(logger, rx.LogOptions{}))

	_, _ = rx.Get[Book](ctx, db, 1)
	_, _ = rx.Update[Book](db).Set("year", 2016).Where(rx.Eq{"id": 1}).Exec(ctx)
	// Output:
	// level=DEBUG msg="rx: query" sql="SELECT \"book\".\"id\", \"book\".\"isbn\", \"book\".\"title\", \"book\".\"author\", \"book\".\"year\" FROM \"book\" WHERE \"id\" = ?" args=1
	// level=DEBUG msg="rx: query" sql="UPDATE \"book\" SET \"year\" = ? WHERE \"book\".\"id\" = ?" args=2 rows_affected=1
}
