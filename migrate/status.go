package migrate

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/rxgo/rxdb/internal/startup"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

// Status is the migration state of a database.
type Status struct {
	Version uint // the applied version, when Applied
	Applied bool // some migration is applied
	Dirty   bool
	Files   []File // every migration in the folder
	Pending []File // those not applied yet
	// Drift is the difference from the live database to the models;
	// with migrations pending, they may account for it.
	Drift *Diff
	// Unmanaged are the objects of the database that no model declares
	// (see Migrator.Prune and rx.Config.Ignore): listed, not drift.
	Unmanaged []Unmanaged
	// Undoing is the version whose down migration failed, when a
	// downgrade left the database dirty.
	Undoing uint
	// Repair is the command that repairs a dirty database.
	Repair string
	// Changed are applied migrations whose up file differs from the one
	// that was applied (ErrChangedMigration).
	Changed []File
}

// Status reads the database's version, the pending migrations and the
// drift between the models and the live schema. It changes nothing.
func (m *Migrator) Status(ctx context.Context) (*Status, error) {
	tables, err := m.tables()
	if err != nil {
		return nil, err
	}
	fsys, dir := m.cfg.MigrationsSource()
	files, err := listFiles(fsys, dir)
	if err != nil {
		return nil, err
	}
	c, live, v, err := m.liveState(ctx)
	if err != nil {
		return nil, err
	}
	defer c.close()
	if len(files) == 0 {
		if err := noFilesError(m.cfg, v); err != nil {
			return nil, err
		}
	}
	if err := m.checkOrder(ctx, c.db, files, v); err != nil {
		return nil, err
	}
	if err := m.missingGo(ctx, c.db, files); err != nil {
		return nil, err
	}
	changed, err := m.changedFiles(ctx, c.db, files)
	if err != nil {
		return nil, err
	}
	st := &Status{Version: v.Version, Applied: v.Applied, Dirty: v.Dirty, Files: files, Pending: pending(files, v), Changed: changed}
	st.Drift, st.Unmanaged = m.scope().compare(c.drv, live, FromModels(c.db.Dialect(), tables))
	if v.Dirty && v.Undoing != 0 {
		// The schema is still at the version being undone: what is
		// pending is what comes after it.
		st.Pending = pending(files, version{Version: v.Undoing, Applied: true})
	}
	if v.Dirty {
		st.Undoing = v.Undoing
		st.Repair = m.dirtyError(v, files, c.drv.TransactionalDDL(), nil).Repair
	}
	return st, nil
}

// String is the report that `db status` prints.
func (st *Status) String() string {
	var b strings.Builder
	switch {
	case st.Applied:
		fmt.Fprintf(&b, "version: %s\n", fileName(st.Files, st.Version))
	default:
		b.WriteString("version: none (no migration applied)\n")
	}
	switch {
	case st.Dirty && st.Undoing != 0:
		fmt.Fprintf(&b, "dirty: yes, undoing %s failed part-way; after repairing the database run:\n  %s\n", fileName(st.Files, st.Undoing), st.Repair)
	case st.Dirty:
		fmt.Fprintf(&b, "dirty: yes, a migration failed part-way; after repairing the database run:\n  %s\n", st.Repair)
	default:
		b.WriteString("dirty: no\n")
	}
	fmt.Fprintf(&b, "migrations: %d in the folder, %d pending\n", len(st.Files), len(st.Pending))
	for _, f := range st.Pending {
		fmt.Fprintf(&b, "  pending %s%s\n", f.Name(), f.kind())
	}
	for _, f := range st.Changed {
		fmt.Fprintf(&b, "  changed %s: its up file differs from the one applied (restore it; put changes in a new migration)\n", f.Name())
	}
	if st.Drift.Empty() {
		b.WriteString("models: match the database\n")
	} else {
		fmt.Fprintf(&b, "models: %d difference(s) from the database", len(st.Drift.Changes))
		if len(st.Pending) > 0 {
			b.WriteString(" (the pending migrations may account for them)")
		}
		b.WriteString("\n")
		for _, c := range st.Drift.Changes {
			fmt.Fprintf(&b, "  %s\n", c)
		}
	}
	writeUnmanaged(&b, st.Unmanaged)
	return b.String()
}

// writeUnmanaged lists the objects no model declares, which are kept.
func writeUnmanaged(b *strings.Builder, un []Unmanaged) {
	if len(un) == 0 {
		return
	}
	fmt.Fprintf(b, "unmanaged: %d object(s) no model declares, kept (db makemigrations -prune drops them; rx.Config.Ignore hides them):\n", len(un))
	for _, u := range un {
		fmt.Fprintf(b, "  %s\n", u)
	}
}

// CheckError lists what Check found; errors.Is(err, ErrCheckFailed).
type CheckError struct{ Problems []string }

func (e *CheckError) Error() string {
	return "migrate: check failed:\n  " + strings.Join(e.Problems, "\n  ")
}

// Is makes errors.Is(err, ErrCheckFailed) true.
func (e *CheckError) Is(target error) bool { return target == ErrCheckFailed }

// Check fails, naming every difference, when the database is dirty, when
// migrations are pending, when the models differ from the live schema,
// or (unless NoReplay) when the migrations folder, applied from empty to
// a scratch database on the same server (dropped afterwards), fails or
// builds a schema other than the models': the CI guard against a
// forgotten makemigrations and against a history that cannot be
// replayed.
func (m *Migrator) Check(ctx context.Context) error {
	_, err := m.check(ctx)
	return err
}

