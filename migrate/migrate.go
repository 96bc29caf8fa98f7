// Package migrate writes and applies schema migrations for rx models:
// it compares the models with the live database, writes the difference
// as golang-migrate files (<version>_<slug>.up.sql and .down.sql), and
// applies them with golang-migrate v4 from a folder or an embed.FS.
//
// A Go library cannot find a program's models from outside it, so the
// commands live in the program: wire Run into main,
//
//	if len(os.Args) > 1 && os.Args[1] == "db" {
//		if err := migrate.Run(ctx, cfg, os.Args[1:], &User{}, &Post{}); err != nil {
//			log.Fatal(err)
//		}
//		return
//	}
//
// and `myapp db init`, `db makemigrations -m "add phone"`, `db migrate`,
// `db downgrade [N|all]`, `db goto VERSION`, `db status`, `db check`,
// `db force VERSION` and `db inspect` (Go models of the live database's
// tables, see Migrator.Models) work.
// The same operations are methods of Migrator.
//
// Files are written for one database: "{dialect}" in Config.MigrationsDir
// (as in "migrations/{dialect}") keeps one folder per database, and a
// folder written for another database is refused. A field tagged
// rx:"was=old_name", and a model with a WasTable method
// (TableRenamer), are renamed rather than dropped and added.
//
// Migrations manage what the models declare: tables without a model,
// and indexes and foreign keys a model does not declare on its table, are
// kept and reported as unmanaged (Status.Unmanaged), not as drift, so an
// existing database can adopt rx one table at a time. Migrator.Prune
// (`db makemigrations -prune`) drops them, marked DESTRUCTIVE;
// rx.Config.Ignore hides objects by name or pattern.
//
// Each database's introspection and ALTER syntax live in a sub-package of
// its driver (drivers/sqlite/sqlitemigrate, drivers/mysql/mysqlmigrate,
// drivers/postgres/pgmigrate); import the one you use. Importing this
// package also enables rx's start-up check: rx.Open with
// Config.MigrationsDir (or MigrationsFS) set logs a warning when
// migrations are pending or the models differ from the database.
package migrate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"strings"
	"time"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

// VersionTable is golang-migrate's bookkeeping table, which the diff
// ignores.
const VersionTable = "schema_migrations"

// LockTable holds the migration lock on servers where golang-migrate's
// own lock does not hold across a cluster (MySQL and MariaDB, for
// Galera); the diff ignores it too.
const LockTable = "rx_migrate_lock"

// Errors that callers can test with errors.Is.
var (
	// ErrDirty: a migration failed part-way and golang-migrate marked
	// the database dirty; the error is a *DirtyError with the repair.
	ErrDirty = errors.New("migrate: database is dirty")
	// ErrBehind: the database has not applied every migration in the
	// folder, so a diff against it would repeat them.
	ErrBehind = errors.New("migrate: database is behind the migrations folder")
	// ErrMigrationsExist: db init found migrations already.
	ErrMigrationsExist = errors.New("migrate: migrations already exist")
	// ErrNoMigrations: an operation needs migrations and there are none.
	ErrNoMigrations = errors.New("migrate: no migrations")
	// ErrNoMigrationFiles: the migrations folder is missing or has no
	// migration files while the database records an applied version:
	// most often the program runs from another working directory than
	// the one a relative MigrationsDir is relative to.
	ErrNoMigrationFiles = errors.New("migrate: no migration files, but the database records a version")
	// ErrDowngradeTooFar: a downgrade asked to undo more migrations
	// than are applied; nothing was undone.
	ErrDowngradeTooFar = errors.New("migrate: downgrade asks for more migrations than are applied")
	// ErrOutOfOrder: migrations older than the applied version were
	// never applied (merged after a newer one), which golang-migrate
	// would skip.
	ErrOutOfOrder = errors.New("migrate: migrations older than the applied version were never applied")
	// ErrChangedMigration: the up file of an applied migration differs
	// from the one that was applied (its SHA-256 is recorded in
	// AppliedTable), so the folder no longer builds this database's
	// schema. Check reports it; Status lists it.
	ErrChangedMigration = errors.New("migrate: an applied migration's file changed after it was applied")
	// ErrNoModels: no models were given or registered.
	ErrNoModels = errors.New("migrate: no models")
	// ErrWrongDialect: the migrations folder was written for another
	// database.
	ErrWrongDialect = errors.New("migrate: migrations written for another database")
	// ErrCheckFailed: Check found pending migrations or schema drift.
	ErrCheckFailed = errors.New("migrate: check failed")
)

