package rx

import (
	"context"
	"io/fs"
	"os"

	"github.com/rxgo/rxdb/internal/startup"
)

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

// checkSchema runs the schema check that package migrate's init installs
// (through internal/startup), if the program imports migrate: rx cannot
// import it, since migrate imports rx.
func (db *DB) checkSchema(ctx context.Context, cfg Config) {
	if !cfg.HasMigrations() {
		return
	}
	check := startup.Check()
	if check == nil {
		db.logger.Warn("rx: Config names a migrations source but no schema check is linked: add `import _ \"github.com/rxgo/rxdb/migrate\"` to your program")
		return
	}
	check(ctx, db, cfg, db.logger)
}
