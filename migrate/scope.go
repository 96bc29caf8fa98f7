package migrate

import (
	"path"
	"slices"
)

// scope decides which objects of a live database the diff manages: rx
// manages what its models declare, so a database that holds more (other
// services' tables, a composite unique key written by hand) can adopt rx
// one table at a time without migrations proposing to drop the rest.
type scope struct {
	ignore []string // rx.Config.Ignore: hidden from both sides
	prune  bool     // Migrator.Prune: unmanaged objects are dropped, marked DESTRUCTIVE
}

// Unmanaged is an object of the live database that no model declares: a
// table without a model, or an index or foreign key on a modelled table
// (or CHECK constraint) that its model does not declare. Migrations keep it (unless
// Migrator.Prune), and it is not drift.
type Unmanaged struct {
	Kind   string // "table", "index", "foreign key" or "check"
	Table  string
	Name   string // the index or foreign key; "" for a table
	Detail string // an index's columns, a foreign key's reference
}

func (u Unmanaged) String() string {
	s := "unmanaged " + u.Kind + " " + u.Table
	if u.Name != "" {
		s += "." + u.Name
	}
	if u.Detail != "" {
		s += " (" + u.Detail + ")"
	}
	return s
}

// prunedWarning marks the drop of an index or foreign key the models do
// not declare: no model can re-create it, so it is DESTRUCTIVE.
const prunedWarning = "not declared by the models (dropped because of -prune): the models cannot re-create it"

// compare is Compare on the managed part of live and want, and the
// unmanaged objects it left out.
func (s scope) compare(drv Driver, live, want *Schema) (*Diff, []Unmanaged) {
	from, to, un := s.apply(live, want)
	return Compare(drv, from, to), un
}

// apply returns live and want restricted to what the diff manages, and
// the unmanaged objects of live. Kept indexes and foreign keys are copied
// into the target, so that a driver rebuilding the table (SQLite)
// re-creates them; pruned ones stay in live only, marked DESTRUCTIVE.
func (s scope) apply(live, want *Schema) (from, to *Schema, un []Unmanaged) {
	from, to = s.hide(live), s.hide(want)
	renamed := pairRenames(from.Tables, to.Tables, func(t *Table) (string, []string) { return t.Name, t.Was })
	kept := from.Tables[:0:0]
	for _, ft := range from.Tables {
		name := ft.Name
		if n := renamed[name]; n != "" {
			name = n
		}
		i := slices.IndexFunc(to.Tables, func(t *Table) bool { return t.Name == name })
		switch {
		case i >= 0:
			var tu []Unmanaged
			ft, to.Tables[i], tu = s.table(ft, to.Tables[i])
			un = append(un, tu...)
		case !s.prune:
			un = append(un, Unmanaged{Kind: "table", Table: ft.Name})
			continue
		}
		kept = append(kept, ft)
	}
	from.Tables = kept
	return from, to, un
}

// hide is s without the tables, indexes and foreign keys that Ignore
// names; the tables it changes are copies.
func (s scope) hide(in *Schema) *Schema {
	out := &Schema{}
	for _, t := range in.Tables {
		if s.ignored(t.Name) {
			continue
		}
		if slices.ContainsFunc(t.Indexes, func(ix *Index) bool { return s.ignored(ix.Name) }) ||
			slices.ContainsFunc(t.ForeignKeys, func(fk *ForeignKey) bool { return s.ignored(fk.Name) }) ||
			slices.ContainsFunc(t.Checks, func(ck *Check) bool { return s.ignored(ck.Name) }) {
			t = t.clone()
			t.Indexes = slices.DeleteFunc(t.Indexes, func(ix *Index) bool { return s.ignored(ix.Name) })
			t.ForeignKeys = slices.DeleteFunc(t.ForeignKeys, func(fk *ForeignKey) bool { return s.ignored(fk.Name) })
			t.Checks = slices.DeleteFunc(t.Checks, func(ck *Check) bool { return s.ignored(ck.Name) })
		}
		out.Tables = append(out.Tables, t)
	}
	return out
}

// ignored reports whether Ignore names name; a malformed pattern matches
// only itself.
func (s scope) ignored(name string) bool {
	for _, p := range s.ignore {
		if ok, err := path.Match(p, name); ok || err != nil && p == name {
			return true
		}
	}
	return false
}
