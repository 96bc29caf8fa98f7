// Command todoapi is a small JSON HTTP API backed by rx: create, list with
// filters and pagination, get, update and delete to-do items.
//
//	go run ./examples/todoapi                  # SQLite file todoapi.db, on :8080
//	DB_URL=postgresql://postgres@127.0.0.1/todo go run ./examples/todoapi
//	ADDR=:9000 LOG_SQL=1 go run ./examples/todoapi
//
//	curl -X POST localhost:8080/todos -d '{"title":"buy milk","priority":2}'
//	curl 'localhost:8080/todos?done=false&q=milk&sort=-priority&limit=10&offset=0'
//	curl -X PATCH localhost:8080/todos/1 -d '{"done":true}'
//	curl -X DELETE localhost:8080/todos/1
//
// The schema comes from migrations embedded in the binary, one folder per
// database under migrations/, applied at start. After changing Todo, write
// the next migration from this folder, once per database:
//
//	cd examples/todoapi
//	DB_URL=... go run . db makemigrations -m "add due date"
//
// (db status, db check, db downgrade and the other commands of package
// migrate work the same way).
//
// The handlers and the model are in package api, the embedded migrations
// in package migrations, so that otel/examples/todoapi-otel (a module of
// its own, which may depend on OpenTelemetry) serves the same API with
// traces of each request and its queries.
package main

import (
	"context"
	"errors"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "github.com/rxgo/rxdb/drivers/mysql/mysqlmigrate"
	_ "github.com/rxgo/rxdb/drivers/postgres/pgmigrate"
	_ "github.com/rxgo/rxdb/drivers/sqlite/sqlitemigrate"
	"github.com/rxgo/rxdb/examples/todoapi/api"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "db" {
		// The commands read and write the migrations folder on disk.
		cfg, err := withMigrations(config(nil), true)
		if err == nil {
			err = migrate.Run(context.Background(), cfg, os.Args[1:], &Todo{})
		}
		if err != nil {
			log.Fatal(err)
		}
		return
	}
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = ":8080"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, ln); err != nil {
		log.Fatal(err)
	}
}

// newServer is the API's handler (package api, which
// otel/examples/todoapi-otel serves with traces).
func newServer(db *rx.DB, logger *slog.Logger) http.Handler { return api.NewServer(db, logger) }

// config is the database configuration: a SQLite file unless DB_URL
// names another database.
func config(logger *slog.Logger) rx.Config {
	return rx.Config{AppName: "todoapi", DBURL: "sqlite:///todoapi.db", Logger: logger}
}

// run opens the database that DB_URL names (a SQLite file by default),
// brings its schema up to date and serves the API on ln until ctx ends.
func run(ctx context.Context, ln net.Listener) error {
	level := slog.LevelInfo
	logSQL := os.Getenv("LOG_SQL") != ""
	if logSQL {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	cfg, err := withMigrations(config(logger), false)
	if err != nil {
		return err
	}
	cfg.LogQueries = logSQL
	steps, err := migrateSchema(ctx, cfg)
	if err != nil {
		return err
	}
	for _, st := range steps {
		logger.Info("applied migration", "name", st.Name, "duration", st.Duration)
	}
	db, err := rx.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()

	srv := &http.Server{Handler: newServer(db, logger), ReadHeaderTimeout: 5 * time.Second}
	done := make(chan error, 1)
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		done <- srv.Shutdown(shutdown)
	}()
	logger.Info("todoapi listening", "addr", ln.Addr().String(), "db", db.String())
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return <-done
}
