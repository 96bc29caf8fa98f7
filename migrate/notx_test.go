package migrate_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// TestNoTransactionHeaderRunsStatementsOneByOne: with the header, the
// statements of a file run one at a time, so the one before a failing
// statement stays applied even where a file is otherwise one
// transaction (SQLite, PostgreSQL); without it, none of it stays there.
// On MySQL and MariaDB each DDL statement commits anyway: the subtest
// pins that the header changes nothing there.
func TestNoTransactionHeaderRunsStatementsOneByOne(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		gmFolder(t, cfg) // the folder exists
		body := "CREATE TABLE nt_first (id INTEGER PRIMARY KEY);\nCREATE TABLE nt_second (id INTEGER PRIMARY KEY, bad NOSUCHTYPE(;\n"
		writeMigration(t, cfg.MigrationsDir, 500, "two", migrate.NoTransactionHeader+"\n"+body, "DROP TABLE nt_first;")
		if _, err := migrate.New(cfg).Migrate(ctx(t)); !errors.Is(err, migrate.ErrDirty) {
			t.Fatalf("want the second statement to fail: %v", err)
		}
		db := openDB(t, cfg)
		names, err := db.Tables(ctx(t))
		if err != nil || !strings.Contains(strings.Join(names, ","), "nt_first") {
			t.Fatalf("with %s, the statement before the failing one was not applied: %v %v", migrate.NoTransactionHeader, names, err)
		}
	})
}

// TestCreateIndexConcurrently: on PostgreSQL, CREATE INDEX CONCURRENTLY
// in a file of several statements fails, saying to add the header; with
// the header it applies. (MySQL and SQLite have no CONCURRENTLY.)
func TestCreateIndexConcurrently(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		if !strings.HasPrefix(cfg.DBURL, "postgres") {
			t.Skip("CREATE INDEX CONCURRENTLY is PostgreSQL's")
		}
		gmFolder(t, cfg)
		body := "CREATE INDEX CONCURRENTLY gm_person_last ON gm_person (last_name);\nCREATE INDEX CONCURRENTLY gm_person_first ON gm_person (first_name);\n"
		writeMigration(t, cfg.MigrationsDir, 500, "index", body, "DROP INDEX gm_person_last; DROP INDEX gm_person_first;")
		m := migrate.New(cfg)
		m.Command = ""
		_, err := m.Migrate(ctx(t))
		if !errors.Is(err, migrate.ErrDirty) || !strings.Contains(err.Error(), "put the line `-- rx:no-transaction` at the top of the file") {
			t.Fatalf("CONCURRENTLY without the header: %v", err)
		}
		writeMigrationOverwrite(t, cfg.MigrationsDir, 500, "index", migrate.NoTransactionHeader+"\n"+body, "DROP INDEX gm_person_last; DROP INDEX gm_person_first;")
		if err := m.Force(ctx(t), 400); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatalf("CONCURRENTLY with the header: %v", err)
		}
		var n int
		if err := openDB(t, cfg).SQL().QueryRowContext(ctx(t), "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN ('gm_person_last', 'gm_person_first')").Scan(&n); err != nil || n != 2 {
			t.Fatalf("indexes: %d, %v", n, err)
		}
	})
}
