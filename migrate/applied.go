package migrate

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rxgo/rxdb/rx"
)

// AppliedTable records every version this database has applied.
// golang-migrate keeps only the newest, so a migration merged with an
// older timestamp than one already applied would be skipped by
// `db migrate` without a word; this table is how rxdb sees it. The diff
// ignores it.
const AppliedTable = "schema_migrations_applied"

// appliedVersions reads the recorded versions; ok is false when the
// table does not exist yet (nothing migrated since rxdb kept it).
func appliedVersions(ctx context.Context, db *rx.DB) (applied map[uint]bool, ok bool, err error) {
	names, err := db.Tables(ctx)
	if err != nil || !slices.Contains(names, AppliedTable) {
		return nil, false, err
	}
	rows, err := db.SQL().QueryContext(ctx, "SELECT version FROM "+db.Dialect().Quote(AppliedTable))
	if err != nil {
		return nil, false, fmt.Errorf("migrate: reading the applied versions: %w", err)
	}
	defer rows.Close()
	applied = map[uint]bool{}
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, false, fmt.Errorf("migrate: reading the applied versions: %w", err)
		}
		applied[uint(v)] = true
	}
	return applied, true, rows.Err()
}

// ensureApplied creates AppliedTable when missing and records the
// versions up to the current one as applied: golang-migrate's own view
// of a database migrated before the table existed.
func (m *Migrator) ensureApplied(ctx context.Context, db *rx.DB, files []File, v version) error {
	if _, ok, err := appliedVersions(ctx, db); err != nil || ok {
		return err
	}
	// Built under another name and renamed when full, so that a process
	// reading it without the lock (status, the start-up check) never
	// sees a part of the record and takes the rest for skipped.
	d := db.Dialect()
	tmp, final := d.Quote(appliedBuilding), d.Quote(AppliedTable)
	for _, q := range []string{"DROP TABLE IF EXISTS " + tmp, "CREATE TABLE " + tmp + " (version BIGINT NOT NULL PRIMARY KEY, checksum VARCHAR(64))"} {
		if _, err := db.SQL().ExecContext(ctx, q); err != nil {
			return fmt.Errorf("migrate: creating %s: %w", AppliedTable, err)
		}
	}
	for _, f := range files {
		if v.Applied && (f.Version < v.Version || f.Version == v.Version && !v.Dirty) {
			if _, err := db.SQL().ExecContext(ctx, db.SQLX().Rebind("INSERT INTO "+tmp+" (version, checksum) VALUES (?, ?)"), int64(f.Version), m.upSum(f)); err != nil {
				return fmt.Errorf("migrate: recording version %d: %w", f.Version, err)
			}
		}
	}
	if _, err := db.SQL().ExecContext(ctx, "ALTER TABLE "+tmp+" RENAME TO "+final); err != nil {
		return fmt.Errorf("migrate: creating %s: %w", AppliedTable, err)
	}
	return nil
}

// appliedBuilding is AppliedTable's name while ensureApplied fills it.
const appliedBuilding = AppliedTable + "_building"

// markApplied records version v with the SHA-256 of its up file (sum),
// or forgets it when sum is forget. A concurrent process recording the
// same version is not an error.
func markApplied(ctx context.Context, db *rx.DB, v uint, sum string) error {
	q := db.Dialect().Quote(AppliedTable)
	if _, err := db.SQL().ExecContext(ctx, db.SQLX().Rebind("DELETE FROM "+q+" WHERE version = ?"), int64(v)); err != nil {
		return fmt.Errorf("migrate: recording version %d: %w", v, err)
	}
	if sum == forget {
		return nil
	}
	if _, err := db.SQL().ExecContext(ctx, db.SQLX().Rebind("INSERT INTO "+q+" (version, checksum) VALUES (?, ?)"), int64(v), sum); err != nil {
		if got, _, rerr := appliedVersions(ctx, db); rerr == nil && got[v] {
			return nil
		}
		return fmt.Errorf("migrate: recording version %d: %w", v, err)
	}
	return nil
}

// outOfOrder lists the files older than the current version that the
// database never applied.
func outOfOrder(files []File, v version, applied map[uint]bool) []File {
	var out []File
	for _, f := range files {
		if v.Applied && f.Version < v.Version && !applied[f.Version] {
			out = append(out, f)
		}
	}
	return out
}

// outOfOrderError names the skipped migrations and the fix: give them a
// version after the current one, so that golang-migrate applies them.
func (m *Migrator) outOfOrderError(skipped []File, files []File, cur uint) error {
	next := nextVersion(m.now(), files[len(files)-1].Version)
	var names, renames []string
	for i, f := range skipped {
		names = append(names, f.Name())
		to := strconv.FormatUint(uint64(next)+uint64(i), 10) + "_" + f.Slug
		renames = append(renames, fmt.Sprintf("%s.{up,down}.sql to %s.{up,down}.sql", f.Name(), to))
	}
	return fmt.Errorf("%w: %s older than the applied version %s, never applied (merged after a newer one was applied): `%s` would skip it. "+
		"Rename it to a version after every applied one, in %s: %s; then run `%s`",
		ErrOutOfOrder, strings.Join(names, ", "), fileName(files, cur), m.cmd("db migrate"), m.dir(), strings.Join(renames, ", "), m.cmd("db migrate"))
}

// checkOrder refuses the migrations that golang-migrate would skip:
// older than the current version and never applied.
func (m *Migrator) checkOrder(ctx context.Context, db *rx.DB, files []File, v version) error {
	applied, ok, err := appliedVersions(ctx, db)
	if err != nil || !ok {
		return err
	}
	if s := outOfOrder(files, v, applied); len(s) > 0 {
		return m.outOfOrderError(s, files, v.Version)
	}
	return nil
}

// guardOrder, before migrating or downgrading, starts the record of
// applied versions if needed and refuses skipped migrations: a
// downgrade would otherwise run the down file of one never applied.
func (m *Migrator) guardOrder(ctx context.Context, db *rx.DB, files []File) error {
	v, err := recordedVersion(ctx, db)
	if err == nil {
		err = m.ensureApplied(ctx, db, files, v)
	}
	if err == nil {
		err = m.checkOrder(ctx, db, files, v)
	}
	if err == nil {
		err = m.missingGo(ctx, db, files)
	}
	return err
}

// forceApplied makes the record agree with `db force version`: the
// versions after it are not applied, and it is.
func (m *Migrator) forceApplied(ctx context.Context, db *rx.DB, files []File, v int) error {
	if _, ok, err := appliedVersions(ctx, db); err != nil || !ok {
		return err
	}
	q := db.Dialect().Quote(AppliedTable)
	if _, err := db.SQL().ExecContext(ctx, db.SQLX().Rebind("DELETE FROM "+q+" WHERE version > ?"), int64(v)); err != nil {
		return fmt.Errorf("migrate: recording version %d: %w", v, err)
	}
	if v < 0 {
		return nil
	}
	return markApplied(ctx, db, uint(v), m.sumOf(files, uint(v)))
}