// Migrator runs the migration operations for one database configuration
// and one set of models. Create it with New.
type Migrator struct {
	cfg    rx.Config
	models []any

	// Out receives progress lines, such as each version as it is
	// applied; nil discards them.
	Out io.Writer
	// Command is how the user runs this program, used in the commands
	// that messages suggest ("myapp" gives "myapp db migrate"). New sets
	// it to os.Args[0] as invoked ("./app" stays "./app"), and to
	// "go run ./pkg" under go run.
	Command string
	// LockTimeout bounds the wait for another process's migration lock;
	// zero means one minute.
	LockTimeout time.Duration
	// Prune makes db makemigrations drop what the models do not declare:
	// tables without a model, and indexes and foreign keys on a modelled
	// table that its model does not declare (an index rx did not name).
	// Each drop is marked DESTRUCTIVE. Without it they are kept, and db
	// status lists them as unmanaged; with it db check and db status
	// count them as drift. `db makemigrations -prune` sets it.
	Prune bool
	// NoReplay makes Check skip the replay of the migrations folder on a
	// scratch database, for a user who may not create databases (see
	// ErrNoScratch). `db check -no-replay` sets it.
	NoReplay bool

	now func() time.Time
}

// scope is what this Migrator's diffs manage: Config.Ignore and Prune.
func (m *Migrator) scope() scope { return scope{ignore: m.cfg.Ignore, prune: m.Prune} }

// New returns a Migrator for the database cfg names and the given models
// (with none, every model registered with rx.Register). A model is a
// struct value or pointer, or its *schema.Table metadata. Migration files
// live in cfg.MigrationsDir ("migrations" when empty), or are read from
// cfg.MigrationsFS when set.
func New(cfg rx.Config, models ...any) *Migrator {
	if _, d, err := rx.ParseURL(cfg.URL()); err == nil {
		cfg = withDialect(cfg, d.Name())
	} // else open reports the URL's error
	m := &Migrator{cfg: cfg, models: models, Command: commandName(), now: time.Now}
	if _, ok := cfg.MigrationsFS.(*goFS); !ok { // else a copy's: it holds them
		registered.Lock()
		for _, g := range registered.list {
			_ = m.addGo(g) // validated by Go
		}
		registered.Unlock()
	}
	return m
}

// checkDialect refuses a migrations folder that rxdb wrote for another
// database, before anything reaches this one: its SQL would fail half-way
// and leave the database dirty.
func (m *Migrator) checkDialect(fsys fs.FS, dir string, files []File) error {
	_, d, err := rx.ParseURL(m.cfg.URL())
	if err != nil {
		return err
	}
	for _, f := range files {
		for _, part := range []struct {
			ok  bool
			dir string
		}{{f.HasUp, "up"}, {f.HasDown, "down"}} {
			if !part.ok {
				continue
			}
			name := f.Name() + "." + part.dir + ".sql"
			fd, err := headerDialect(fsys, path.Join(dir, name))
			if err != nil {
				return err
			}
			if fd != "" && fd != d.Name() {
				return fmt.Errorf("%w: %s in %s was written for %s, and this database is %s: rxdb did not touch it. "+
					"Keep one folder per database: set Config.MigrationsDir to \"migrations/%s\" (rxdb puts the database's name, sqlite, mysql or postgres, in its place) and run `%s` against each database",
					ErrWrongDialect, name, m.dir(), fd, d.Name(), DialectPlaceholder, m.cmd("db init"))
			}
		}
	}
	return nil
}

func (m *Migrator) printf(format string, args ...any) {
	if m.Out != nil {
		fmt.Fprintf(m.Out, format, args...)
	}
}

// cmd is a suggested command line, such as "myapp db migrate".
func (m *Migrator) cmd(args string) string {
	if m.Command == "" {
		return args
	}
	return m.Command + " " + args
}

func (m *Migrator) dir() string {
	if m.cfg.MigrationsDir == "" {
		return rx.DefaultMigrationsDir
	}
	return m.cfg.MigrationsDir
}

