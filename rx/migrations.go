package rx

import (
	"context"
	"io/fs"
	"log/slog"
	"os"
	"sync"
)

// A SchemaCheck compares an opened database with its migrations and the
// registered models and logs what needs doing through logger. It runs
// once, inside Open, when Config names a migrations source; it must only
// read, never change the database. Package migrate provides it.
type SchemaCheck func(ctx context.Context, db *DB, cfg Config, logger *slog.Logger)

var schemaCheck struct {
	sync.RWMutex
	fn SchemaCheck
}

// RegisterSchemaCheck installs the start-up schema check. Package
// migrate calls it from init, so importing migrate is what enables the
// check; rx itself knows nothing of migrations.
func RegisterSchemaCheck(check SchemaCheck) {
	schemaCheck.Lock()
	schemaCheck.fn = check
	schemaCheck.Unlock()
}

// HasMigrations reports whether the configuration names a migrations
// source (MigrationsDir or MigrationsFS).
func (c Config) HasMigrations() bool { return c.MigrationsDir != "" || c.MigrationsFS != nil }

// MigrationsSource returns the file system and the folder inside it that
// hold the migration files: MigrationsFS when set, else the folder
// MigrationsDir on disk ("migrations" when empty).
func (c Config) MigrationsSource() (fs.FS, string) {
	dir := c.MigrationsDir
	if c.MigrationsFS != nil {
		if dir == "" {
			dir = "."
		}
		return c.MigrationsFS, dir
	}
	if dir == "" {
		dir = DefaultMigrationsDir
	}
	return os.DirFS(dir), "."
}

// DefaultMigrationsDir is the migrations folder used when
// Config.MigrationsDir is empty.
const DefaultMigrationsDir = "migrations"

// checkSchema runs the SchemaCheck that package migrate's init registered,
// if the program imports migrate (rx cannot import it: migrate imports rx).
func (db *DB) checkSchema(ctx context.Context, cfg Config) {
	if !cfg.HasMigrations() {
		return
	}
	schemaCheck.RLock()
	check := schemaCheck.fn
	schemaCheck.RUnlock()
	if check == nil {
		db.logger.Warn("rx: Config names a migrations source but no schema check is linked: add `import _ \"github.com/rxgo/rxdb/migrate\"` to your program")
		return
	}
	check(ctx, db, cfg, db.logger)
}
