package migrate

import (
	"fmt"

	"github.com/rxgo/rxdb/schema"
)

// unlistedRelated names the tables that the models' relations and
// foreign keys need but that are not among the models: db init and
// makemigrations write only the models they are given, so a many-to-many
// link table or a belongs-to target left out of the list would be left
// out of the schema without a word, and fail at the first query.
func unlistedRelated(tables []*schema.Table) []string {
	in := map[string]bool{}
	for _, t := range tables {
		in[t.Name] = true
	}
	var notes []string
	seen := map[string]bool{}
	need := func(owner *schema.Table, what string, t *schema.Table, name string) {
		if in[name] || seen[name] {
			return
		}
		seen[name] = true
		model := "its model"
		if t != nil && t.GoType != nil {
			model = "&" + t.GoType.Name() + "{}"
		}
		notes = append(notes, fmt.Sprintf("model %s's %s needs table %s, which is not among the migrator's models, so the migrations leave it out: add %s to the models passed to migrate.Run or migrate.New (with none passed, register it with rx.Register)",
			owner.Model(), what, name, model))
	}
	for _, t := range tables {
		for _, r := range t.Relations() {
			if err := r.Resolve(); err != nil {
				notes = append(notes, fmt.Sprintf("model %s's relation %s cannot be resolved, so the migrations leave out what it needs: %v", t.Model(), r.Name, err))
				continue
			}
			need(t, "relation "+r.Name, r.Target, r.Target.Name)
			if r.Kind == schema.ManyToMany && r.Through != nil {
				need(t, "relation "+r.Name+" (its link table)", r.Through, r.Through.Name)
			}
		}
		for _, fk := range t.ForeignKeys() {
			need(t, "foreign key "+fk.Column, schema.Lookup(fk.RefTable), fk.RefTable)
		}
	}
	return notes
}
