// Package migrations holds the todoapi schema's history, one folder of SQL
// files per database, written by `go run . db init` / `db makemigrations`
// in examples/todoapi, and embedded in the binaries that serve the API.
package migrations

import (
	"embed"
	"path"

	"github.com/rxgo/rxdb/rx"
)

//go:embed mysql postgres sqlite
var files embed.FS

// Use points cfg at the migrations of its database: the embedded ones,
// or with onDisk the folder, for the db commands that write new files
// (run from examples/todoapi).
func Use(cfg rx.Config, onDisk bool) (rx.Config, error) {
	_, d, err := rx.ParseURL(cfg.URL())
	if err != nil {
		return cfg, err
	}
	if onDisk {
		cfg.MigrationsDir = path.Join("migrations", d.Name())
		return cfg, nil
	}
	cfg.MigrationsDir, cfg.MigrationsFS = d.Name(), files
	return cfg, nil
}
