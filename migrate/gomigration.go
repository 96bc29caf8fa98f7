package migrate

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/rxgo/rxdb/rx"
)

// GoFunc is the up or the down of a Go migration. It runs with a session
// on the migration's transaction: returning an error rolls back what it
// did and leaves the database dirty at its version, like a failed SQL
// file. On MySQL and MariaDB a DDL statement commits that transaction
// itself, so keep schema changes in SQL files and Go migrations to data.
type GoFunc func(ctx context.Context, s *rx.Session) error

// GoMigration is a migration written in Go: a data migration, such as a
// backfill of one column from another, that SQL cannot express. It is
// ordered with the SQL files by Version, applied, recorded and undone
// like them, and listed by db status. Name is its slug, as in a file
// name (lower case letters, digits and underscores).
type GoMigration struct {
	Version uint
	Name    string
	Up      GoFunc
	Down    GoFunc // nil: the migration cannot be undone (ErrIrreversible)
}

// Errors of Go migrations, for errors.Is.
var (
	// ErrBadGoMigration: a Go migration's registration is invalid, or
	// its version is also an SQL migration's in the folder.
	ErrBadGoMigration = errors.New("migrate: invalid Go migration")
	// ErrMissingGoMigration: the database applied a Go migration that
	// this program does not register (a binary built from another
	// commit), so the folder plus the program no longer describe it.
	ErrMissingGoMigration = errors.New("migrate: an applied Go migration is not registered in this program")
	// ErrIrreversible: a downgrade would undo a Go migration registered
	// without a down function; nothing was undone.
	ErrIrreversible = errors.New("migrate: a migration without a down cannot be undone")
)

// registered are the Go migrations of Go, which New gives every
// Migrator: migrate.Run and rx.Open's start-up check build their own.
var registered struct {
	sync.Mutex
	list []GoMigration
}

// Go registers a Go migration for every Migrator this program creates
// (migrate.Run's included), usually from an init function in the file
// that holds up and down, as goose's AddMigration does. It panics on an
// invalid registration, as http.Handle does: the program is wrong, not
// its input. Migrator.Go registers one on a single Migrator.
func Go(version uint, name string, up, down GoFunc) {
	g := GoMigration{Version: version, Name: name, Up: up, Down: down}
	if err := g.validate(); err != nil {
		panic(err)
	}
	registered.Lock()
	defer registered.Unlock()
	for _, o := range registered.list {
		if o.Version == version {
			panic(fmt.Errorf("%w: version %d is registered twice (%s and %s)", ErrBadGoMigration, version, o.Name, name))
		}
	}
	registered.list = append(registered.list, g)
}

// Go registers a Go migration on m only (see the package-level Go). It
// refuses a version registered twice and an invalid name; a version that
// is also an SQL file's is refused when the folder is read.
func (m *Migrator) Go(version uint, name string, up, down GoFunc) error {
	return m.addGo(GoMigration{Version: version, Name: name, Up: up, Down: down})
}

func (m *Migrator) addGo(g GoMigration) error {
	if err := g.validate(); err != nil {
		return err
	}
	return m.goFS().add(g)
}

func (g GoMigration) validate() error {
	switch {
	case g.Version == 0:
		return fmt.Errorf("%w %q: its version must be a positive number, such as the time it was written (20260102150405)", ErrBadGoMigration, g.Name)
	case g.Name == "" || slug(g.Name) != g.Name:
		return fmt.Errorf("%w %d: its name %q must be a file-name slug, as %q", ErrBadGoMigration, g.Version, g.Name, slug(g.Name))
	case g.Up == nil:
		return fmt.Errorf("%w %d_%s: its up function is nil", ErrBadGoMigration, g.Version, g.Name)
	}
	return nil
}

// FileName is the migration's name as db status lists it, <version>_<name>.
func (g GoMigration) FileName() string {
	return strconv.FormatUint(uint64(g.Version), 10) + "_" + g.Name
}

// goFailure is a Go migration's function returning an error.
type goFailure struct {
	name, dir string
	err       error
}

func (e *goFailure) Error() string {
	return fmt.Sprintf("Go migration %s (%s): %v", e.name, e.dir, e.err)
}

func (e *goFailure) Unwrap() error { return e.err }
