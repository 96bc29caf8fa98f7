package rx

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// CreateTableSQL returns the statements that create t and its indexes on
// db's dialect: the DDL that CreateAll runs and migrations write.
func (db *DB) CreateTableSQL(t *schema.Table) []string { return dialect.CreateTableSQL(db.dialect, t) }

// Tables lists the tables in the connected database (or PostgreSQL
// schema).
func (db *DB) Tables(ctx context.Context) ([]string, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, db.x, what{op: "SELECT"}, db.dialect.TablesQuery(), nil)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, db.classify(ctx, rows.Err())
}

// CreateAll creates the tables of the given models (or, with none, of
// every registered model) that do not exist yet, with their indexes and
// foreign keys: the counterpart of SQLModel's metadata.create_all. Tables
// are created after the tables they reference, whatever the order of
// models. Tables whose foreign keys form a cycle (store -> staff -> store)
// are created without the keys that point at a table not created yet,
// which ALTER TABLE adds once every table exists (SQLite declares them
// inline: it checks them only when rows change). Existing tables are left
// as they are; changing them is the job of migrations.
func (db *DB) CreateAll(ctx context.Context, models ...any) error {
	if err := checkCtx(ctx); err != nil {
		return err
	}
	tables, err := schema.Resolve(models...)
	if err != nil {
		return err
	}
	if err := cmp.Or(dialect.CheckForeignKeyTypes(db.dialect, tables), dialect.CheckPartialIndexes(db.dialect, tables)); err != nil {
		return err
	}
	existing, err := db.Tables(ctx)
	if err != nil {
		return fmt.Errorf("rx: listing tables: %w", err)
	}
	have := make(map[string]bool, len(existing))
	for _, n := range existing {
		have[n] = true
	}
	for _, t := range tables {
		for _, fk := range t.ForeignKeys() {
			if !have[fk.RefTable] && !slices.ContainsFunc(tables, func(o *schema.Table) bool { return o.Name == fk.RefTable }) {
				return &ModelError{Model: t.GoType.String(), Reason: fmt.Sprintf("table %s references table %s, which does not exist yet: pass its model to CreateAll too", t.Name, fk.RefTable)}
			}
		}
	}
	var later []*schema.ForeignKey
	for _, t := range tables {
		if have[t.Name] {
			continue
		}
		deferred := forwardKeys(db.dialect, t, have)
		if err := db.createTable(ctx, t, deferred); err != nil {
			return err
		}
		// A table rx made has no rules that refuse RETURNING: its
		// inserts need not ask (rules.go).
		db.sqlFor(t).returning.Store(returningTaken)
		have[t.Name] = true
		later = append(later, deferred...)
	}
	return db.addForeignKeys(ctx, later)
}

// forwardKeys are the foreign keys of t to tables that do not exist yet
// (a cycle), which CREATE TABLE cannot declare unless the dialect
// accepts forward references.
func forwardKeys(d dialect.Dialect, t *schema.Table, have map[string]bool) []*schema.ForeignKey {
	if dialect.ForwardReferences(d) {
		return nil
	}
	var out []*schema.ForeignKey
	for _, fk := range t.ForeignKeys() {
		if fk.RefTable != t.Name && !have[fk.RefTable] {
			out = append(out, fk)
		}
	}
	return out
}

// addForeignKeys adds the keys of a cycle, once every table exists.
func (db *DB) addForeignKeys(ctx context.Context, fks []*schema.ForeignKey) error {
	for _, fk := range fks {
		w := what{op: "ALTER TABLE", table: fk.Table}
		if _, err := db.exec(ctx, db.x, w, dialect.AddForeignKeySQL(db.dialect, fk), nil); err != nil {
			return fmt.Errorf("rx: adding foreign key %s (%s.%s -> %s.%s) of a cycle: %w", fk.Name, fk.Table, fk.Column, fk.RefTable, fk.RefColumn, err)
		}
	}
	return nil
}

// createTable creates t, without the foreign keys deferred, and its
// indexes in one transaction. MySQL commits DDL implicitly, so when a
// later statement fails there the table is dropped again: CreateAll
// leaves no half-created table behind.
func (db *DB) createTable(ctx context.Context, t *schema.Table, deferred []*schema.ForeignKey) (err error) {
	tx, err := db.begin(ctx, db.x, nil, nil)
	if err != nil {
		return err
	}
	w := what{op: "CREATE TABLE", table: t.Name}
	for i, stmt := range dialect.CreateTableDeferringSQL(db.dialect, t, deferred) {
		if i > 0 { // the indexes follow the table
			w.op = "CREATE INDEX"
		}
		if _, err = db.exec(ctx, tx, w, stmt, nil); err != nil {
			_ = db.end(context.WithoutCancel(ctx), tx, false, nil)
			if names, lerr := db.Tables(context.WithoutCancel(ctx)); lerr == nil && slices.Contains(names, t.Name) {
				_, _ = db.exec(context.WithoutCancel(ctx), db.x, what{op: "DROP TABLE", table: t.Name}, "DROP TABLE "+db.dialect.Quote(t.Name), nil)
			}
			return fmt.Errorf("rx: creating table %s of model %s: %w", t.Name, t.Model(), err)
		}
	}
	return db.classify(ctx, db.end(ctx, tx, true, nil))
}
