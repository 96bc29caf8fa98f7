// Package pgmigrate gives package migrate its PostgreSQL support:
// introspection through the catalog of the current schema, type
// normalization (int8 is bigint, varchar(n) is character varying(n)),
// ALTER TABLE statements, and golang-migrate's pgx/v5 database driver.
// Importing it also enables the rx dialect:
//
//	import _ "github.com/rxgo/rxdb/drivers/postgres/pgmigrate"
package pgmigrate

import (
	"context"
	"database/sql"
	"encoding/hex"
	"net/url"
	"strings"

	"github.com/golang-migrate/migrate/v4/database"
	gmpgx "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/drivers/postgres"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

func init() { migrate.Register(postgres.Dialect{}, Driver{}) }

// Driver implements migrate.Driver for PostgreSQL.
type Driver struct{}

// columnsQuery reads the columns with their collation where it is not
// their type's default (a COLLATE in the column's definition).
const columnsQuery = `SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
	COALESCE(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity <> '', COALESCE(co.collname, '')
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type ty ON ty.oid = a.atttypid
LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> ty.typcollation
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum`

const indexesQuery = `SELECT t.relname, i.relname, ix.indisunique, ix.indisprimary, a.attname,
	EXISTS (SELECT 1 FROM pg_constraint u WHERE u.conindid = ix.indexrelid AND u.contype = 'u'),
	COALESCE(pg_get_expr(ix.indpred, ix.indrelid), '')
FROM pg_index ix
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_class i ON i.oid = ix.indexrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
WHERE n.nspname = current_schema() AND t.relkind IN ('r', 'p')
ORDER BY t.relname, i.relname, k.ord`

// Inspect implements migrate.Driver.
func (Driver) Inspect(ctx context.Context, db *rx.DB) (*migrate.Schema, error) {
	s, byName, err := migrate.InspectTables(ctx, db)
	if err != nil {
		return nil, err
	}
	conn := db.SQL()
	rows, err := conn.QueryContext(ctx, columnsQuery)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var table string
		c := &migrate.Column{}
		if err := rows.Scan(&table, &c.Name, &c.Type, &c.Nullable, &c.Default, &c.AutoIncrement, &c.Collate); err != nil {
			return nil, err
		}
		if strings.HasPrefix(c.Default, "nextval(") { // serial
			c.Default, c.AutoIncrement = "", true
		}
		if t := byName[table]; t != nil {
			t.Collation = defaultCollation
			t.Columns = append(t.Columns, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return s, migrate.InspectParts(ctx, conn, byName, indexes, foreignKeys, checks)
}

// indexes reads the tables' primary keys and secondary indexes, marking
// those a UNIQUE constraint owns.
func indexes(ctx context.Context, conn *sql.DB, byName map[string]*migrate.Table) error {
	rows, err := conn.QueryContext(ctx, indexesQuery)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var table, index, column, where string
		var unique, primary, constraint bool
		if err := rows.Scan(&table, &index, &unique, &primary, &column, &constraint, &where); err != nil {
			return err
		}
		if t := byName[table]; t != nil {
			migrate.AddIndexColumn(t, primary, index, column, func() *migrate.Index {
				return &migrate.Index{Unique: unique, Constraint: constraint, Where: where}
			})
		}
	}
	return rows.Err()
}

// foreignKeysQuery lists the single-column foreign keys of the current
// schema with their actions (pg_constraint's one-letter codes).
const foreignKeysQuery = `SELECT t.relname, c.conname, a.attname, rt.relname, ra.attname, c.confdeltype, c.confupdtype
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_class rt ON rt.oid = c.confrelid
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
WHERE c.contype = 'f' AND n.nspname = current_schema() AND cardinality(c.conkey) = 1
ORDER BY t.relname, c.conname`

var actions = map[string]string{"a": schema.ActionNoAction, "r": schema.ActionRestrict, "c": schema.ActionCascade, "n": schema.ActionSetNull, "d": "SET DEFAULT"}

func foreignKeys(ctx context.Context, conn *sql.DB, byName map[string]*migrate.Table) error {
	rows, err := conn.QueryContext(ctx, foreignKeysQuery)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var table, del, upd string
		fk := &migrate.ForeignKey{}
		if err := rows.Scan(&table, &fk.Name, &fk.Column, &fk.RefTable, &fk.RefColumn, &del, &upd); err != nil {
			return err
		}
		fk.OnDelete, fk.OnUpdate = actions[del], actions[upd]
		if t := byName[table]; t != nil {
			t.ForeignKeys = append(t.ForeignKeys, fk)
		}
	}
	return rows.Err()
}

// NormalizeType is the canonical form of a PostgreSQL type, as
// format_type reports it: pgdialect's NormalizeType (aliases resolved,
// lower case).
func NormalizeType(t string) string { return postgres.Dialect{}.NormalizeType(t) }

// byteaDefault writes a bytea literal in the hex form PostgreSQL reports
// (” is '\x', 'ab' is '\x6162').
func byteaDefault(e string) string {
	if len(e) < 2 || e[0] != '\'' || e[len(e)-1] != '\'' || strings.HasPrefix(e, `'\x`) {
		return e
	}
	return `'\x` + hex.EncodeToString([]byte(strings.ReplaceAll(e[1:len(e)-1], "''", "'"))) + "'"
}

// defaultCollation is PostgreSQL's name for the collation of a column
// that names none (the database's), which COLLATE accepts too.
const defaultCollation = "default"

// Normalize implements migrate.Driver.
func (Driver) Normalize(t *migrate.Table) {
	for _, c := range t.Columns {
		c.Type = NormalizeType(c.Type)
		c.Default = migrate.ColumnDefault(c.Type, c.Default) // PostgreSQL reports DEFAULT -1 as '-1'::integer
		if c.Type == "bytea" {
			c.Default = byteaDefault(c.Default)
		}
	}
}

// Narrows implements migrate.Driver.
func (Driver) Narrows(from, to string) bool { return migrate.DefaultNarrows(from, to) }

// TransactionalDDL implements migrate.Driver: golang-migrate's pgx
// driver sends a migration file as one simple-protocol query, which
// PostgreSQL runs as one implicit transaction.
func (Driver) TransactionalDDL() bool { return true }

// DropTable implements migrate.Driver.
func (Driver) DropTable(d dialect.Dialect, table string) string {
	return "DROP TABLE " + d.Quote(table)
}

// AlterTable implements migrate.Driver.
func (Driver) AlterTable(d dialect.Dialect, diff *migrate.TableDiff) []string {
	table := d.Quote(diff.To.Name)
	alter := "ALTER TABLE " + table + " "
	out := diff.Dependents.Save() // views on a column whose type changes (Dependents)
	if diff.RenamedFrom != "" && len(diff.From.PrimaryKey) > 0 {
		// The key keeps the name PostgreSQL gave it with the table's old
		// name; give it the new one, which a later key change drops.
		out = append(out, alter+"RENAME CONSTRAINT "+d.Quote(diff.RenamedFrom+"_pkey")+" TO "+d.Quote(diff.To.Name+"_pkey"))
	}
	out = append(out, dropKeys(d, diff)...)
	if diff.PrimaryKey && len(diff.From.PrimaryKey) > 0 {
		out = append(out, alter+"DROP CONSTRAINT "+d.Quote(diff.From.Name+"_pkey"))
	}
	for _, c := range diff.DropColumns {
		out = append(out, alter+"DROP COLUMN "+d.Quote(c.Name))
	}
	for _, c := range diff.AddColumns {
		out = append(out, alter+"ADD COLUMN "+migrate.AddColumnDefinition(d, diff, c))
		if diff.Placeholder(c) != "" {
			out = append(out, alter+"ALTER COLUMN "+d.Quote(c.Name)+" DROP DEFAULT")
		}
	}
	for _, c := range diff.AlterColumns {
		col := alter + "ALTER COLUMN " + d.Quote(c.To.Name) + " "
		if c.Type && c.From.Default != "" || c.Default && c.To.Default == "" {
			out = append(out, col+"DROP DEFAULT")
		}
		if c.Type || c.Collate {
			// TYPE without COLLATE gives the type's default collation.
			out = append(out, col+"TYPE "+c.To.Type+collateClause(d, c.To)+" USING "+d.Quote(c.To.Name)+"::"+c.To.Type)
		}
		if c.Nullable {
			if c.To.Nullable {
				out = append(out, col+"DROP NOT NULL")
			} else {
				if u := migrate.BackfillSQL(d, diff, c); u != "" {
					out = append(out, u)
				}
				out = append(out, col+"SET NOT NULL")
			}
		}
		if (c.Type || c.Default) && c.To.Default != "" {
			out = append(out, col+"SET DEFAULT "+c.To.Default)
		}
		switch {
		case c.To.AutoIncrement && !c.From.AutoIncrement:
			out = append(out, col+"ADD "+d.AutoIncrement())
		case !c.To.AutoIncrement && c.From.AutoIncrement:
			out = append(out, col+"DROP IDENTITY IF EXISTS")
		}
	}
	if diff.PrimaryKey && len(diff.To.PrimaryKey) > 0 {
		cols := make([]string, len(diff.To.PrimaryKey))
		for i, c := range diff.To.PrimaryKey {
			cols[i] = d.Quote(c)
		}
		out = append(out, alter+"ADD PRIMARY KEY ("+strings.Join(cols, ", ")+")")
	}
	for _, ix := range diff.AddIndexes {
		out = append(out, migrate.IndexSQL(d, diff.To.Name, ix))
	}
	out = append(out, migrate.AddChecksSQL(d, diff)...)
	for _, fk := range diff.AddForeignKeys {
		out = append(out, migrate.AddForeignKeySQL(d, diff.To.Name, fk))
	}
	return append(out, diff.Dependents.Restore()...)
}

// dropKeys drops the foreign keys, CHECKs and indexes that go, first.
func dropKeys(d dialect.Dialect, diff *migrate.TableDiff) []string {
	alter := "ALTER TABLE " + d.Quote(diff.To.Name) + " "
	var out []string
	for _, fk := range diff.DropForeignKeys {
		out = append(out, alter+"DROP CONSTRAINT "+d.Quote(fk.Name))
	}
	out = append(out, migrate.DropChecksSQL(d, diff)...)
	for _, ix := range diff.DropIndexes {
		if ix.Constraint { // DROP INDEX refuses an index a constraint owns
			out = append(out, alter+"DROP CONSTRAINT "+d.Quote(ix.Name))
			continue
		}
		out = append(out, "DROP INDEX "+d.Quote(ix.Name))
	}
	return out
}

// collateClause is the COLLATE of c's ALTER COLUMN ... TYPE, or "".
func collateClause(d dialect.Dialect, c *migrate.Column) string {
	if c.Collate == "" {
		return ""
	}
	return " COLLATE " + d.Quote(c.Collate)
}

// Open implements migrate.Driver: golang-migrate's pgx/v5 driver, with
// rx's transaction-level migration lock in place of its session-level one
// (see lock.go), so that migrations work behind a transaction pooler.
func (Driver) Open(ctx context.Context, u *url.URL) (database.Driver, error) {
	cfg, err := postgres.Config(u)
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(noSessionLocks{stdlib.GetConnector(*cfg)})
	drv, err := openLocked(ctx, db)
	if err != nil {
		db.Close()
		return nil, err
	}
	return drv, nil
}

func openLocked(ctx context.Context, db *sql.DB) (database.Driver, error) {
	if err := db.PingContext(ctx); err != nil {
		return nil, err
	}
	lock, err := newXactLock(ctx, db, migrate.VersionTable)
	if err != nil {
		return nil, err
	}
	// WithInstance creates the version table; two processes doing it at
	// once collide, so it runs under the lock.
	if err := lock.acquire(ctx, openLockWait); err != nil {
		return nil, err
	}
	drv, err := gmpgx.WithInstance(db, &gmpgx.Config{MigrationsTable: migrate.VersionTable})
	if rerr := lock.release(); err == nil && rerr != nil {
		drv.Close()
		return nil, rerr
	}
	if err != nil {
		return nil, err
	}
	return &lockedDriver{Driver: drv, lock: lock}, nil
}
