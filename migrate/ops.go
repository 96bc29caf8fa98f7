package migrate

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	gomigrate "github.com/golang-migrate/migrate/v4"
	"github.com/golang-migrate/migrate/v4/database"
	"github.com/golang-migrate/migrate/v4/source/iofs"
)

// Migration is a migration that Init or MakeMigrations wrote, or would
// have written: its file, its changes and where the files went.
type Migration struct {
	File File
	Diff *Diff
	Up   string // the up file's text
	Down string // the down file's text
	// Paths are the files written; none when the schema had no changes.
	Paths []string
	// Baselined is set when Init found the database already holding the
	// models' tables and recorded the new version as applied.
	Baselined bool
	// Adopted names the models' tables that Init found in a database that
	// differs from the models: the first migration holds them as the
	// database has them, so that the folder replays to this database, and
	// the next makemigrations writes what the models change.
	Adopted []string
	// Differ names, with Adopted, the models' tables that the database
	// lacks or holds otherwise than the models declare.
	Differ []string
	// Unmanaged are the objects Init's baseline found that no model
	// declares, kept as they are.
	Unmanaged []Unmanaged
	// Next are the commands Init tells the user to run next, in order.
	Next []string
	// Notes are things the user must know that are not changes.
	Notes []string
	// Unlisted names the tables that the models' relations or foreign
	// keys need but that are not among the models, so the migration
	// leaves them out; each says how to add the model.
	Unlisted []string
}

// Init writes the first migration: the models' whole schema, in a new
// migrations folder. It refuses when migrations exist. When the database
// already holds the models' tables as they declare them (made by
// CreateAll, or an existing database adopting rx; other tables and
// indexes may be there too), the migration is recorded as applied so
// that `db migrate` does not try to create the tables again. When it
// holds some of them otherwise, the migration holds those tables as the
// database has them, recorded as applied (Migration.Adopted), and
// MakeMigrations then writes what the models change.
func (m *Migrator) Init(ctx context.Context, message string) (*Migration, error) {
	dir := m.dir()
	files, err := listFiles(os.DirFS(dir), ".")
	if err != nil {
		return nil, err
	}
	if len(files) > 0 {
		return nil, fmt.Errorf("%w in %s (%d, latest %s): change the models and run `%s`", ErrMigrationsExist, dir, len(files), files[len(files)-1].Name(), m.cmd("db makemigrations -m \"...\""))
	}
	tables, err := m.tables()
	if err != nil {
		return nil, err
	}
	c, err := m.open(ctx)
	if err != nil {
		return nil, err
	}
	defer c.close()
	want := m.scope().hide(FromModels(c.db.Dialect(), tables)) // Config.Ignore: not ours to create
	live, hasVersion, err := c.inspect(ctx)
	if err != nil {
		return nil, err
	}
	if v, err := dbVersion(ctx, c.db, hasVersion); err != nil {
		return nil, err
	} else if err := noFilesError(m.cfg, v); err != nil {
		return nil, err // a first migration would be written over a live, migrated schema
	}
	if message == "" {
		message = "initial"
	}
	plan, err := m.planBaseline(ctx, c, live, want, hasVersion)
	if err != nil {
		return nil, err
	}
	mig, err := m.render(ctx, c, &Schema{}, plan.schema, File{Version: nextVersion(m.now(), 0), Slug: slug(message), HasUp: true, HasDown: true})
	if err != nil {
		return nil, err
	}
	mig.Unlisted = unlistedRelated(tables)
	if err := withTypes(ctx, c, plan.schema, mig); err != nil {
		return nil, fmt.Errorf("migrate: reading the database's own types: %w", err)
	}
	if mig.Paths, err = writeFiles(dir, mig.File, mig.Up, mig.Down); err != nil {
		return nil, err
	}
	return mig, m.baseline(ctx, c, mig, plan)
}

