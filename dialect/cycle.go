package dialect

import (
	"slices"

	"github.com/rxgo/rxdb/schema"
)

// ForwardReferencer is an optional interface of a Dialect whose CREATE
// TABLE may declare a foreign key to a table that does not exist yet, as
// SQLite's may (it checks foreign keys only when rows change, and has no
// ALTER TABLE ADD CONSTRAINT). rx.CreateAll and migrations create the
// tables of a foreign-key cycle with every key inline on such a dialect;
// on the others the keys that point at a table created later are added
// by ALTER TABLE once every table exists (AddForeignKeySQL).
type ForwardReferencer interface {
	ForwardReferences()
}

// ForwardReferences reports whether d implements ForwardReferencer.
func ForwardReferences(d Dialect) bool {
	_, ok := d.(ForwardReferencer)
	return ok
}

// CreateTableDeferringSQL is CreateTableSQL without the foreign keys in
// deferred, which are added after the tables they reference exist.
func CreateTableDeferringSQL(d Dialect, t *schema.Table, deferred []*schema.ForeignKey) []string {
	return createTableSQL(d, t, func(fk *schema.ForeignKey) bool {
		return !slices.ContainsFunc(deferred, func(o *schema.ForeignKey) bool { return o.Column == fk.Column })
	})
}

// AddForeignKeySQL renders ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY
// for fk, which MySQL, MariaDB and PostgreSQL accept.
func AddForeignKeySQL(d Dialect, fk *schema.ForeignKey) string {
	return "ALTER TABLE " + d.Quote(fk.Table) + " ADD " + ForeignKeySQL(d, fk)
}
