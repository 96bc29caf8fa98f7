package pgmigrate

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/rxgo/rxdb/drivers/postgres"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// dependentsQuery lists the rewrite rules (a view's is its definition)
// that depend on relation $1 of the current schema: on the columns named
// in $2, or with $2 empty on any column of it, other than its own. For
// each: the relation, its kind, the rule, and what saving a view needs
// (definition, options, comment) or what rules it out (grants, triggers,
// other rules, a materialized view's rows).
const dependentsQuery = `SELECT DISTINCT c.oid, c.relname, c.relkind, r.rulename,
	COALESCE(pg_get_viewdef(c.oid), ''), COALESCE(array_to_string(c.reloptions, ', '), ''),
	COALESCE(quote_literal(obj_description(c.oid, 'pg_class')), ''),
	c.relacl IS NOT NULL,
	EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = c.oid),
	EXISTS (SELECT 1 FROM pg_rewrite o WHERE o.ev_class = c.oid AND o.rulename <> '_RETURN')
FROM pg_depend d
JOIN pg_rewrite r ON r.oid = d.objid
JOIN pg_class c ON c.oid = r.ev_class
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'n'
	AND d.refobjid = $1 AND (cardinality($2::text[]) = 0 AND c.oid <> $1 OR a.attname = ANY($2::text[]))
ORDER BY c.oid`

// dependent is one row of dependentsQuery.
type dependent struct {
	oid                   uint32
	name, kind, rule      string
	def, options, comment string
	grants, triggers      bool
	rules                 bool
}

// view reports whether d is a plain view that saving and creating again
// restores as it was.
func (d dependent) view() bool {
	return d.kind == "v" && d.rule == "_RETURN" && !d.grants && !d.triggers && !d.rules
}

func (d dependent) String() string {
	switch {
	case d.kind == "m":
		return "materialized view " + d.name
	case d.kind == "v" && d.rule == "_RETURN":
		return "view " + d.name
	}
	return "rule " + d.rule + " on " + d.name
}

// dependents runs dependentsQuery on relation oid and columns cols.
func dependents(ctx context.Context, conn *sql.DB, oid uint32, cols []string) ([]dependent, error) {
	if cols == nil {
		cols = []string{}
	}
	rows, err := conn.QueryContext(ctx, dependentsQuery, oid, cols)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dependent
	for rows.Next() {
		var d dependent
		if err := rows.Scan(&d.oid, &d.name, &d.kind, &d.rule, &d.def, &d.options, &d.comment, &d.grants, &d.triggers, &d.rules); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// relOID is the oid of table name in the current schema, 0 when there is
// none.
func relOID(ctx context.Context, conn *sql.DB, name string) (uint32, error) {
	var oid sql.NullInt64
	err := conn.QueryRowContext(ctx, "SELECT c.oid FROM pg_class c WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace", name).Scan(&oid)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return uint32(oid.Int64), err
}

func describe(ds []dependent) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = d.String()
	}
	return strings.Join(s, ", ")
}

// saveView renders the statements that drop view d and create it again.
func saveView(d dependent) migrate.Object {
	q := postgres.Dialect{}.Quote
	create := "CREATE VIEW " + q(d.name)
	if d.options != "" {
		create += " WITH (" + d.options + ")"
	}
	create += " AS\n" + strings.TrimSuffix(strings.TrimSpace(d.def), ";")
	if d.comment != "" {
		create += ";\nCOMMENT ON VIEW " + q(d.name) + " IS " + d.comment
	}
	return migrate.Object{Kind: "view", Name: d.name, SQL: create, Drop: "DROP VIEW IF EXISTS " + q(d.name)}
}

// refusal is the error for a change PostgreSQL refuses while ds depend on
// it (2BP01), naming them and the way out.
func refusal(what string, ds []dependent, why string) error {
	return fmt.Errorf("%w: PostgreSQL refuses to %s while these depend on it: %s (2BP01 at apply time), and rxdb cannot drop and re-create them faithfully: %s; nothing was written. "+
		"Drop them in a migration of your own (files <version>_<name>.up.sql and .down.sql written by hand in the migrations folder, the version the UTC time as YYYYMMDDhhmmss), apply it with db migrate, run db makemigrations again, and create them again in another migration after that one",
		migrate.ErrDependentObjects, what, describe(ds), why)
}

var _ migrate.DependentsReader = Driver{}