// MakeMigrations compares the models with the live database and writes
// the difference as a new migration. It refuses when the database has
// not applied every migration in the folder. When nothing differs it
// writes nothing and returns a Migration with an empty Diff.
func (m *Migrator) MakeMigrations(ctx context.Context, message string) (*Migration, error) {
	if strings.TrimSpace(message) == "" {
		return nil, errors.New(`migrate: makemigrations needs a message saying what changed, as in -m "add phone"`)
	}
	dir := m.dir()
	files, err := listFiles(os.DirFS(dir), ".")
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		if err := m.checkNoFiles(ctx); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%w in %s: run `%s` first", ErrNoMigrations, dir, m.cmd("db init"))
	}
	if err := m.checkDialect(os.DirFS(dir), ".", files); err != nil {
		return nil, err
	}
	tables, err := m.tables()
	if err != nil {
		return nil, err
	}
	c, live, v, err := m.liveState(ctx)
	if err != nil {
		return nil, err
	}
	defer c.close()
	if v.Dirty {
		return nil, m.regenerateHint(m.dirtyError(v, files, c.drv.TransactionalDDL(), nil), files, v, c.drv.TransactionalDDL())
	}
	if p := pending(files, v); len(p) > 0 {
		return nil, m.regenerateHint(fmt.Errorf("%w: %s; run `%s` first", ErrBehind, describePending(p), m.cmd("db migrate")), files, v, c.drv.TransactionalDDL())
	}
	if v.Applied && !hasVersion(files, v.Version) {
		return nil, fmt.Errorf("migrate: the database is at version %d, which is not in %s (a migration from another branch, or a deleted file): restore the file before writing a new migration", v.Version, dir)
	}
	// Only what the models manage is compared: tables without a model and
	// undeclared indexes are kept unless Prune (scope).
	from, want, _ := m.scope().apply(live, FromModels(c.db.Dialect(), tables))
	last := files[len(files)-1].Version
	mig, err := m.render(ctx, c, from, want, File{Version: nextVersion(m.now(), last), Slug: slug(message), HasUp: true, HasDown: true})
	if err != nil {
		return nil, err
	}
	mig.Unlisted = unlistedRelated(tables)
	if mig.Diff.Empty() {
		return mig, nil
	}
	if mig.Paths, err = writeFiles(dir, mig.File, mig.Up, mig.Down); err != nil {
		return nil, err
	}
	return mig, nil
}

// render builds a migration's files from the diff from -> to; the down
// file is the reverse diff, so it undoes exactly what the up file does.
// The driver sees the live database first (readDependents): it may keep
// what a rebuild would lose, or refuse what would fail at apply time.
func (m *Migrator) render(ctx context.Context, c *conn, from, to *Schema, f File) (*Migration, error) {
	d := c.db.Dialect()
	up := Compare(c.drv, from, to)
	down := Compare(c.drv, to, from)
	down.restore()
	if err := readDependents(ctx, c, up, down); err != nil {
		return nil, err
	}
	header := func(dir string, diff *Diff) string {
		var b strings.Builder
		fmt.Fprintf(&b, "-- %s.%s.sql, written by rxdb migrate on %s.\n", f.Name(), dir, d.Name())
		if w := diff.Warnings(); len(w) > 0 {
			fmt.Fprintf(&b, "-- %d change(s) below can lose data or fail on existing rows: read the DESTRUCTIVE and WARNING lines.\n", len(w))
		}
		b.WriteString("\n")
		return b.String()
	}
	return &Migration{
		File: f,
		Diff: up,
		Up:   header("up", up) + Statements(d, c.drv, up),
		Down: header("down", down) + Statements(d, c.drv, down),
	}, nil
}

// liveState opens the database and reads its schema and its migration
// version; the caller closes the connection.
func (m *Migrator) liveState(ctx context.Context) (*conn, *Schema, version, error) {
	c, err := m.open(ctx)
	if err != nil {
		return nil, nil, version{}, err
	}
	live, hasTable, err := c.inspect(ctx)
	if err == nil {
		var v version
		if v, err = dbVersion(ctx, c.db, hasTable); err == nil {
			return c, live, v, nil
		}
	}
	c.close()
	return nil, nil, version{}, err
}

// Step is one migration applied or undone.
type Step struct {
	Version  uint
	Name     string // <version>_<slug>
	Duration time.Duration
}

// Migrate applies every pending migration, one version at a time under
// golang-migrate's lock, so two processes migrating at once apply each
// version once. Each applied version is printed to Out with its
// duration. A failure returns a *DirtyError naming the repair.
func (m *Migrator) Migrate(ctx context.Context) ([]Step, error) {
	return m.migrateTo(ctx, 0)
}

