package main

import (
	"context"

	"github.com/rxgo/rxdb/examples/todoapi/api"
	"github.com/rxgo/rxdb/examples/todoapi/migrations"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// Todo is the model, defined with the handlers in package api.
type Todo = api.Todo

// withMigrations points cfg at the migrations of its database: the
// embedded ones, or with onDisk the folder, for the db commands that
// write new files.
func withMigrations(cfg rx.Config, onDisk bool) (rx.Config, error) {
	return migrations.Use(cfg, onDisk)
}

// migrateSchema applies the pending embedded migrations, under
// golang-migrate's lock so that two instances starting together apply
// each once.
func migrateSchema(ctx context.Context, cfg rx.Config) ([]migrate.Step, error) {
	return migrate.New(cfg, &Todo{}).Migrate(ctx)
}
