package migrate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/rxgo/rxdb/rx"
)

// DirtyError reports a database that golang-migrate marked dirty: a
// migration failed part-way. It names the version and the command that
// records the right version once the database is repaired.
type DirtyError struct {
	Version uint // the dirty version (0 with none applied)
	// Undoing is the version whose down migration failed, when the
	// dirty flag comes from a downgrade; 0 for a failed up migration.
	Undoing uint
	Repair  string // the commands to run, such as "myapp db force 20260102030405"
	// Transactional is set when the failed migration ran in a
	// transaction (PostgreSQL, SQLite), so nothing of it was applied.
	Transactional bool
	Err           error // the failure, when it just happened
}

func (e *DirtyError) Error() string {
	s := fmt.Sprintf("migrate: database is dirty at version %d", e.Version)
	if e.Undoing != 0 {
		s = fmt.Sprintf("migrate: undoing version %d failed, the database is dirty", e.Undoing)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	file := "migration"
	if e.Undoing != 0 {
		file = "down migration"
	}
	var gf *goFailure
	if errors.As(e.Err, &gf) {
		s += "\nThe Go migration ran in a transaction, which was rolled back: none of its changes were applied (on MySQL and MariaDB, except DDL statements, which commit themselves). Fix the function, rebuild the program, then run:\n  "
		return s + e.Repair
	}
	if e.Transactional {
		s += "\nThe " + file + " ran in a transaction, so none of it was applied. Fix the " + file + " file, then run:\n  "
	} else {
		s += "\nThis database commits each DDL statement: the statements before the failing one, if any, were applied. Undo them by hand (or finish the " + file + "), fix the file, then run:\n  "
	}
	return s + e.Repair
}

// Is makes errors.Is(err, ErrDirty) true.
func (e *DirtyError) Is(target error) bool { return target == ErrDirty }

// Unwrap returns the failure.
func (e *DirtyError) Unwrap() error { return e.Err }

// dirtyError builds the repair for a database dirty at v.Version. After
// a failed up migration golang-migrate records the failing version, so
// the version to restore is the one before it (-1, golang-migrate's
// "none", for the first), then migrate again. After a failed down
// migration it records the version the downgrade was going to, but the
// schema is still at the version being undone (v.Undoing): restore that
// one, then downgrade again.
func (m *Migrator) dirtyError(v version, files []File, transactional bool, cause error) *DirtyError {
	e := &DirtyError{Version: v.Version, Undoing: v.Undoing, Transactional: transactional, Err: cause}
	if v.Undoing != 0 {
		e.Repair = m.cmd("db force "+strconv.FormatUint(uint64(v.Undoing), 10)) + "\n  " + m.cmd("db downgrade")
		return e
	}
	e.Repair = m.cmd("db force "+strconv.Itoa(previous(files, v.Version))) + "\n  " + m.cmd("db migrate")
	return e
}

// previous is the version before v in files, -1 for none.
func previous(files []File, v uint) int {
	prev := -1
	for _, f := range files {
		if f.Version < v {
			prev = int(f.Version)
		}
	}
	return prev
}

// DowngradeTable records, while a failed downgrade keeps the database
// dirty, which version was being undone: golang-migrate's own table only
// holds the version the downgrade was going to, the same row a failed up
// migration of that version leaves, and the repairs differ. The diff
// ignores it.
const DowngradeTable = "schema_migrations_downgrade"

// markDowngrade records that undoing version undoing failed, leaving
// golang-migrate's table dirty at dirtyAt (-1: none).
func markDowngrade(ctx context.Context, db *rx.DB, dirtyAt int, undoing uint) error {
	q := db.Dialect().Quote(DowngradeTable)
	for _, stmt := range []string{
		"CREATE TABLE IF NOT EXISTS " + q + " (dirty_version BIGINT NOT NULL, undoing BIGINT NOT NULL)",
		"DELETE FROM " + q,
	} {
		if _, err := db.SQL().ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("migrate: recording the failed downgrade: %w", err)
		}
	}
	_, err := db.SQL().ExecContext(ctx, db.SQLX().Rebind("INSERT INTO "+q+" (dirty_version, undoing) VALUES (?, ?)"), int64(dirtyAt), int64(undoing))
	if err != nil {
		return fmt.Errorf("migrate: recording the failed downgrade: %w", err)
	}
	return nil
}

// clearDowngrade forgets a failed downgrade once the version is forced.
func clearDowngrade(ctx context.Context, db *rx.DB) error {
	names, err := db.Tables(ctx)
	if err != nil || !slices.Contains(names, DowngradeTable) {
		return err
	}
	_, err = db.SQL().ExecContext(ctx, "DELETE FROM "+db.Dialect().Quote(DowngradeTable))
	return err
}

// undoing reads which version a failed downgrade was undoing when the
// database is dirty at v; 0 when the dirty flag is not a downgrade's.
func undoing(ctx context.Context, db *rx.DB, v version) (uint, error) {
	if !v.Dirty {
		return 0, nil
	}
	names, err := db.Tables(ctx)
	if err != nil || !slices.Contains(names, DowngradeTable) {
		return 0, err
	}
	dirtyAt := int64(-1)
	if v.Applied {
		dirtyAt = int64(v.Version)
	}
	var u int64
	err = db.SQL().QueryRowContext(ctx, db.SQLX().Rebind("SELECT undoing FROM "+db.Dialect().Quote(DowngradeTable)+" WHERE dirty_version = ?"), dirtyAt).Scan(&u)
	if err == errNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("migrate: reading the failed downgrade: %w", err)
	}
	return uint(u), nil
}
