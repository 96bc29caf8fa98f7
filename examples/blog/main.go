// Command blog is a small blog on rx: users write posts and comments, and
// tag posts (many-to-many). It shows foreign keys, relation fields, a
// session writing linked rows in one go, and eager loading with With.
//
//	go run ./examples/blog post -user ann -title "Hello" -body "First post" -tags go,sql
//	go run ./examples/blog post -user bob -title "Hi" -body "Second post" -tags go
//	go run ./examples/blog comment -post 1 -user bob -body "Welcome!"
//	go run ./examples/blog feed             # posts with authors, tags, comments
//	go run ./examples/blog feed -tag go
//	go run ./examples/blog user ann         # a user's posts and their tags
//	LOG_SQL=1 go run ./examples/blog feed   # see the five statements
//	go run ./examples/blog delete-user ann  # cascades to posts and comments
//	go run ./examples/blog delete-tag go    # refused while posts carry it (bob's does)
//
// A post creates its author; a comment's author must exist already.
//
// It uses a SQLite file blog.db in the working directory unless DB_URL
// names another database, and brings its schema up to date from the
// migrations embedded in the binary (migrations/<database>/, foreign keys
// included). After changing the models, write the next migration from
// this folder, once per database:
//
//	cd examples/blog
//	DB_URL=... go run . db makemigrations -m "add post slug"
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	_ "github.com/rxgo/rxdb/drivers/mysql/mysqlmigrate"
	_ "github.com/rxgo/rxdb/drivers/postgres/pgmigrate"
	_ "github.com/rxgo/rxdb/drivers/sqlite/sqlitemigrate"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "blog:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	// Registering up front checks the models, their foreign keys and
	// relations, and makes the link model post_tag known by its table.
	if err := rx.Register(Models...); err != nil {
		return err
	}
	cfg := rx.Config{AppName: "blog", DBURL: "sqlite:///blog.db"}
	if len(args) > 0 && args[0] == "db" {
		// The commands read and write the migrations folder on disk.
		cfg, err := withMigrations(cfg, true)
		if err != nil {
			return err
		}
		return migrate.Run(ctx, cfg, args, Models...)
	}
	cfg, err := withMigrations(cfg, false)
	if err != nil {
		return err
	}
	if _, err := migrateSchema(ctx, cfg); err != nil {
		return err
	}
	if os.Getenv("LOG_SQL") != "" {
		cfg.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
		cfg.LogQueries = true
	}
	db, err := rx.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	return command(ctx, db, os.Stdout, args)
}