// migrateTo applies the pending migrations up to version target (0:
// all of them).
func (m *Migrator) migrateTo(ctx context.Context, target uint) ([]Step, error) {
	c, files, g, dbd, err := m.begin(ctx)
	if err != nil || g == nil {
		return nil, err
	}
	defer c.close()
	defer g.Close()
	var steps []Step
	deadline := time.Now().Add(g.LockTimeout)
	for {
		if err := ctx.Err(); err != nil {
			return steps, err
		}
		// Read without the lock: another process may be half-way through
		// a migration, so its dirty flag is only believed under the lock
		// (Steps reports it as ErrDirty).
		cur, dirty, err := g.Version()
		applied := err == nil
		if err != nil && !errors.Is(err, gomigrate.ErrNilVersion) {
			return steps, fmt.Errorf("migrate: reading the schema version: %w", err)
		}
		if applied && !hasVersion(files, cur) {
			return steps, fmt.Errorf("migrate: the database is at version %d, which is not in %s (a migration from another branch, or a deleted file): restore the file, or record the newest version of the folder that the schema matches, as in `%s`", cur, m.dir(), m.cmd("db force "+strconv.Itoa(previous(files, cur))))
		}
		if len(pendingUpTo(files, version{Version: cur, Applied: applied}, target)) == 0 {
			if dirty {
				if v, stillDirty, err := lockedVersion(g, dbd); err != nil {
					return steps, err
				} else if stillDirty {
					return steps, m.dirtyErrorAt(ctx, c, int(v), files) // int(uint(-1)) is -1 again
				}
				continue
			}
			return steps, nil
		}
		start := time.Now()
		ranVersions(g)
		err = g.Steps(1)
		if de := (gomigrate.ErrDirty{}); errors.As(err, &de) {
			return steps, m.dirtyErrorAt(ctx, c, de.Version, files)
		}
		if errors.Is(err, gomigrate.ErrLocked) || errors.Is(err, database.ErrLocked) {
			// MySQL's GET_LOCK gives up after 10 s; keep waiting for the
			// other process up to LockTimeout.
			if time.Now().After(deadline) {
				return steps, fmt.Errorf("migrate: another process holds the migration lock: %w", err)
			}
			time.Sleep(100 * time.Millisecond)
			continue
		}
		if errors.Is(err, gomigrate.ErrNoChange) || errors.Is(err, os.ErrNotExist) {
			continue // another process applied it meanwhile: look again
		}
		ran := ranVersions(g)
		if err != nil {
			if v, dirty, verr := g.Version(); verr == nil && dirty {
				return steps, m.dirtyError(version{Version: v, Applied: true, Dirty: true}, files, c.drv.TransactionalDDL(), err)
			}
			return steps, fmt.Errorf("migrate: applying migrations: %w", err)
		}
		if len(ran) != 1 {
			return steps, fmt.Errorf("migrate: golang-migrate reported %d migrations for one step", len(ran))
		}
		s, err := m.applied(ctx, c, files, ran[0], start)
		if err != nil {
			return steps, err
		}
		steps = append(steps, s)
	}
}

// applied records and prints version v, which this process just
// applied.
func (m *Migrator) applied(ctx context.Context, c *conn, files []File, v uint, start time.Time) (Step, error) {
	s := Step{Version: v, Name: fileName(files, v), Duration: time.Since(start)}
	if err := markApplied(ctx, c.db, v, m.sumOf(files, v)); err != nil {
		return s, err
	}
	m.printf("applied %s (%s)\n", s.Name, s.Duration.Round(time.Millisecond))
	return s, nil
}

func hasVersion(files []File, v uint) bool {
	for _, f := range files {
		if f.Version == v {
			return true
		}
	}
	return false
}

// Downgrade undoes the last n applied migrations (n < 1 means 1), newest
// first, printing each to Out.
func (m *Migrator) Downgrade(ctx context.Context, n int) ([]Step, error) {
	if n < 1 {
		n = 1
	}
	c, files, g, _, err := m.begin(ctx)
	if err != nil {
		return nil, err
	}
	if g == nil {
		return nil, fmt.Errorf("%w in %s to undo", ErrNoMigrations, m.dir())
	}
	defer c.close()
	defer g.Close()
	if err := m.checkDowngradeCount(g, files, n); err != nil {
		return nil, err
	}
	var steps []Step
	for len(steps) < n {
		v, _, err := g.Version()
		if errors.Is(err, gomigrate.ErrNilVersion) {
			break
		}
		if err != nil {
			return steps, fmt.Errorf("migrate: reading the schema version: %w", err)
		}
		start := time.Now()
		ranVersions(g)
		if err := g.Steps(-1); err != nil {
			if errors.Is(err, gomigrate.ErrNoChange) || errors.Is(err, os.ErrNotExist) {
				break
			}
			if de := (gomigrate.ErrDirty{}); errors.As(err, &de) {
				return steps, m.dirtyErrorAt(ctx, c, de.Version, files)
			}
			// golang-migrate marks the target version dirty when a down
			// migration fails; the schema is still at v. Record which
			// version was being undone, for db status's repair.
			prev := previous(files, v)
			dv := version{Version: uint(max(prev, 0)), Applied: prev >= 0, Dirty: true, Undoing: v}
			if merr := markDowngrade(ctx, c.db, prev, v); merr != nil {
				err = errors.Join(err, merr)
			}
			return steps, m.dirtyError(dv, files, c.drv.TransactionalDDL(), err)
		}
		if ran := ranVersions(g); len(ran) == 1 {
			v = ran[0] // another process may have moved the version since it was read
		}
		if err := markApplied(ctx, c.db, v, forget); err != nil {
			return steps, err
		}
		s := Step{Version: v, Name: fileName(files, v), Duration: time.Since(start)}
		steps = append(steps, s)
		m.printf("undid %s (%s)\n", s.Name, s.Duration.Round(time.Millisecond))
	}
	if len(steps) == 0 {
		return nil, fmt.Errorf("%w applied: nothing to downgrade", ErrNoMigrations)
	}
	return steps, nil
}