// Dependents implements migrate.DependentsReader: a column whose type
// changes, or that is dropped, and a dropped table, must have no views
// or rules depending on them, or PostgreSQL refuses the statement
// (2BP01) and the migration rolls back. Plain views on a column whose
// type changes are saved (pg_get_viewdef, with their options and
// comment) and created again around the change, views on those views
// too; anything else is refused before the migration is written. A down
// file's dropped tables are not checked: they are the up file's new
// tables, or, when db init baselines a database, all of them, whose
// views would refuse every first migration of a database being adopted.
func (Driver) Dependents(ctx context.Context, db *rx.DB, diff *migrate.Diff, down bool) error {
	conn := db.SQL()
	if !down {
		if err := dropTableDependents(ctx, conn, diff.DropTables); err != nil {
			return err
		}
	}
	for _, td := range diff.Tables {
		if err := tableDependents(ctx, conn, td); err != nil {
			return err
		}
	}
	return nil
}

// tableDependents checks td's retyped and dropped columns, and saves in
// td.Dependents the views to create again around a type change.
func tableDependents(ctx context.Context, conn *sql.DB, td *migrate.TableDiff) error {
	live := td.To.Name
	if td.RenamedFrom != "" {
		live = td.RenamedFrom
	}
	oid, err := relOID(ctx, conn, live)
	if err != nil || oid == 0 {
		if oid, err = relOID(ctx, conn, td.To.Name); err != nil || oid == 0 {
			return err
		}
	}
	var retyped, dropped []string
	for _, c := range td.AlterColumns {
		if c.Type {
			retyped = append(retyped, liveNames(td, c.To.Name)...)
		}
	}
	for _, c := range td.DropColumns {
		dropped = append(dropped, liveNames(td, c.Name)...)
	}
	if len(dropped) > 0 {
		ds, err := dependents(ctx, conn, oid, dropped)
		if err != nil {
			return err
		}
		if len(ds) > 0 {
			return refusal("drop column "+td.To.Name+"."+strings.Join(dropped, ", "), ds, "they read the dropped column")
		}
	}
	if len(retyped) == 0 {
		return nil
	}
	views, err := savedViews(ctx, conn, oid, retyped, "change the type of "+td.To.Name+"."+strings.Join(retyped, ", "))
	if err != nil || len(views) == 0 {
		return err
	}
	if td.RenamedFrom != "" || len(td.RenameColumns) > 0 {
		return refusal("change the type of a column of "+td.To.Name, views, "this migration also renames, and their saved definitions would keep the old names: make the rename in a migration of its own first")
	}
	deps := &migrate.Dependents{}
	for _, v := range views {
		deps.Objects = append(deps.Objects, saveView(v))
	}
	td.Dependents = deps
	return nil
}

// savedViews returns the views on columns cols of relation oid and the
// views on those, in creation order (oid order), refusing when one of
// them is not a plain view.
func savedViews(ctx context.Context, conn *sql.DB, oid uint32, cols []string, what string) ([]dependent, error) {
	seen := map[uint32]bool{}
	var out []dependent
	next, err := dependents(ctx, conn, oid, cols)
	for len(next) > 0 && err == nil {
		d := next[0]
		next = next[1:]
		if seen[d.oid] {
			continue
		}
		if !d.view() {
			return nil, refusal(what, []dependent{d}, "only a plain view, without grants, triggers or rules of its own, is re-created")
		}
		seen[d.oid] = true
		out = append(out, d)
		var more []dependent
		more, err = dependents(ctx, conn, d.oid, nil)
		next = append(next, more...)
	}
	slices.SortFunc(out, func(a, b dependent) int { return cmp.Compare(a.oid, b.oid) })
	return out, err
}

// liveNames are the names column name may have in the live table: its
// own, and its old name when the migration renames it.
func liveNames(td *migrate.TableDiff, name string) []string {
	out := []string{name}
	for _, r := range td.RenameColumns {
		if r[1] == name {
			out = append(out, r[0])
		}
	}
	return out
}

// dropTableDependents refuses the drop of a table that views or rules of
// other relations read.
func dropTableDependents(ctx context.Context, conn *sql.DB, tables []*migrate.Table) error {
	for _, t := range tables {
		oid, err := relOID(ctx, conn, t.Name)
		if err != nil || oid == 0 {
			return err
		}
		ds, err := dependents(ctx, conn, oid, nil)
		if err != nil {
			return err
		}
		if len(ds) > 0 {
			return refusal("drop table "+t.Name, ds, "the table they read goes")
		}
	}
	return nil
}
