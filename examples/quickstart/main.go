// Command quickstart is the Reflex database guide's flow in Go: declare a
// model, create its table, add a row in a session, query it back.
//
//	go run ./examples/quickstart
//
// It uses the embedded SQLite default (a file rx.db in the working
// directory); set DB_URL to use MariaDB or PostgreSQL instead.
//
// It also carries the migration commands, as an app's main does:
//
//	go run ./examples/quickstart db init
//	go run ./examples/quickstart db migrate
//	go run ./examples/quickstart db makemigrations -m "add phone"
//	go run ./examples/quickstart db status
//
// Until a migrations folder exists, CreateAll makes the table; once it
// does, the migrations own the schema.
package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"

	// Each migrate sub-package enables its database's rx dialect too.
	_ "github.com/rxgo/rxdb/drivers/mysql/mysqlmigrate"
	_ "github.com/rxgo/rxdb/drivers/postgres/pgmigrate"
	_ "github.com/rxgo/rxdb/drivers/sqlite/sqlitemigrate"
	"github.com/rxgo/rxdb/migrate"
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
	// MigrationsDir turns on the start-up check: Open warns when
	// migrations are pending or the models differ from the database.
	// "{dialect}" keeps one folder per database (migrations/sqlite,
	// migrations/mysql, migrations/postgres): each database's files are
	// written in its own SQL.
	cfg := rx.Config{AppName: "quickstart", MigrationsDir: "migrations/{dialect}"}
	if err := rx.Register(&User{}); err != nil {
		log.Fatal(err)
	}
	if len(os.Args) > 1 && os.Args[1] == "db" {
		if err := migrate.Run(ctx, cfg, os.Args[1:], &User{}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}

	if err := rx.Configure(cfg); err != nil {
		log.Fatal(err)
	}
	db, err := rx.Default()
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	dir, err := migrate.Dir(cfg)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := db.CreateAll(ctx, &User{}); err != nil {
			log.Fatal(err)
		}
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
