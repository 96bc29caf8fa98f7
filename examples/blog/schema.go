package main

import (
	"context"
	"embed"
	"path"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// migrations holds the schema's history, one folder per database, written
// by `go run . db init` / `db makemigrations` in this folder.
//
//go:embed migrations
var migrations embed.FS

// withMigrations points cfg at the migrations of its database: the
// embedded ones, or with onDisk the folder, for the db commands that
// write new files.
func withMigrations(cfg rx.Config, onDisk bool) (rx.Config, error) {
	_, d, err := rx.ParseURL(cfg.URL())
	if err != nil {
		return cfg, err
	}
	cfg.MigrationsDir = path.Join("migrations", d.Name())
	if !onDisk {
		cfg.MigrationsFS = migrations
	}
	return cfg, nil
}

// migrateSchema applies the pending embedded migrations.
func migrateSchema(ctx context.Context, cfg rx.Config) ([]migrate.Step, error) {
	return migrate.New(cfg, Models...).Migrate(ctx)
}
