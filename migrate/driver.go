package migrate

import (
	"context"
	"fmt"
	"net/url"
	"sync"

	"github.com/golang-migrate/migrate/v4/database"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/rx"
)

// Driver is what migrations need from a database: introspection, the
// canonical form of its types for comparison, the ALTER statements of a
// table change, and golang-migrate's database driver. Each database's
// implementation lives beside its rx dialect, in drivers/<db>/<db>migrate,
// and registers itself with Register from init; importing that package
// enables both the dialect and its migrations.
type Driver interface {
	// Inspect reads every base table of the connected database (or
	// PostgreSQL schema), golang-migrate's own table included.
	Inspect(ctx context.Context, db *rx.DB) (*Schema, error)
	// Normalize rewrites t (a copy) into the canonical form in which a
	// model's table and a live table are compared: type names as the
	// server reports them, defaults without casts, the database's implicit
	// auto-increment.
	Normalize(t *Table)
	// Narrows reports whether changing a column from the normalized type
	// from to the normalized type to can lose data. DefaultNarrows
	// answers it for the usual SQL type names.
	Narrows(from, to string) bool
	// AlterTable returns the statements that turn diff.From into diff.To,
	// keeping the rows. Renames are already written before them (diff.From
	// carries the new names); an added column is rendered with
	// AddColumnDefinition, whose Placeholder default the driver drops
	// right after, and a column tightened to NOT NULL is backfilled with
	// BackfillSQL first (TableDiff.Backfill chooses the value).
	AlterTable(d dialect.Dialect, diff *TableDiff) []string
	// DropTable returns the statement that drops the table.
	DropTable(d dialect.Dialect, table string) string
	// TransactionalDDL reports whether each migration runs in one
	// transaction, so that a failure leaves nothing of it behind.
	TransactionalDDL() bool
	// Open opens golang-migrate's database driver on a connection of its
	// own to the database u names, with the settings golang-migrate needs.
	Open(ctx context.Context, u *url.URL) (database.Driver, error)
}

var registry sync.Map // dialect.Dialect -> Driver

// Register makes drv the migrations driver of dialect d.
func Register(d dialect.Dialect, drv Driver) { registry.Store(d, drv) }

// The package that provides migrations for each dialect, for the error
// that tells a user which import is missing.
var knownDrivers = map[string]string{
	"sqlite":   "github.com/rxgo/rxdb/drivers/sqlite/sqlitemigrate",
	"mysql":    "github.com/rxgo/rxdb/drivers/mysql/mysqlmigrate",
	"postgres": "github.com/rxgo/rxdb/drivers/postgres/pgmigrate",
}

// DriverFor returns the migrations driver registered for dialect d.
func DriverFor(d dialect.Dialect) (Driver, error) {
	if v, ok := registry.Load(d); ok {
		return v.(Driver), nil
	}
	if pkg, ok := knownDrivers[d.Name()]; ok {
		return nil, fmt.Errorf("migrate: no migrations driver for %s is loaded: add `import _ %q` to your program", d.Name(), pkg)
	}
	return nil, fmt.Errorf("migrate: no migrations driver for %s is loaded: its package must call migrate.Register", d.Name())
}