// Force records version as the database's current version and clears
// the dirty flag, without running anything: the repair after a failed
// migration was fixed by hand. -1 means no migration applied.
func (m *Migrator) Force(ctx context.Context, version int) error {
	c, err := m.open(ctx)
	if err != nil {
		return err
	}
	defer c.close()
	return m.force(ctx, c, version)
}

func (m *Migrator) force(ctx context.Context, c *conn, version int) error {
	g, _, err := m.golangMigrate(ctx, c)
	if err != nil {
		return err
	}
	defer g.Close()
	if err := g.Force(version); err != nil {
		return fmt.Errorf("migrate: forcing version %d: %w", version, err)
	}
	fsys, dir := m.cfg.MigrationsSource()
	files, err := listFiles(fsys, dir)
	if err != nil {
		return err
	}
	if err := m.forceApplied(ctx, c.db, files, version); err != nil {
		return err
	}
	return clearDowngrade(ctx, c.db)
}

// dirtyErrorAt is dirtyError for golang-migrate's dirty version v (-1:
// none), reading whether a failed downgrade left it.
func (m *Migrator) dirtyErrorAt(ctx context.Context, c *conn, v int, files []File) error {
	dv := version{Version: uint(max(v, 0)), Applied: v >= 0, Dirty: true}
	u, err := undoing(ctx, c.db, dv)
	if err != nil {
		return err
	}
	dv.Undoing = u
	return m.dirtyError(dv, files, c.drv.TransactionalDDL(), nil)
}

// begin opens the database and golang-migrate, refusing out-of-order
// migrations (guardOrder); g is nil when the folder has no migrations.
func (m *Migrator) begin(ctx context.Context) (*conn, []File, *gomigrate.Migrate, database.Driver, error) {
	fsys, dir := m.cfg.MigrationsSource()
	files, err := listFiles(fsys, dir)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if len(files) == 0 {
		return nil, nil, nil, nil, m.checkNoFiles(ctx)
	}
	if err := m.checkDialect(fsys, dir, files); err != nil {
		return nil, nil, nil, nil, err
	}
	c, err := m.open(ctx)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	g, dbd, err := m.golangMigrate(ctx, c)
	if err != nil {
		c.close()
		return nil, nil, nil, nil, err
	}
	// Under the lock: two processes starting the record at once would
	// both create it.
	if err := withLock(g, dbd, func() error { return m.guardOrder(ctx, c.db, files) }); err != nil {
		g.Close()
		c.close()
		return nil, nil, nil, nil, err
	}
	return c, files, g, dbd, nil
}

