// Command quickstart is the Reflex database guide's flow in Go: declare a
// model, create its table, add a row in a session, query it back.
//
//	go run ./examples/quickstart
//
// It uses the embedded SQLite default (a file rx.db in the working
// directory); set DB_URL to use MariaDB or PostgreSQL instead.
package main

import (
	"context"
	"fmt"
	"log"

	_ "github.com/rxgo/rxdb/drivers/mysql"
	_ "github.com/rxgo/rxdb/drivers/postgres"
	_ "github.com/rxgo/rxdb/drivers/sqlite"
	"github.com/rxgo/rxdb/rx"
)

// User is a table: the struct embeds rx.Model for its id primary key.
type User struct {
	rx.Model
	Username string `rx:"unique"`
	Email    string
	Password string
}

func main() {
	ctx := context.Background()
	if err := rx.Configure(rx.Config{AppName: "quickstart"}); err != nil {
		log.Fatal(err)
	}
	db, err := rx.Default()
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateAll(ctx, &User{}); err != nil {
		log.Fatal(err)
	}

	// with rx.session() as session: session.add(User(...)); session.commit()
	err = rx.WithSession(ctx, func(s *rx.Session) error {
		exists, err := rx.Select[User](s).Where(rx.Eq{"username": "test"}).Exists(ctx)
		if err != nil || exists {
			return err
		}
		return s.Add(&User{Username: "test", Email: "admin@pynecone.io", Password: "admin"})
	})
	if err != nil {
		log.Fatal(err)
	}

	err = rx.WithSession(ctx, func(s *rx.Session) error {
		users, err := rx.Select[User](s).Where(rx.Eq{"username": "test"}).OrderBy("id").Limit(10).All(ctx)
		for _, u := range users {
			fmt.Printf("user %d: %s <%s>\n", u.ID, u.Username, u.Email)
		}
		return err
	})
	if err != nil {
		log.Fatal(err)
	}
}
