package migrate

import (
	"fmt"
	"strconv"
)

// DirtyError reports a database that golang-migrate marked dirty: a
// migration failed part-way. It names the version and the command that
// records the right version once the database is repaired.
type DirtyError struct {
	Version uint   // the dirty version
	Repair  string // the command to run, such as "myapp db force 20260102030405"
	// Transactional is set when the failed migration ran in a
	// transaction (PostgreSQL, SQLite), so nothing of it was applied.
	Transactional bool
	Err           error // the failure, when it just happened
}

func (e *DirtyError) Error() string {
	s := fmt.Sprintf("migrate: database is dirty at version %d", e.Version)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	if e.Transactional {
		s += "\nThe migration ran in a transaction, so none of it was applied. Fix the migration file, then run:\n  "
	} else {
		s += "\nThis database commits each DDL statement: the statements before the failing one were applied. Undo them by hand (or finish the migration), fix the file, then run:\n  "
	}
	return s + e.Repair
}

// Is makes errors.Is(err, ErrDirty) true.
func (e *DirtyError) Is(target error) bool { return target == ErrDirty }

// Unwrap returns the failure.
func (e *DirtyError) Unwrap() error { return e.Err }

// dirtyError builds the repair for a database dirty at v after a failed
// up migration: golang-migrate records the failing version, so the
// version to restore is the one before it (-1, golang-migrate's "none",
// for the first).
func (m *Migrator) dirtyError(v uint, files []File, transactional bool, cause error) *DirtyError {
	prev := -1
	for _, f := range files {
		if f.Version < v {
			prev = int(f.Version)
		}
	}
	return &DirtyError{
		Version:       v,
		Repair:        m.cmd("db force "+strconv.Itoa(prev)) + "\n  " + m.cmd("db migrate"),
		Transactional: transactional,
		Err:           cause,
	}
}