// check is Check, with the status it read (nil when it could not).
func (m *Migrator) check(ctx context.Context) (*Status, error) {
	st, err := m.Status(ctx)
	if err != nil {
		return nil, err
	}
	var problems []string
	if st.Dirty {
		problems = append(problems, fmt.Sprintf("database is dirty at version %d: after repairing it, run `%s`", st.Version, strings.ReplaceAll(st.Repair, "\n  ", "`, then `")))
	}
	if len(st.Pending) > 0 && !st.Dirty { // a dirty database's repair says what to run
		problems = append(problems, describePending(st.Pending)+": run `"+m.cmd("db migrate")+"`")
	}
	if len(st.Changed) > 0 {
		problems = append(problems, strings.TrimPrefix(m.changedError(st.Changed).Error(), "migrate: "))
	}
	if !st.Drift.Empty() {
		for _, c := range st.Drift.Changes {
			problems = append(problems, "models differ: "+c.String())
		}
		if len(st.Pending) == 0 && !st.Dirty {
			problems = append(problems, "run `"+m.cmd(`db makemigrations -m "..."`)+"`")
		}
	}
	if !m.NoReplay {
		more, err := m.replayCheck(ctx)
		if err != nil {
			return st, err
		}
		problems = append(problems, more...)
	}
	if len(problems) > 0 {
		return st, &CheckError{Problems: problems}
	}
	return st, nil
}

// replayCheck is the replay of the folder on a scratch database of the
// server m's database is on.
func (m *Migrator) replayCheck(ctx context.Context) ([]string, error) {
	c, err := m.open(ctx)
	if err != nil {
		return nil, err
	}
	defer c.close()
	return m.replay(ctx, c)
}

// init gives rx.Open its schema check: rx cannot import migrate (migrate
// imports rx), so importing migrate, even as import _, is what makes Open
// compare the database with its migrations and models.
func init() {
	startup.SetSchemaCheck(func(ctx context.Context, db, cfg any, log *slog.Logger) {
		startupCheck(ctx, db.(*rx.DB), cfg.(rx.Config), log)
	})
}

// startupCheck is rx.Open's schema check: one introspection and one
// version read, logging what the user has to run. It writes nothing.
func startupCheck(ctx context.Context, db *rx.DB, cfg rx.Config, log *slog.Logger) {
	cfg = withDialect(cfg, db.Dialect().Name())
	cmd := New(cfg)
	fsys, dir := cmd.cfg.MigrationsSource() // with the Go migrations registered with Go
	files, err := listFiles(fsys, dir)
	if err != nil {
		log.Warn("rx: cannot read the migrations", "err", err)
		return
	}
	if len(files) == 0 {
		warnNoFiles(ctx, db, cfg, log)
		return
	}
	drv, err := DriverFor(db.Dialect())
	if err != nil {
		log.Warn("rx: cannot check the schema", "err", err)
		return
	}
	live, hasVersion, err := inspect(ctx, db, drv)
	if err != nil {
		log.Warn("rx: cannot check the schema", "err", err)
		return
	}
	v, err := dbVersion(ctx, db, hasVersion)
	if err != nil {
		log.Warn("rx: cannot check the schema", "err", err)
		return
	}
	if err := cmd.checkDialect(fsys, dir, files); err != nil {
		log.Warn(err.Error())
		return
	}
	if v.Dirty {
		e := cmd.dirtyError(v, files, drv.TransactionalDDL(), nil)
		log.Warn(fmt.Sprintf("database is dirty at version %d: a migration failed part-way; repair it, then run `%s`", v.Version, strings.ReplaceAll(e.Repair, "\n  ", "` and `")))
		return
	}
	if err := cmd.checkOrder(ctx, db, files, v); err != nil {
		log.Warn(err.Error())
		return
	}
	if changed, err := cmd.changedFiles(ctx, db, files); err == nil && len(changed) > 0 {
		log.Warn(cmd.changedError(changed).Error())
	}
	if p := pending(files, v); len(p) > 0 {
		log.Warn(describePending(p)+": run `"+cmd.cmd("db migrate")+"`", "pending", len(p))
		return
	}
	models := schema.Models()
	if len(models) == 0 {
		return
	}
	diff, _ := scope{ignore: cfg.Ignore}.compare(drv, live, FromModels(db.Dialect(), models))
	if diff.Empty() {
		return
	}
	changes := make([]string, len(diff.Changes))
	for i, c := range diff.Changes {
		changes[i] = c.String()
	}
	log.Warn("schema changes detected: run `"+cmd.cmd(`db makemigrations -m "..."`)+"`", "changes", strings.Join(changes, "; "))
}

// warnNoFiles is the start-up check without migration files: quiet for
// a project that has not adopted migrations, loud when the database
// records a version and the folder is not where the program looks.
func warnNoFiles(ctx context.Context, db *rx.DB, cfg rx.Config, log *slog.Logger) {
	v, err := recordedVersion(ctx, db)
	if err != nil {
		log.Warn("rx: cannot check the schema", "err", err)
	} else if err := noFilesError(cfg, v); err != nil {
		log.Warn(err.Error())
	}
}
