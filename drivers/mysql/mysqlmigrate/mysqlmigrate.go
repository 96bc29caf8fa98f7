// Package mysqlmigrate gives package migrate its MySQL and MariaDB
// support: introspection through information_schema, type normalization
// (MariaDB reports JSON as longtext, BOOLEAN as tinyint(1)), ALTER TABLE
// statements, and golang-migrate's mysql database driver on a connection
// with multiStatements=true. Importing it also enables the rx dialect:
//
//	import _ "github.com/rxgo/rxdb/drivers/mysql/mysqlmigrate"
package mysqlmigrate

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
	"github.com/golang-migrate/migrate/v4/database"
	gmmysql "github.com/golang-migrate/migrate/v4/database/mysql"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/drivers/mysql"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

func init() { migrate.Register(mysql.Dialect{}, Driver{}) }

// Driver implements migrate.Driver for MySQL and MariaDB.
type Driver struct{}

// Inspect implements migrate.Driver.
func (Driver) Inspect(ctx context.Context, db *rx.DB) (*migrate.Schema, error) {
	s, byName, err := migrate.InspectTables(ctx, db)
	if err != nil {
		return nil, err
	}
	conn := db.SQL()
	if err := columns(ctx, conn, byName); err != nil {
		return nil, err
	}
	return s, migrate.InspectParts(ctx, conn, byName, indexes, foreignKeys, checks)
}

// indexes reads the tables' primary keys and secondary indexes, FULLTEXT
// ones marked.
func indexes(ctx context.Context, conn *sql.DB, byName map[string]*migrate.Table) error {
	rows, err := conn.QueryContext(ctx, `SELECT table_name, index_name, non_unique, column_name, index_type
		FROM information_schema.statistics WHERE table_schema = DATABASE() ORDER BY table_name, index_name, seq_in_index`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var table, index, column, kind string
		var nonUnique int
		if err := rows.Scan(&table, &index, &nonUnique, &column, &kind); err != nil {
			return err
		}
		if t := byName[table]; t != nil {
			migrate.AddIndexColumn(t, index == "PRIMARY", index, column, func() *migrate.Index {
				return &migrate.Index{Unique: nonUnique == 0, Fulltext: kind == "FULLTEXT"}
			})
		}
	}
	return rows.Err()
}

