package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/rxgo/rxdb/rx"
)

// missingGo refuses a database that applied Go migrations this program
// does not register: without them the program cannot undo them, and a
// new database built by it would lack their changes. The record's
// checksum (goSum) says a version was a Go migration's.
func (m *Migrator) missingGo(ctx context.Context, db *rx.DB, files []File) error {
	if _, ok, err := appliedVersions(ctx, db); err != nil || !ok {
		return err
	}
	q := db.SQLX().Rebind("SELECT version FROM " + db.Dialect().Quote(AppliedTable) + " WHERE checksum LIKE ? ORDER BY version")
	rows, err := db.SQL().QueryContext(ctx, q, goSumPrefix+"%")
	if err != nil {
		return fmt.Errorf("migrate: reading the applied versions: %w", err)
	}
	defer rows.Close()
	var missing []string
	for rows.Next() {
		var v sql.NullInt64
		if err := rows.Scan(&v); err != nil {
			return fmt.Errorf("migrate: reading the applied versions: %w", err)
		}
		if !hasVersion(files, uint(v.Int64)) {
			missing = append(missing, fmt.Sprint(v.Int64))
		}
	}
	if err := rows.Err(); err != nil || len(missing) == 0 {
		return err
	}
	return fmt.Errorf("%w: version %s was applied by a Go migration that this program does not register (it was built from other code than the binary that migrated the database): "+
		"run the program built from the code that registers it with migrate.Go, or register it again under the same version and name",
		ErrMissingGoMigration, strings.Join(missing, ", "))
}

// irreversible refuses, before anything is undone, a downgrade of n
// migrations (math.MaxInt: all) from version cur that would undo a Go
// migration registered without a down function.
func (m *Migrator) irreversible(files []File, cur uint, n int) error {
	fsys, _ := m.cfg.MigrationsSource()
	undo := 0
	for i := len(files) - 1; i >= 0 && undo < n; i-- {
		f := files[i]
		if f.Version > cur {
			continue
		}
		undo++
		if g, ok := goOf(fsys, f.Version); ok && g.Down == nil {
			to := fmt.Sprint(previous(files, f.Version))
			return fmt.Errorf("%w: %s is a Go migration registered without a down function; nothing was undone. Register a down function, or, once you have undone its changes by hand, record the version before it with `%s`",
				ErrIrreversible, f.Name(), m.cmd("db force "+to))
		}
	}
	return nil
}
