package sqlitemigrate

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/drivers/sqlite"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

// Dependents implements migrate.DependentsReader: for each table the
// migration rebuilds, it reads from sqlite_master what SQLite's
// documented procedure (https://www.sqlite.org/lang_altertable.html#otheralter)
// saves first: the views and triggers that refer to the table (and
// those that refer to them), which the rebuild drops and creates again,
// and the CHECK constraints of its CREATE TABLE, which the new table
// keeps. A rename in the same migration is refused when views or
// triggers refer to the table: their saved text would keep the old names.
func (Driver) Dependents(ctx context.Context, db *rx.DB, diff *migrate.Diff, _ bool) error {
	conn := db.SQL()
	for _, td := range diff.Tables {
		if !needsRebuild(td) {
			continue
		}
		live, create, err := liveTable(ctx, conn, td)
		if err != nil || create == "" {
			return err
		}
		deps := &migrate.Dependents{}
		if deps.Objects, err = dependentObjects(ctx, conn, live); err != nil {
			return err
		}
		if err := checkObjects(td, deps.Objects); err != nil {
			return err
		}
		keepChecks(td, deps)
		td.Dependents = deps
	}
	return nil
}

// checkObjects refuses a rebuild whose saved views and triggers could not
// be created again: a rename in the same migration (their text keeps the
// old names), or one that names a dropped column (matched by name, as
// SQLite's text is all there is).
func checkObjects(td *migrate.TableDiff, objs []migrate.Object) error {
	if len(objs) > 0 && (td.RenamedFrom != "" || len(td.RenameColumns) > 0) {
		return fmt.Errorf("%w: SQLite rebuilds table %s, and %s refer to it; their saved definitions would keep the old names of this migration's renames: make the rename in a migration of its own (change only the name in the model, run db makemigrations), then the other changes in the next", migrate.ErrDependentObjects, td.To.Name, describeObjects(objs))
	}
	dropped := map[string]bool{}
	for _, c := range td.DropColumns {
		dropped[strings.ToLower(c.Name)] = true
	}
	var reading []migrate.Object
	for _, o := range objs {
		if mentions(o.SQL, dropped) {
			reading = append(reading, o)
		}
	}
	if len(reading) > 0 {
		return fmt.Errorf("%w: SQLite rebuilds table %s without the dropped column, and %s name it, so they could not be created again; nothing was written. Drop or change them in a migration of your own first (files <version>_<name>.up.sql and .down.sql written by hand in the migrations folder, the version the UTC time as YYYYMMDDhhmmss), apply it with db migrate, then run db makemigrations again", migrate.ErrDependentObjects, td.To.Name, describeObjects(reading))
	}
	return nil
}

// liveTable finds the live table td rebuilds (its old name in an up
// file's rename, its new one in a down file's) and its CREATE TABLE.
func liveTable(ctx context.Context, conn *sql.DB, td *migrate.TableDiff) (string, string, error) {
	for _, name := range []string{td.RenamedFrom, td.To.Name} {
		if name == "" {
			continue
		}
		create, err := createSQL(ctx, conn, name)
		if err == nil {
			return name, create, nil
		}
		if err != sql.ErrNoRows {
			return "", "", err
		}
	}
	return "", "", nil
}

// dependentObjects lists, in creation order, the views and triggers that
// name table, or a view so listed: once the table is dropped SQLite
// refuses the rename that ends the rebuild while any of them exists.
func dependentObjects(ctx context.Context, conn *sql.DB, table string) ([]migrate.Object, error) {
	rows, err := conn.QueryContext(ctx, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') AND sql IS NOT NULL ORDER BY rowid")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all []migrate.Object
	var on []string
	for rows.Next() {
		var o migrate.Object
		var tbl string
		if err := rows.Scan(&o.Kind, &o.Name, &tbl, &o.SQL); err != nil {
			return nil, err
		}
		o.Drop = "DROP " + strings.ToUpper(o.Kind) + " IF EXISTS " + sqlite.Dialect{}.Quote(o.Name)
		all, on = append(all, o), append(on, strings.ToLower(tbl))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	names := map[string]bool{strings.ToLower(table): true}
	taken := make([]bool, len(all))
	for grew := true; grew; {
		grew = false
		for i, o := range all {
			if !taken[i] && (names[on[i]] || mentions(o.SQL, names)) {
				taken[i], grew = true, true
				if o.Kind == "view" {
					names[strings.ToLower(o.Name)] = true
				}
			}
		}
	}
	var out []migrate.Object
	for i, o := range all {
		if taken[i] {
			out = append(out, o)
		}
	}
	return out, nil
}

// keepChecks prepares the CHECKs the new table keeps (td.To.Checks: the
// model's and, copied in by the managed scope, the live ones it does not
// declare), with the migration's column renames applied; one that names
// a dropped column cannot be kept: it is left out and listed in Lost.
func keepChecks(td *migrate.TableDiff, deps *migrate.Dependents) {
	renames := map[string]string{}
	for _, r := range td.RenameColumns {
		renames[strings.ToLower(r[0])] = r[1]
	}
	dropped := map[string]bool{}
	for _, c := range td.DropColumns {
		dropped[strings.ToLower(c.Name)] = true
	}
	kept := td.To.Checks[:0:0]
	for _, ck := range td.To.Checks {
		if mentions(ck.Expr, dropped) {
			deps.Lost = append(deps.Lost, dialect.CheckSQL(sqlite.Dialect{}, schema.Check{Name: ck.Name, Expr: ck.Expr})+" (it refers to a dropped column)")
			continue
		}
		c := *ck
		c.Expr = renameIdents(ck.Expr, renames, sqlite.Dialect{}.Quote)
		kept = append(kept, &c)
	}
	td.To.Checks = kept
}

func describeObjects(objs []migrate.Object) string {
	s := make([]string, len(objs))
	for i, o := range objs {
		s[i] = o.Kind + " " + o.Name
	}
	return strings.Join(s, ", ")
}
