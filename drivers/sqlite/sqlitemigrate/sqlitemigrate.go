// Package sqlitemigrate gives package migrate its SQLite support:
// introspection through sqlite_master and the table pragmas, SQLite's
// table-rebuild procedure for the changes ALTER TABLE cannot make, and
// golang-migrate's sqlite (modernc.org) database driver. Importing it
// also enables the rx dialect:
//
//	import _ "github.com/rxgo/rxdb/drivers/sqlite/sqlitemigrate"
package sqlitemigrate

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/golang-migrate/migrate/v4/database"
	gmsqlite "github.com/golang-migrate/migrate/v4/database/sqlite"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/drivers/sqlite"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

func init() { migrate.Register(sqlite.Dialect{}, Driver{}) }

// Driver implements migrate.Driver for SQLite.
type Driver struct{}

// Inspect implements migrate.Driver.
func (Driver) Inspect(ctx context.Context, db *rx.DB) (*migrate.Schema, error) {
	s, _, err := migrate.InspectTables(ctx, db)
	if err != nil {
		return nil, err
	}
	conn := db.SQL()
	for _, t := range s.Tables {
		name := t.Name
		rows, err := conn.QueryContext(ctx, `SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid`, name)
		if err != nil {
			return nil, err
		}
		pk := map[int]string{}
		for rows.Next() {
			var c migrate.Column
			var notNull bool
			var def sql.NullString
			var pkPos int
			if err := rows.Scan(&c.Name, &c.Type, &notNull, &def, &pkPos); err != nil {
				rows.Close()
				return nil, err
			}
			c.Nullable, c.Default = !notNull, def.String
			if pkPos > 0 {
				pk[pkPos] = c.Name
			}
			t.Columns = append(t.Columns, &c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for i := 1; i <= len(pk); i++ {
			t.PrimaryKey = append(t.PrimaryKey, pk[i])
		}
		if len(t.PrimaryKey) == 1 {
			// A single INTEGER primary key is the rowid: NOT NULL and
			// generated, whatever the declaration says.
			c := t.Column(t.PrimaryKey[0])
			if strings.EqualFold(c.Type, "INTEGER") {
				c.AutoIncrement, c.Nullable = true, false
			}
		}
		ddl, err := createSQL(ctx, conn, name)
		if err != nil {
			return nil, err
		}
		collations(t, ddl)
		t.Checks = parseChecks(ddl)
		if t.Indexes, err = indexes(ctx, conn, name); err != nil {
			return nil, err
		}
		if t.ForeignKeys, err = foreignKeys(ctx, conn, name); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// foreignKeys reads the single-column foreign keys of table. SQLite keeps
// no constraint names, so each gets the name rx gives it.
func foreignKeys(ctx context.Context, conn *sql.DB, table string) ([]*migrate.ForeignKey, error) {
	rows, err := conn.QueryContext(ctx, `SELECT id, "from", "table", coalesce("to", ''), on_delete, on_update FROM pragma_foreign_key_list(?) ORDER BY id, seq`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*migrate.ForeignKey
	seen := map[int]bool{}
	for rows.Next() {
		var id int
		fk := &migrate.ForeignKey{}
		if err := rows.Scan(&id, &fk.Column, &fk.RefTable, &fk.RefColumn, &fk.OnDelete, &fk.OnUpdate); err != nil {
			return nil, err
		}
		if seen[id] { // a composite key: not one rx declares
			continue
		}
		seen[id] = true
		fk.Name, fk.Unnamed = schema.ForeignKeyName(table, fk.Column), true
		out = append(out, fk)
	}
	slices.SortFunc(out, func(a, b *migrate.ForeignKey) int { return strings.Compare(a.Name, b.Name) })
	return out, rows.Err()
}

func indexes(ctx context.Context, conn *sql.DB, table string) ([]*migrate.Index, error) {
	// origin u: the index of a UNIQUE constraint, which SQLite names
	// itself (sqlite_autoindex_<table>_N) and drops only with its table.
	// A partial index's predicate is only in its CREATE INDEX text.
	rows, err := conn.QueryContext(ctx, `SELECT l.name, l."unique", l.origin = 'u', CASE WHEN l.partial THEN COALESCE(m.sql, '') ELSE '' END
FROM pragma_index_list(?) l LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name
WHERE l.origin <> 'pk' ORDER BY l.name`, table)
	if err != nil {
		return nil, err
	}
	var out []*migrate.Index
	for rows.Next() {
		ix := &migrate.Index{}
		var ddl string
		if err := rows.Scan(&ix.Name, &ix.Unique, &ix.Constraint, &ddl); err != nil {
			rows.Close()
			return nil, err
		}
		ix.Where = indexPredicate(ddl)
		out = append(out, ix)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, ix := range out {
		cols, err := conn.QueryContext(ctx, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, ix.Name)
		if err != nil {
			return nil, err
		}
		for cols.Next() {
			var c sql.NullString
			if err := cols.Scan(&c); err != nil {
				cols.Close()
				return nil, err
			}
			ix.Columns = append(ix.Columns, c.String)
		}
		cols.Close()
		if err := cols.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Normalize implements migrate.Driver: SQLite keeps a declared type as
// written, and declarations of one affinity store alike, so types
// compare by sqlitedialect's NormalizeType (INT is INTEGER, VARCHAR(n)
// is TEXT). A single-column key declared INTEGER, exactly, is the rowid
// (generated, NOT NULL); INT PRIMARY KEY is not, so that is decided
// first, from the type as declared.
func (Driver) Normalize(t *migrate.Table) {
	if len(t.PrimaryKey) == 1 {
		if c := t.Column(t.PrimaryKey[0]); c != nil && strings.EqualFold(strings.TrimSpace(c.Type), "INTEGER") {
			c.AutoIncrement, c.Nullable = true, false
		}
	}
	t.Collation = strings.ToUpper(t.Collation) // SQLite's collation names ignore case
	for _, c := range t.Columns {
		c.Type = sqlite.Dialect{}.NormalizeType(c.Type)
		c.Default = migrate.ColumnDefault(c.Type, c.Default)
		c.Collate = strings.ToUpper(c.Collate)
	}
}

// Narrows implements migrate.Driver.
func (Driver) Narrows(from, to string) bool { return migrate.DefaultNarrows(from, to) }

// TransactionalDDL implements migrate.Driver: golang-migrate's sqlite
// driver runs each migration in a transaction.
func (Driver) TransactionalDDL() bool { return true }

// DropTable implements migrate.Driver.
func (Driver) DropTable(d dialect.Dialect, table string) string {
	return "DROP TABLE " + d.Quote(table)
}

// AlterTable implements migrate.Driver. SQLite's ALTER TABLE can add a
// column (nullable or with a default) and nothing else that migrations
// need, so any other change rebuilds the table as
// https://www.sqlite.org/lang_altertable.html#otheralter describes:
// save and drop the views and triggers that refer to the table, create
// the new table (keeping the CHECKs of the old) under a temporary name,
// copy the rows, drop the old table, rename the new one, and recreate
// the indexes, triggers and views (see Dependents).
func (Driver) AlterTable(d dialect.Dialect, diff *migrate.TableDiff) []string {
	if !needsRebuild(diff) {
		var out []string
		for _, ix := range diff.DropIndexes {
			out = append(out, "DROP INDEX "+d.Quote(ix.Name))
		}
		for _, c := range diff.AddColumns {
			out = append(out, "ALTER TABLE "+d.Quote(diff.To.Name)+" ADD COLUMN "+dialect.ColumnDefinition(d, migrate.RxColumn(c)))
		}
		for _, ix := range diff.AddIndexes {
			out = append(out, migrate.IndexSQL(d, diff.To.Name, ix))
		}
		return out
	}
	return rebuild(d, diff)
}

func needsRebuild(diff *migrate.TableDiff) bool {
	if len(diff.DropColumns) > 0 || len(diff.AlterColumns) > 0 || diff.PrimaryKey || len(diff.AddForeignKeys) > 0 || len(diff.DropForeignKeys) > 0 ||
		len(diff.AddChecks) > 0 || len(diff.DropChecks) > 0 ||
		slices.ContainsFunc(diff.AddIndexes, isConstraint) || slices.ContainsFunc(diff.DropIndexes, isConstraint) {
		return true // ALTER TABLE cannot add or drop a constraint
	}
	for _, c := range diff.AddColumns {
		if !c.Nullable && c.Default == "" {
			return true // ADD COLUMN refuses NOT NULL without a default (rows get diff.Placeholder)
		}
	}
	return false
}

func rebuild(d dialect.Dialect, diff *migrate.TableDiff) []string {
	from, to := diff.From, diff.To
	tmp := *to
	tmp.Name = "_rx_new_" + to.Name
	var cols, vals []string
	for _, c := range to.Columns {
		old := from.Column(c.Name)
		if old == nil {
			if p := diff.Placeholder(c); p != "" {
				cols, vals = append(cols, d.Quote(c.Name)), append(vals, p)
			}
			continue
		}
		cols = append(cols, d.Quote(c.Name))
		v := d.Quote(c.Name)
		if b := diff.Backfill(old, c); b != "" {
			v = "COALESCE(" + v + ", " + b + ")"
		}
		vals = append(vals, v)
	}
	out := []string{"-- SQLite cannot make this change with ALTER TABLE: rebuild " + to.Name + " (create, copy, drop, rename)"}
	out = append(out, diff.Dependents.Save()...)
	out = append(out, withUniqueConstraints(d, dialect.CreateTableSQL(d, migrate.RxTable(&tmp))[0], to.Indexes))
	if len(cols) > 0 {
		out = append(out, "INSERT INTO "+d.Quote(tmp.Name)+" ("+strings.Join(cols, ", ")+") SELECT "+strings.Join(vals, ", ")+" FROM "+d.Quote(from.Name))
	}
	// Foreign keys are off while a migration runs (see fkSafeDriver), so
	// dropping a table that others reference neither cascades to their
	// rows nor fails, and their references follow the name to the new
	// table.
	out = append(out,
		"DROP TABLE "+d.Quote(from.Name),
		"ALTER TABLE "+d.Quote(tmp.Name)+" RENAME TO "+d.Quote(to.Name))
	for _, ix := range to.Indexes {
		if !ix.Constraint {
			out = append(out, migrate.IndexSQL(d, to.Name, ix))
		}
	}
	return append(out, diff.Dependents.Restore()...)
}

func isConstraint(ix *migrate.Index) bool { return ix.Constraint }

// withUniqueConstraints adds the UNIQUE constraints among indexes to
// create, a CREATE TABLE statement: SQLite's own index of such a
// constraint cannot be created by name, and the rename that ends a
// rebuild renames it after the table (sqlite_autoindex_<table>_N).
func withUniqueConstraints(d dialect.Dialect, create string, indexes []*migrate.Index) string {
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(create, "\n)"))
	for _, ix := range indexes {
		if !ix.Constraint {
			continue
		}
		cols := make([]string, len(ix.Columns))
		for i, c := range ix.Columns {
			cols[i] = d.Quote(c)
		}
		b.WriteString(",\n\tUNIQUE (" + strings.Join(cols, ", ") + ")")
	}
	b.WriteString("\n)")
	return b.String()
}

// Open implements migrate.Driver: golang-migrate runs on its own pool
// with rx's SQLite settings (WAL, busy timeout, BEGIN IMMEDIATE), and
// its in-process lock is backed by a lock file so that two processes
// migrating the same file take turns.
func (Driver) Open(ctx context.Context, u *url.URL) (database.Driver, error) {
	conn, err := sqlite.Driver{}.Connector(u)
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(conn)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	path := sqlite.Path(u)
	var lock *fileLock
	if path != ":memory:" {
		lock = &fileLock{path: path + "-migrate.lock"}
		// golang-migrate creates its version table when it opens, under
		// its own lock only: take ours around that too.
		if err := lock.acquire(); err != nil {
			db.Close()
			return nil, err
		}
		defer lock.release()
	}
	gm, err := gmsqlite.WithInstance(db, &gmsqlite.Config{MigrationsTable: migrate.VersionTable})
	if err != nil {
		db.Close()
		return nil, err
	}
	var drv database.Driver = &fkSafeDriver{Driver: gm, db: db}
	if lock == nil {
		return drv, nil
	}
	return &lockedDriver{Driver: drv, lock: lock}, nil
}

// fkSafeDriver runs each migration the way SQLite's documentation
// prescribes for schema changes that rebuild tables
// (https://www.sqlite.org/lang_altertable.html#otheralter): with foreign
// keys off, on one connection, so that dropping a table that other tables
// reference neither cascades to their rows nor fails; then, before the
// commit, PRAGMA foreign_key_check, so that a migration still cannot
// leave a row pointing at nothing (a foreign key added over orphan rows
// fails, and rolls back, as on the other databases).
type fkSafeDriver struct {
	database.Driver
	db *sql.DB
}

func (f *fkSafeDriver) Run(migration io.Reader) error {
	query, err := io.ReadAll(migration)
	if err != nil {
		return err
	}
	ctx := context.Background()
	conn, err := f.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer func() {
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = ON"); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn }) // never reuse it unguarded
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return &database.Error{OrigErr: err, Err: "transaction start failed"}
	}
	if _, err := tx.ExecContext(ctx, string(query)); err != nil {
		return errors.Join(&database.Error{OrigErr: err, Query: query}, tx.Rollback())
	}
	if err := foreignKeyCheck(ctx, tx); err != nil {
		return errors.Join(&database.Error{OrigErr: err, Query: query}, tx.Rollback())
	}
	if err := tx.Commit(); err != nil {
		return &database.Error{OrigErr: err, Err: "transaction commit failed"}
	}
	return nil
}

// foreignKeyCheck reports the first row that points at a missing parent.
func foreignKeyCheck(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return err
		}
		return fmt.Errorf("the migration leaves rows of %s pointing at missing %s rows (the first: rowid %d); fix or delete them, then migrate again", table, parent, rowid.Int64)
	}
	return rows.Err()
}

// lockedDriver adds the file lock to golang-migrate's Lock and Unlock.
type lockedDriver struct {
	database.Driver
	lock *fileLock
}

func (l *lockedDriver) Lock() error {
	if err := l.lock.acquire(); err != nil {
		return err
	}
	if err := l.Driver.Lock(); err != nil {
		l.lock.release()
		return err
	}
	return nil
}

func (l *lockedDriver) Unlock() error {
	err := l.Driver.Unlock()
	l.lock.release()
	return err
}

// indexPredicate is the WHERE predicate of a CREATE INDEX text, "" for
// none: the text after the WHERE that follows the column list's closing
// parenthesis.
func indexPredicate(ddl string) string {
	end, depth := -1, 0
	for i := 0; i < len(ddl) && end < 0; i++ {
		switch ddl[i] {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				end = i
			}
		}
	}
	if end < 0 {
		return ""
	}
	rest := strings.TrimSpace(ddl[end+1:])
	if len(rest) < 6 || !strings.EqualFold(rest[:6], "where ") {
		return ""
	}
	return strings.TrimSpace(rest[6:])
}
