package migrate

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// baselinePlan is what Init writes as the first migration, and whether it
// records it as applied, for the tables the database already holds.
type baselinePlan struct {
	schema   *Schema  // what the first migration creates
	record   bool     // record it as applied: the database holds it already
	existing []string // the models' tables the database holds
	live     bool     // schema is those tables as the database has them, not the models
	differ   []string // with live: the models' tables the database lacks or holds otherwise
	un       []Unmanaged
}

// planBaseline decides what Init writes: on an empty database (as far
// as the models go), the models' schema, to apply (Next: migrate); on
// one that holds every model's table as the models declare it, whatever
// else it holds (unmanaged objects, see scope), the same migration,
// recorded as applied; on one that holds some of the models' tables
// otherwise, the first migration holds those tables as they are (so the
// folder replays to what the database has), recorded as applied, and
// makemigrations writes what the models change as the next one.
func (m *Migrator) planBaseline(ctx context.Context, c *conn, live, want *Schema, hasVersion bool) (baselinePlan, error) {
	from, to, un := m.scope().apply(live, want)
	plan := baselinePlan{schema: want, un: un}
	for _, t := range to.Tables {
		if from.Table(t.Name) != nil {
			plan.existing = append(plan.existing, t.Name)
		}
	}
	if len(plan.existing) == 0 {
		return plan, nil
	}
	v, err := dbVersion(ctx, c.db, hasVersion)
	if err != nil || v.Applied || v.Dirty {
		return plan, err // Init refused an applied version already; a dirty one gets the manual steps
	}
	plan.record = true
	diff := Compare(c.drv, from, to)
	if len(plan.existing) == len(to.Tables) && diff.Empty() {
		return plan, nil
	}
	for _, t := range diff.AddTables {
		plan.differ = append(plan.differ, t.Name)
	}
	for _, td := range diff.Tables {
		plan.differ = append(plan.differ, td.To.Name)
	}
	slices.Sort(plan.differ)
	plan.schema, plan.live = liveBaseline(from), true
	return plan, nil
}

// liveBaseline is the live tables of from as a first migration creates
// them: with their indexes, and the foreign keys among them (a key to a
// table the migration does not create could not be added on replay).
func liveBaseline(from *Schema) *Schema {
	out := &Schema{}
	for _, t := range from.Tables {
		t = t.clone()
		t.Was = nil
		t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk *ForeignKey) bool { return from.Table(fk.RefTable) == nil })
		out.Tables = append(out.Tables, t)
	}
	return out
}

// baseline records, after Init wrote the first migration mig as plan
// says, what the database needs for it, and the next steps.
func (m *Migrator) baseline(ctx context.Context, c *conn, mig *Migration, plan baselinePlan) error {
	version := strconv.FormatUint(uint64(mig.File.Version), 10)
	switch {
	case len(plan.existing) == 0:
		mig.Next = []string{m.cmd("db migrate")}
		return nil
	case !plan.record:
		mig.Notes = append(mig.Notes, fmt.Sprintf("the database already has table(s) %s, not as the models declare them: applying this migration here would fail creating them again, so adopt them instead: record it as applied on this database, then write what differs as a new migration and apply that",
			strings.Join(plan.existing, ", ")))
		mig.Next = []string{m.cmd("db force " + version), m.cmd(`db makemigrations -m "adopt existing tables"`), m.cmd("db migrate")}
		return nil
	}
	if err := m.force(ctx, c, int(mig.File.Version)); err != nil {
		return err
	}
	mig.Baselined, mig.Unmanaged = true, plan.un
	mig.Notes = append(mig.Notes, fmt.Sprintf("on every other database that already holds these tables, run `%s` before `%s`", m.cmd("db force "+version), m.cmd("db migrate")))
	mig.Next = []string{m.cmd("db check")}
	if plan.live {
		mig.Adopted, mig.Differ = plan.existing, plan.differ
		mig.Next = []string{m.cmd(`db makemigrations -m "adopt models"`), m.cmd("db migrate")}
	}
	return nil
}
