package migrate

import (
	"errors"
	"fmt"
	"math"

	gomigrate "github.com/golang-migrate/migrate/v4"
)

// checkDowngradeCount refuses to undo n migrations when fewer are
// applied: `db downgrade 5` for `db downgrade 2` would otherwise undo
// every migration, dropping every table, and exit 0 (Alembic refuses
// too). DowngradeAll asks for math.MaxInt and is refused only for a Go
// migration without a down function (irreversible), as is any count.
func (m *Migrator) checkDowngradeCount(g *gomigrate.Migrate, files []File, n int) error {
	cur, _, err := g.Version()
	if errors.Is(err, gomigrate.ErrNilVersion) {
		return nil // nothing applied: Downgrade says so
	}
	if err != nil {
		return fmt.Errorf("migrate: reading the schema version: %w", err)
	}
	if err := m.irreversible(files, cur, n); err != nil || n == math.MaxInt {
		return err
	}
	applied := 0
	for _, f := range files {
		if f.Version <= cur {
			applied++
		}
	}
	if n <= applied {
		return nil
	}
	noun := "migrations are"
	if applied == 1 {
		noun = "migration is"
	}
	return fmt.Errorf("%w: asked to undo %d, but %d %s applied (up to %s); nothing was undone. To undo every one, to the empty schema, run `%s`",
		ErrDowngradeTooFar, n, applied, noun, fileName(files, cur), m.cmd("db downgrade all"))
}
