package migrate

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/rxgo/rxdb/rx"
)

// ErrDependentObjects: a migration would change or drop a table or
// column that objects the models do not describe depend on (PostgreSQL
// refuses with 2BP01 at apply time), so makemigrations writes nothing.
var ErrDependentObjects = errors.New("migrate: objects the models do not describe depend on what the migration changes")

// Dependents are what a live table carries that Inspect does not read
// and that a driver must keep when it rebuilds the table (SQLite): the
// views and triggers that refer to it, and its CHECK constraints.
type Dependents struct {
	// Objects are the views and triggers to drop before the rebuild and
	// create again after it, in creation order, their SQL as the
	// database keeps it (with the migration's renames applied).
	Objects []Object
	// Lost names what the rebuild cannot keep (a CHECK on a dropped
	// column), for the DESTRUCTIVE line of the file; empty when nothing.
	Lost []string
}

// Object is a view or trigger of a live database.
type Object struct {
	Kind string // "view" or "trigger"
	Name string
	SQL  string // the statements that create it again, as the database keeps it
	Drop string // the statement that drops it, as the driver writes it
}

// DependentsReader is implemented by a Driver that must look at the live
// database before a migration is written: to fill TableDiff.Dependents
// for the tables it rebuilds, or to refuse (an error wrapping
// ErrDependentObjects, naming the objects and the fix) a change that
// the database would refuse at apply time. down is set for the down
// file's diff, whose dropped tables are those the up file creates, or,
// for db init on a database it baselines, every table of the models.
type DependentsReader interface {
	Dependents(ctx context.Context, db *rx.DB, diff *Diff, down bool) error
}

// readDependents gives the up and down files' diffs to the driver's
// DependentsReader, if it has one.
func readDependents(ctx context.Context, c *conn, up, down *Diff) error {
	r, ok := baseDriver(c.drv).(DependentsReader)
	if !ok {
		return nil
	}
	if err := r.Dependents(ctx, c.db, up, false); err != nil {
		return err
	}
	return r.Dependents(ctx, c.db, down, true)
}

// Save returns the statements a driver writes before it changes the
// table: a DESTRUCTIVE line for each thing it cannot keep, then the
// drops of the saved objects, newest first. It is nil for nil d.
func (d *Dependents) Save() []string {
	if d == nil {
		return nil
	}
	var out []string
	for _, lost := range d.Lost {
		out = append(out, "-- DESTRUCTIVE: the change cannot keep "+strings.Join(strings.Fields(lost), " "))
	}
	for _, o := range slices.Backward(d.Objects) {
		out = append(out, o.Drop)
	}
	return out
}

// Restore returns the statements that create the saved objects again,
// in their creation order, for after the change. It is nil for nil d.
func (d *Dependents) Restore() []string {
	if d == nil {
		return nil
	}
	out := make([]string, len(d.Objects))
	for i, o := range d.Objects {
		out[i] = o.SQL
	}
	return out
}