// columns reads the tables' columns, each collation that is not the
// table's, and MySQL's ON UPDATE.
func columns(ctx context.Context, conn *sql.DB, byName map[string]*migrate.Table) error {
	if err := tableCollations(ctx, conn, byName); err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, `SELECT table_name, column_name, column_type, is_nullable, column_default, extra, COALESCE(collation_name, '')
		FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var table, nullable, extra string
		var def sql.NullString
		c := &migrate.Column{}
		if err := rows.Scan(&table, &c.Name, &c.Type, &nullable, &def, &extra, &c.Collate); err != nil {
			return err
		}
		c.OnUpdate = onUpdate(extra)
		c.Nullable = nullable == "YES"
		c.Default = def.String
		if def.String == "NULL" { // MariaDB's way of saying "no default"
			c.Default = ""
		}
		c.AutoIncrement = strings.Contains(strings.ToLower(extra), "auto_increment")
		if t := byName[table]; t != nil {
			if c.Collate == t.Collation {
				c.Collate = "" // the table's: a column that names none
			}
			t.Columns = append(t.Columns, c)
		}
	}
	return rows.Err()
}

// tableCollations reads each table's default collation, which its
// string columns that name none have.
func tableCollations(ctx context.Context, conn *sql.DB, byName map[string]*migrate.Table) error {
	rows, err := conn.QueryContext(ctx, `SELECT table_name, COALESCE(table_collation, '') FROM information_schema.tables WHERE table_schema = DATABASE()`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name, coll string
		if err := rows.Scan(&name, &coll); err != nil {
			return err
		}
		if t := byName[name]; t != nil {
			t.Collation = coll
		}
	}
	return rows.Err()
}

// onUpdate is the ON UPDATE expression in a column's EXTRA, as MariaDB
// ("on update current_timestamp()") and MySQL ("DEFAULT_GENERATED on
// update CURRENT_TIMESTAMP") report it, or "".
func onUpdate(extra string) string {
	_, expr, ok := strings.Cut(strings.ToLower(extra), "on update ")
	if !ok {
		return ""
	}
	return strings.TrimSpace(expr)
}

// foreignKeys reads the single-column foreign keys of the tables.
func foreignKeys(ctx context.Context, conn *sql.DB, byName map[string]*migrate.Table) error {
	rows, err := conn.QueryContext(ctx, `SELECT k.table_name, k.constraint_name, k.column_name, k.referenced_table_name, k.referenced_column_name, r.delete_rule, r.update_rule
		FROM information_schema.key_column_usage k
		JOIN information_schema.referential_constraints r
			ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name AND r.table_name = k.table_name
		WHERE k.table_schema = DATABASE() AND k.referenced_table_name IS NOT NULL
		ORDER BY k.table_name, k.constraint_name, k.ordinal_position`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var table string
		fk := &migrate.ForeignKey{}
		if err := rows.Scan(&table, &fk.Name, &fk.Column, &fk.RefTable, &fk.RefColumn, &fk.OnDelete, &fk.OnUpdate); err != nil {
			return err
		}
		if t := byName[table]; t != nil {
			t.ForeignKeys = append(t.ForeignKeys, fk)
		}
	}
	return rows.Err()
}

// NormalizeType is the canonical form of a MySQL column type, as
// information_schema reports it: mysqldialect's NormalizeType (integers
// without display width, BOOLEAN as tinyint(1), year(4) as YEAR...).
func NormalizeType(t string) string { return mysql.Dialect{}.NormalizeType(t) }

// Normalize implements migrate.Driver.
func (Driver) Normalize(t *migrate.Table) {
	t.Collation = strings.ToLower(t.Collation)
	for _, c := range t.Columns {
		c.Type = NormalizeType(c.Type)
		c.Default = migrate.ColumnDefault(c.Type, unescape(c.Default))
		// MariaDB spells current_timestamp() and keeps the precision.
		c.OnUpdate = migrate.NormalizeDefault(c.OnUpdate)
		c.Collate = strings.ToLower(c.Collate)
	}
	// InnoDB checks RESTRICT and NO ACTION alike, at once, and MariaDB
	// reports an unnamed action as RESTRICT.
	for _, fk := range t.ForeignKeys {
		for _, a := range []*string{&fk.OnDelete, &fk.OnUpdate} {
			if *a = migrate.Action(*a); *a == schema.ActionRestrict {
				*a = schema.ActionNoAction
			}
		}
	}
}

// unescape rewrites a string literal as information_schema reports it,
// with backslash escapes (a quote as backslash-quote), and a
// double-quoted literal as a model may write it, into the standard SQL
// spelling: single quotes, a quote inside doubled.
func unescape(def string) string {
	if len(def) >= 2 && def[0] == '"' && def[len(def)-1] == '"' {
		inner := strings.ReplaceAll(def[1:len(def)-1], `""`, `"`)
		return "'" + strings.ReplaceAll(inner, "'", "''") + "'"
	}
	if len(def) < 2 || def[0] != '\'' || !strings.Contains(def, `\`) {
		return def
	}
	return strings.NewReplacer(`\'`, `''`, `\\`, `\`).Replace(def)
}

// Narrows implements migrate.Driver.
func (Driver) Narrows(from, to string) bool { return migrate.DefaultNarrows(from, to) }

// TransactionalDDL implements migrate.Driver: MySQL commits each DDL
// statement by itself.
func (Driver) TransactionalDDL() bool { return false }

// DropTable implements migrate.Driver.
func (Driver) DropTable(d dialect.Dialect, table string) string {
	return "DROP TABLE " + d.Quote(table)
}

// AlterTable implements migrate.Driver: foreign keys and indexes that go
// are dropped first and new ones created last, so a column can change type (say TEXT
// to the VARCHAR(255) an index needs) in between.
func (Driver) AlterTable(d dialect.Dialect, diff *migrate.TableDiff) []string {
	alter := "ALTER TABLE " + d.Quote(diff.To.Name) + " "
	var out []string
	for _, fk := range diff.DropForeignKeys {
		out = append(out, alter+"DROP FOREIGN KEY "+d.Quote(fk.Name))
	}
	out = append(out, migrate.DropChecksSQL(d, diff)...)
	dropIndex := func(ix *migrate.Index) string {
		return "DROP INDEX " + d.Quote(ix.Name) + " ON " + d.Quote(diff.From.Name)
	}
	adds, late := replacedIndexes(d, diff)
	for _, ix := range diff.DropIndexes {
		if slices.ContainsFunc(diff.AddIndexes, sameName(ix)) {
			continue // replaced in one statement, in late
		}
		if fkNeeds(diff, ix) {
			late = append(late, dropIndex(ix))
			continue
		}
		out = append(out, dropIndex(ix))
	}
	for _, c := range diff.DropColumns {
		out = append(out, alter+"DROP COLUMN "+d.Quote(c.Name))
	}
	for _, c := range diff.AddColumns {
		out = append(out, alter+"ADD COLUMN "+migrate.AddColumnDefinition(d, diff, c)+position(d, diff.To, c.Name))
		if diff.Placeholder(c) != "" {
			out = append(out, alter+"ALTER COLUMN "+d.Quote(c.Name)+" DROP DEFAULT")
		}
	}
	for _, c := range diff.AlterColumns {
		if u := migrate.BackfillSQL(d, diff, c); u != "" {
			out = append(out, u)
		}
		out = append(out, alter+"MODIFY COLUMN "+dialect.ColumnDefinition(d, migrate.RxColumn(c.To)))
	}
	if diff.PrimaryKey {
		out = append(out, primaryKeySQL(d, alter, diff))
	}
	for _, ix := range adds {
		out = append(out, migrate.IndexSQL(d, diff.To.Name, ix))
	}
	out = append(out, late...)
	out = append(out, migrate.AddChecksSQL(d, diff)...)
	for _, fk := range diff.AddForeignKeys {
		out = append(out, migrate.AddForeignKeySQL(d, diff.To.Name, fk))
	}
	return out
}