// tables resolves the models to their metadata.
func (m *Migrator) tables() ([]*schema.Table, error) {
	if len(m.models) == 0 {
		ts := schema.Models()
		if len(ts) == 0 {
			return nil, fmt.Errorf("%w: pass them to migrate.New or migrate.Run, or register them with rx.Register", ErrNoModels)
		}
		return m.checkTypes(schema.Definitions(ts))
	}
	out := make([]*schema.Table, 0, len(m.models))
	for _, mod := range m.models {
		if t, ok := mod.(*schema.Table); ok {
			out = append(out, t)
			continue
		}
		t, err := schema.TableOf(mod)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	// A view model's table is the one its definition describes.
	return m.checkTypes(schema.Definitions(out))
}

// checkTypes checks the foreign keys' SQL types on the dialect of the
// database (models check only their Go types as they register); a bad
// URL is reported by whatever opens it.
func (m *Migrator) checkTypes(tables []*schema.Table, err error) ([]*schema.Table, error) {
	if err != nil {
		return nil, err
	}
	if _, d, uerr := rx.ParseURL(m.cfg.URL()); uerr == nil {
		err = dialect.CheckForeignKeyTypes(d, tables)
		if err == nil {
			err = dialect.CheckPartialIndexes(d, tables)
		}
	}
	return tables, err
}

// conn is an open database with its migrations driver.
type conn struct {
	db  *rx.DB
	drv Driver
	u   *url.URL
}

func (m *Migrator) open(ctx context.Context) (*conn, error) {
	u, d, err := rx.ParseURL(m.cfg.URL())
	if err != nil {
		return nil, err
	}
	drv, err := DriverFor(d)
	if err != nil {
		return nil, err
	}
	cfg := m.cfg
	cfg.MigrationsDir, cfg.MigrationsFS = "", nil // no start-up check: we are the check
	db, err := rx.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	g, _ := m.cfg.MigrationsFS.(*goFS)
	return &conn{db: db, drv: runDriver{Driver: drv, db: db, fs: g}, u: u}, nil
}

func (c *conn) close() { c.db.Close() }

// inspect reads the live schema, split into our tables and whether
// golang-migrate's version table exists.
func (c *conn) inspect(ctx context.Context) (*Schema, bool, error) {
	return inspect(ctx, c.db, c.drv)
}

func inspect(ctx context.Context, db *rx.DB, drv Driver) (*Schema, bool, error) {
	s, err := drv.Inspect(ctx, db)
	if err != nil {
		return nil, false, fmt.Errorf("migrate: reading the database schema: %w", err)
	}
	out := &Schema{}
	hasVersion := false
	for _, t := range s.Tables {
		if t.Name == VersionTable {
			hasVersion = true
			continue
		}
		if t.Name == DowngradeTable || t.Name == LockTable || t.Name == AppliedTable || t.Name == appliedBuilding {
			continue
		}
		out.Tables = append(out.Tables, t)
	}
	out.sort()
	return out, hasVersion, nil
}

// dbVersion reads golang-migrate's version row with a plain query, so
// that a read-only check never creates the table as golang-migrate's
// drivers do when they open.
func dbVersion(ctx context.Context, db *rx.DB, hasTable bool) (v version, err error) {
	if !hasTable {
		return v, nil
	}
	var n int64
	var dirty bool
	err = db.SQL().QueryRowContext(ctx, "SELECT version, dirty FROM "+db.Dialect().Quote(VersionTable)).Scan(&n, &dirty)
	if errors.Is(err, errNoRows) {
		return v, nil
	}
	if err != nil {
		return v, fmt.Errorf("migrate: reading the schema version: %w", err)
	}
	v = version{Version: uint(n), Applied: true, Dirty: dirty}
	if n < 0 { // golang-migrate's NilVersion, written dirty when a first down fails
		v = version{Dirty: dirty}
	}
	v.Undoing, err = undoing(ctx, db, v)
	return v, err
}

// version is the database's migration state.
type version struct {
	Version uint
	Applied bool // Version is meaningful: some migration is applied
	Dirty   bool
	Undoing uint // the version a failed downgrade was undoing, when Dirty
}

// commandName guesses how the user started this program, for the
// commands that messages suggest.
func commandName() string {
	if len(os.Args) == 0 {
		return ""
	}
	exe := os.Args[0]
	if rel := goRunPackage(exe); rel != "" {
		return "go run " + rel
	}
	return shellQuote(exe)
}

// shellQuote returns the program as it was invoked, so that a printed
// command runs when pasted: "./app" stays "./app" (its base name would
// be "command not found"), a name found in PATH stays bare, and a path
// with spaces or shell characters is single-quoted.
func shellQuote(exe string) string {
	safe := exe != ""
	for _, r := range exe {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_./-+=:,@%", r)) {
			safe = false
			break
		}
	}
	if safe {
		return exe
	}
	return "'" + strings.ReplaceAll(exe, "'", `'\''`) + "'"
}
