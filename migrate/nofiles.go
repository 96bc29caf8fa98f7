package migrate

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/rxgo/rxdb/rx"
)

// recordedVersion reads the version golang-migrate recorded, without
// reading the whole schema: the check for a missing folder runs before
// anything else and must stay cheap.
func recordedVersion(ctx context.Context, db *rx.DB) (version, error) {
	names, err := db.Tables(ctx)
	if err != nil {
		return version{}, fmt.Errorf("migrate: listing the tables: %w", err)
	}
	return dbVersion(ctx, db, slices.Contains(names, VersionTable))
}

// noFilesError is the error for a database that records version v while
// cfg's migrations folder has no migration files. A relative
// MigrationsDir is relative to the working directory, so a binary run
// from elsewhere sees no folder: suggesting `db init` then would write a
// second "initial" migration over a live schema. It returns nil when
// nothing is recorded (a new project, where db init is right).
func noFilesError(cfg rx.Config, v version) error {
	if !v.Applied && !v.Dirty {
		return nil
	}
	recorded := fmt.Sprintf("the database records version %d as applied", v.Version)
	if v.Dirty {
		recorded = fmt.Sprintf("the database records version %d (dirty)", v.Version)
	}
	fsys, dir := cfg.MigrationsSource()
	if cfg.MigrationsFS != nil {
		what := "has no migration files"
		if _, err := fs.Stat(fsys, dir); errors.Is(err, fs.ErrNotExist) {
			what = "does not exist"
		}
		return fmt.Errorf("%w: the embedded folder %q of Config.MigrationsFS %s, but %s: rxdb did not touch the database. "+
			"Check the //go:embed pattern and that Config.MigrationsDir names the folder inside MigrationsFS",
			ErrNoMigrationFiles, dir, what, recorded)
	}
	dir = cfg.MigrationsDir
	if dir == "" {
		dir = rx.DefaultMigrationsDir
	}
	where := dir
	if abs, err := filepath.Abs(dir); err != nil {
		where += " (absolute path unknown: " + err.Error() + ")"
	} else if abs != dir {
		where += " (" + abs + ")"
	}
	what := "has no migration files"
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		what = "does not exist"
	}
	return fmt.Errorf("%w: the migrations folder %s %s, but %s: rxdb did not touch the database. "+
		"Run the program from the directory that %s is relative to, or set Config.MigrationsDir to the folder's absolute path",
		ErrNoMigrationFiles, where, what, recorded, dir)
}

// checkNoFiles opens the database to tell a new project (nothing
// recorded: fine) from a folder that is not where the program looks.
func (m *Migrator) checkNoFiles(ctx context.Context) error {
	c, err := m.open(ctx)
	if err != nil {
		return err
	}
	defer c.close()
	v, err := recordedVersion(ctx, c.db)
	if err != nil {
		return err
	}
	return noFilesError(m.cfg, v)
}
