package migrate

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/rxgo/rxdb/rx"
)

// forget is markApplied's sum for a version to remove from the record.
const forget = "\x00forget"

// upSum is the SHA-256 (hex) of f's up file as it is in the folder now,
// "" when it cannot be read.
func (m *Migrator) upSum(f File) string {
	fsys, dir := m.cfg.MigrationsSource()
	b, err := fs.ReadFile(fsys, path.Join(dir, f.Name()+".up.sql"))
	if err != nil {
		return ""
	}
	if g, ok := goOf(fsys, f.Version); ok {
		return goSum(g)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// goSumPrefix starts the recorded checksum of a Go migration, so that a
// version applied by Go code is told from a file's (missingGo).
const goSumPrefix = "go:"

// goSum is a Go migration's checksum: "go:" and the SHA-256 (hex, cut
// to fit the 64-character column) of "<version>_<name>". Go code has no
// file to hash, so renaming an applied Go migration is reported as a
// changed migration, and editing its function is not.
func goSum(g GoMigration) string {
	h := sha256.Sum256([]byte(g.FileName()))
	return (goSumPrefix + hex.EncodeToString(h[:]))[:64]
}

// sumOf is upSum of version v in files.
func (m *Migrator) sumOf(files []File, v uint) string {
	for _, f := range files {
		if f.Version == v {
			return m.upSum(f)
		}
	}
	return ""
}

// changedFiles lists the applied migrations whose up file differs from
// the one recorded when it was applied. Versions recorded without a sum
// (a file missing then) are not compared.
func (m *Migrator) changedFiles(ctx context.Context, db *rx.DB, files []File) ([]File, error) {
	if _, ok, err := appliedVersions(ctx, db); err != nil || !ok {
		return nil, err
	}
	rows, err := db.SQL().QueryContext(ctx, "SELECT version, checksum FROM "+db.Dialect().Quote(AppliedTable))
	if err != nil {
		return nil, fmt.Errorf("migrate: reading the applied versions' checksums: %w", err)
	}
	defer rows.Close()
	sums := map[uint]string{}
	for rows.Next() {
		var v int64
		var sum sql.NullString
		if err := rows.Scan(&v, &sum); err != nil {
			return nil, fmt.Errorf("migrate: reading the applied versions' checksums: %w", err)
		}
		sums[uint(v)] = sum.String
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var changed []File
	for _, f := range files {
		if was := sums[f.Version]; was != "" && was != m.upSum(f) {
			changed = append(changed, f)
		}
	}
	return changed, nil
}

// changedError names the changed files and the fix.
func (m *Migrator) changedError(changed []File) error {
	names := make([]string, len(changed))
	for i, f := range changed {
		names[i] = path.Join(m.dir(), f.Name()+".up.sql")
	}
	return fmt.Errorf("%w: %s: the database ran the file as it was, so a new database built from the folder would differ from this one. "+
		"Restore the file as it was applied (from version control), and write the change as a new migration (`%s`)",
		ErrChangedMigration, strings.Join(names, ", "), m.cmd(`db makemigrations -m "..."`))
}
