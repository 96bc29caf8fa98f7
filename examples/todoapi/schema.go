package main

import (
	"context"

	"github.com/rxgo/rxdb/rx"
)

// migrateSchema brings the database schema up to date. It creates the
// tables that do not exist yet; embedded migrations (package migrate) can
// replace this one function without touching the rest of the program.
func migrateSchema(ctx context.Context, db *rx.DB) error {
	return db.CreateAll(ctx, &Todo{})
}