// primaryKeySQL changes the primary key in one statement; a table that
// loses its key (a keyless table's down file) only drops it.
func primaryKeySQL(d dialect.Dialect, alter string, diff *migrate.TableDiff) string {
	var clauses []string
	if len(diff.From.PrimaryKey) > 0 {
		clauses = append(clauses, "DROP PRIMARY KEY")
	}
	if len(diff.To.PrimaryKey) > 0 {
		cols := make([]string, len(diff.To.PrimaryKey))
		for i, c := range diff.To.PrimaryKey {
			cols[i] = d.Quote(c)
		}
		clauses = append(clauses, "ADD PRIMARY KEY ("+strings.Join(cols, ", ")+")")
	}
	return alter + strings.Join(clauses, ", ")
}

// fkNeeds reports whether ix leads with the column of a foreign key that
// stays: MySQL refuses to drop the index a foreign key uses (Error 1553)
// until another index leads with its column, so such a drop comes after
// the new indexes are created. (The column of a kept key cannot change
// type in between: MySQL refuses that anyway.)
func fkNeeds(diff *migrate.TableDiff, ix *migrate.Index) bool {
	if len(ix.Columns) == 0 {
		return false
	}
	for _, fk := range diff.From.ForeignKeys {
		if fk.Column == ix.Columns[0] && !slices.Contains(diff.DropForeignKeys, fk) {
			return true
		}
	}
	return false
}

// position places an added column where the model has it (MySQL can, so
// a down migration that restores a column also restores its place).
func position(d dialect.Dialect, t *migrate.Table, name string) string {
	for i, c := range t.Columns {
		if c.Name == name {
			if i == 0 {
				return " FIRST"
			}
			return " AFTER " + d.Quote(t.Columns[i-1].Name)
		}
	}
	return ""
}

// Open implements migrate.Driver: golang-migrate sends a whole migration
// file as one statement string, which needs multiStatements=true on its
// connection; rx's own pool keeps it off. Its lock is a row in
// migrate.LockTable as well as golang-migrate's GET_LOCK, so that it
// holds across the nodes of a Galera cluster.
func (Driver) Open(ctx context.Context, u *url.URL) (database.Driver, error) {
	cfg, err := mysql.Config(u)
	if err != nil {
		return nil, err
	}
	cfg.MultiStatements = true
	conn, err := gomysql.NewConnector(cfg)
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(conn)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	// golang-migrate creates its version table when it opens, under its
	// server-local GET_LOCK only: take the cluster-wide lock around that
	// too (see lock.go).
	lock := newClusterLock(db, cfg.DBName)
	if err := lock.ensureTable(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("creating the migration lock table %s: %w", migrate.LockTable, err)
	}
	exists, err := tableExists(ctx, db, migrate.VersionTable)
	if err == nil && !exists {
		err = lock.acquireWithin(ctx, openLockWait)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	drv, err := gmmysql.WithInstance(db, &gmmysql.Config{MigrationsTable: migrate.VersionTable, DatabaseName: cfg.DBName})
	if rerr := lock.release(); err == nil && rerr != nil {
		drv.Close()
		err = rerr
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return &lockedDriver{Driver: drv, lock: lock}, nil
}

// tableExists reports whether the connection's database holds table name.
//
// On Galera a read of the catalog is aborted with a deadlock (1213) when
// another node's DDL (run in total order) overtakes it, as two processes
// opening migrations on two nodes do: it is asked again, a few times.
func tableExists(ctx context.Context, db *sql.DB, name string) (bool, error) {
	for attempt := 0; ; attempt++ {
		var n int
		err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?", name).Scan(&n)
		if !isMySQLError(err, errDeadlock) || attempt == 20 {
			return n > 0, err
		}
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}
