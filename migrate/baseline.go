package migrate

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// baseline decides, after Init wrote the first migration mig, what the
// database needs for it: nothing to skip on an empty database (Next:
// migrate); on one that already holds every model's table as the models
// declare it, whatever else it holds (unmanaged objects, see scope), the
// migration is recorded as applied; otherwise it would fail on the
// tables it finds, so the steps it prints adopt them instead: record the
// migration as applied, then write what differs as a second one.
func (m *Migrator) baseline(ctx context.Context, c *conn, mig *Migration, live, want *Schema, hasVersion bool) error {
	from, to, un := m.scope().apply(live, want)
	var existing []string
	for _, t := range to.Tables {
		if from.Table(t.Name) != nil {
			existing = append(existing, t.Name)
		}
	}
	if len(existing) == 0 {
		mig.Next = []string{m.cmd("db migrate")}
		return nil
	}
	v, err := dbVersion(ctx, c.db, hasVersion)
	if err != nil {
		return err
	}
	if len(existing) == len(to.Tables) && !v.Applied && !v.Dirty && Compare(c.drv, from, to).Empty() {
		if err := m.force(ctx, c, int(mig.File.Version)); err != nil {
			return err
		}
		mig.Baselined, mig.Unmanaged = true, un
		mig.Next = []string{m.cmd("db check")}
		return nil
	}
	mig.Notes = append(mig.Notes, fmt.Sprintf("the database already has table(s) %s, not as the models declare them: applying this migration here would fail creating them again, so adopt them instead: record it as applied on this database, then write what differs as a new migration and apply that",
		strings.Join(existing, ", ")))
	mig.Next = []string{m.cmd("db force " + strconv.FormatUint(uint64(mig.File.Version), 10)), m.cmd(`db makemigrations -m "adopt existing tables"`), m.cmd("db migrate")}
	return nil
}