// withLock runs fn under the migration lock, waiting for another
// process's up to g.LockTimeout.
func withLock(g *gomigrate.Migrate, dbd database.Driver, fn func() error) error {
	deadline := time.Now().Add(g.LockTimeout)
	for {
		err := dbd.Lock()
		if err == nil {
			break
		}
		if !errors.Is(err, database.ErrLocked) || time.Now().After(deadline) {
			return fmt.Errorf("migrate: taking the migration lock: %w", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	err := fn()
	if uerr := dbd.Unlock(); err == nil {
		err = uerr
	}
	return err
}

// lockedVersion reads the version under the migration lock, so that a
// dirty flag is not another process's migration in progress.
func lockedVersion(g *gomigrate.Migrate, dbd database.Driver) (uint, bool, error) {
	var v int
	var dirty bool
	err := withLock(g, dbd, func() (err error) {
		v, dirty, err = dbd.Version()
		if err != nil {
			err = fmt.Errorf("migrate: reading the schema version: %w", err)
		}
		return err
	})
	if err != nil {
		return 0, false, err
	}
	return uint(v), dirty, nil
}

func (m *Migrator) golangMigrate(ctx context.Context, c *conn) (*gomigrate.Migrate, database.Driver, error) {
	fsys, dir := m.cfg.MigrationsSource()
	src, err := iofs.New(fsys, dir)
	if err != nil {
		return nil, nil, fmt.Errorf("migrate: reading migrations from %s: %w", m.dir(), err)
	}
	dbd, err := c.drv.Open(ctx, c.u)
	if err != nil {
		src.Close()
		return nil, nil, fmt.Errorf("migrate: opening golang-migrate on %s: %w", c.db, err)
	}
	g, err := gomigrate.NewWithInstance("iofs", src, c.db.Dialect().Name(), dbd)
	if err != nil {
		src.Close()
		dbd.Close()
		return nil, nil, err
	}
	g.LockTimeout = m.LockTimeout
	if g.LockTimeout <= 0 {
		g.LockTimeout = time.Minute
	}
	g.Log = &stepLog{}
	return g, dbd, nil
}

// stepLog hears golang-migrate report each migration it ran, as
// "<version>/u <name> (<duration>)". It is the only race-free account of
// which version this process applied: reading the version after Steps
// returns can already see another process's next migration.
type stepLog struct {
	mu  sync.Mutex
	ran []uint
}

// Printf implements golang-migrate's Logger.
func (l *stepLog) Printf(format string, v ...any) {
	line := fmt.Sprintf(format, v...)
	head, _, ok := strings.Cut(line, "/")
	if !ok {
		return
	}
	n, err := strconv.ParseUint(head, 10, 64)
	if err != nil {
		return
	}
	l.mu.Lock()
	l.ran = append(l.ran, uint(n))
	l.mu.Unlock()
}

// Verbose implements golang-migrate's Logger: only the one line per
// migration is wanted.
func (l *stepLog) Verbose() bool { return false }

// take returns and forgets the versions reported since the last take.
func (l *stepLog) take() []uint {
	l.mu.Lock()
	defer l.mu.Unlock()
	ran := l.ran
	l.ran = nil
	return ran
}

// ranVersions is what g's stepLog heard since the last call.
func ranVersions(g *gomigrate.Migrate) []uint {
	if l, ok := g.Log.(*stepLog); ok {
		return l.take()
	}
	return nil
}

func fileName(files []File, v uint) string {
	for _, f := range files {
		if f.Version == v {
			return f.Name()
		}
	}
	return fmt.Sprint(v)
}

// pendingUpTo lists the files newer than the database's version up to
// version target (0: all).
func pendingUpTo(files []File, v version, target uint) []File {
	p := pending(files, v)
	if target == 0 {
		return p
	}
	for i, f := range p {
		if f.Version > target {
			return p[:i]
		}
	}
	return p
}

// Goto moves the database to version target, applying the migrations
// up to it or undoing those after it, and returns the steps. target
// must be a version in the migrations folder; DowngradeAll goes to the
// empty schema.
func (m *Migrator) Goto(ctx context.Context, target uint) ([]Step, error) {
	fsys, dir := m.cfg.MigrationsSource()
	files, err := listFiles(fsys, dir)
	if err != nil {
		return nil, err
	}
	if !hasVersion(files, target) {
		return nil, fmt.Errorf("migrate: version %d is not in %s: `%s` lists the migrations", target, m.dir(), m.cmd("db status"))
	}
	if err := m.checkDialect(fsys, dir, files); err != nil {
		return nil, err
	}
	c, _, v, err := m.liveState(ctx)
	if err != nil {
		return nil, err
	}
	c.close()
	if v.Dirty {
		return nil, m.dirtyError(v, files, c.drv.TransactionalDDL(), nil)
	}
	if !v.Applied || v.Version < target {
		return m.migrateTo(ctx, target)
	}
	n := 0
	for _, f := range files {
		if f.Version > target && f.Version <= v.Version {
			n++
		}
	}
	if n == 0 {
		return nil, nil
	}
	return m.Downgrade(ctx, n)
}

// DowngradeAll undoes every applied migration, newest first, down to
// the empty schema.
func (m *Migrator) DowngradeAll(ctx context.Context) ([]Step, error) {
	return m.Downgrade(ctx, math.MaxInt)
}

// pending lists the files newer than the database's version.
func pending(files []File, v version) []File {
	var out []File
	for _, f := range files {
		if !v.Applied || f.Version > v.Version {
			out = append(out, f)
		}
	}
	return out
}

func describePending(p []File) string {
	names := make([]string, len(p))
	for i, f := range p {
		names[i] = f.Name()
	}
	noun := "migrations"
	if len(p) == 1 {
		noun = "migration"
	}
	return fmt.Sprintf("%d %s pending (%s)", len(p), noun, strings.Join(names, ", "))
}
