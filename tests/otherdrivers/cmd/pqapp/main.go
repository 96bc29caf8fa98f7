// Command pqapp is the smallest application that wraps a lib/pq pool with
// rx's PostgreSQL dialect. Its dependencies are checked by
// TestDialectLinksNoDriver: lib/pq, and no pgx.
//
//	go run ./cmd/pqapp 'postgres://postgres@127.0.0.1:5432/rx_test?sslmode=disable'
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"
	"github.com/rxgo/rxdb/dialect/pgdialect"
	"github.com/rxgo/rxdb/rx"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: pqapp postgres://user@host:5432/db?sslmode=disable")
	}
	x, err := sqlx.Open("postgres", os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	defer x.Close()
	db, err := rx.Wrap(x, rx.WithDialect(pgdialect.Dialect{}))
	if err != nil {
		log.Fatal(err)
	}
	var version string
	rows, err := db.Query(context.Background(), "SHOW server_version")
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&version); err != nil {
			log.Fatal(err)
		}
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
	fmt.Println("PostgreSQL", version, "through lib/pq")
}
