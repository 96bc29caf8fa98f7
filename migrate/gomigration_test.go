package migrate_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type gmPerson struct {
	rx.Model
	FirstName *string `rx:"size=40"`
	LastName  *string `rx:"size=40"`
	FullName  *string `rx:"size=90"`
}

// gmFolder writes two SQL migrations around the Go one (version 300)
// that backfills full_name from first_name and last_name, and one after.
func gmFolder(t *testing.T, cfg rx.Config) {
	t.Helper()
	if err := os.MkdirAll(cfg.MigrationsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeMigration(t, cfg.MigrationsDir, 100, "people", "CREATE TABLE gm_person (id INTEGER PRIMARY KEY, first_name VARCHAR(40), last_name VARCHAR(40));", "DROP TABLE gm_person;")
	writeMigration(t, cfg.MigrationsDir, 200, "full_name", "ALTER TABLE gm_person ADD COLUMN full_name VARCHAR(90);", "ALTER TABLE gm_person DROP COLUMN full_name;")
	writeMigration(t, cfg.MigrationsDir, 400, "notes", "CREATE TABLE gm_note (id INTEGER PRIMARY KEY);", "DROP TABLE gm_note;")
}

// backfillUp sets full_name from the two name columns, row by row, in
// Go: what the SQL of three databases spells three ways.
func backfillUp(ctx context.Context, s *rx.Session) error {
	rows, err := s.Query(ctx, "SELECT id, first_name, last_name FROM gm_person")
	if err != nil {
		return err
	}
	type row struct {
		id          int64
		first, last string
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.first, &r.last); err != nil {
			rows.Close()
			return err
		}
		all = append(all, r)
	}
	rows.Close()
	for _, r := range all {
		if _, err := s.Exec(ctx, s.Tx().Rebind("UPDATE gm_person SET full_name = ? WHERE id = ?"), r.first+" "+r.last, r.id); err != nil {
			return err
		}
	}
	return rows.Err()
}

func backfillDown(ctx context.Context, s *rx.Session) error {
	_, err := s.Exec(ctx, "UPDATE gm_person SET full_name = NULL")
	return err
}

// gmMigrator is a Migrator of cfg with the backfill registered as
// version 300, printing to out, with bare printed commands.
func gmMigrator(t *testing.T, cfg rx.Config, out *bytes.Buffer, up, down migrate.GoFunc) *migrate.Migrator {
	t.Helper()
	m := migrate.New(cfg, renamed(t, gmPerson{}, "gm_person"))
	m.Out, m.Command = out, ""
	if err := m.Go(300, "backfill_full_name", up, down); err != nil {
		t.Fatal(err)
	}
	return m
}

func fullNames(t *testing.T, cfg rx.Config) []string {
	t.Helper()
	db := openDB(t, cfg)
	rows, err := db.SQL().QueryContext(ctx(t), "SELECT full_name FROM gm_person ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	return out
}

// gmRun runs a command line as a user types it after the program's name.
func gmRun(t *testing.T, m *migrate.Migrator, out *bytes.Buffer, args ...string) string {
	t.Helper()
	out.Reset()
	if err := m.Run(ctx(t), args); err != nil {
		t.Fatalf("db %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out.String()
}

// TestGoMigrationBackfillsBetweenSQLMigrations runs a Go migration that
// backfills a column between two SQL migrations, through db migrate,
// status, downgrade and goto (by the name status prints), and checks
// how it is recorded.
func TestGoMigrationBackfillsBetweenSQLMigrations(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		gmFolder(t, cfg)
		var out bytes.Buffer
		m := gmMigrator(t, cfg, &out, backfillUp, backfillDown)
		gmRun(t, m, &out, "db", "goto", "200")
		db := openDB(t, cfg)
		if _, err := db.Exec(ctx(t), "INSERT INTO gm_person (id, first_name, last_name) VALUES (1, 'Ada', 'Lovelace'), (2, 'Alan', 'Turing')"); err != nil {
			t.Fatal(err)
		}
		if st := gmRun(t, m, &out, "db", "status"); !strings.Contains(st, "pending 300_backfill_full_name (Go)\n  pending 400_notes\n") {
			t.Fatalf("status does not list the Go migration in order:\n%s", st)
		}
		if got := gmRun(t, m, &out, "db", "migrate"); !strings.Contains(got, "applied 300_backfill_full_name") || !strings.Contains(got, "applied 400_notes") {
			t.Fatalf("db migrate:\n%s", got)
		}
		if got := strings.Join(fullNames(t, cfg), ","); got != "Ada Lovelace,Alan Turing" {
			t.Fatalf("after the backfill: %q", got)
		}
		var sum string
		if err := db.SQL().QueryRowContext(ctx(t), "SELECT checksum FROM schema_migrations_applied WHERE version = 300").Scan(&sum); err != nil || !strings.HasPrefix(sum, "go:") || len(sum) != 64 {
			t.Fatalf("the Go migration's record: %q, %v", sum, err)
		}
		if got := gmRun(t, m, &out, "db", "downgrade", "2"); !strings.Contains(got, "undid 400_notes") || !strings.Contains(got, "undid 300_backfill_full_name") {
			t.Fatalf("db downgrade 2:\n%s", got)
		}
		if got := strings.Join(fullNames(t, cfg), ","); got != "," {
			t.Fatalf("after undoing the backfill: %q", got)
		}
		gmRun(t, m, &out, "db", "goto", "300_backfill_full_name")
		if got := strings.Join(fullNames(t, cfg), ","); got != "Ada Lovelace,Alan Turing" {
			t.Fatalf("after goto the Go migration: %q", got)
		}
		if st := gmRun(t, m, &out, "db", "status"); !strings.Contains(st, "version: 300_backfill_full_name\n") || !strings.Contains(st, "1 pending") {
			t.Fatalf("status at the Go migration:\n%s", st)
		}
	})
}

// TestFailingGoMigrationRollsBackAndPrintsTheFix makes the Go migration
// write a row, then fail: the row is rolled back on every database (it
// is data, which even MySQL keeps in the transaction), the database is
// dirty at its version, and the printed repair, run as printed once the
// function is fixed, gets the database migrated.
func TestFailingGoMigrationRollsBackAndPrintsTheFix(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		gmFolder(t, cfg)
		var out bytes.Buffer
		failing := func(ctx context.Context, s *rx.Session) error {
			if err := backfillUp(ctx, s); err != nil {
				return err
			}
			return errors.New("the backfill found a bad row")
		}
		m := gmMigrator(t, cfg, &out, failing, backfillDown)
		gmRun(t, m, &out, "db", "goto", "200")
		db := openDB(t, cfg)
		if _, err := db.Exec(ctx(t), "INSERT INTO gm_person (id, first_name, last_name) VALUES (1, 'Ada', 'Lovelace')"); err != nil {
			t.Fatal(err)
		}
		err := m.Run(ctx(t), []string{"db", "migrate"})
		var de *migrate.DirtyError
		if !errors.As(err, &de) || de.Version != 300 || !strings.Contains(err.Error(), "the backfill found a bad row") ||
			!strings.Contains(err.Error(), "Go migration 300_backfill_full_name (up)") || !strings.Contains(err.Error(), "rolled back: none of its changes were applied") ||
			!strings.HasSuffix(err.Error(), "\n  db force 200\n  db migrate") {
			t.Fatalf("a failing Go migration: %v", err)
		}
		if got := strings.Join(fullNames(t, cfg), ","); got != "" {
			t.Fatalf("the failed Go migration's update was kept: %q", got)
		}
		if st := gmRun(t, m, &out, "db", "status"); !strings.Contains(st, "dirty: yes") || !strings.Contains(st, "db force 200\n  db migrate") {
			t.Fatalf("status after the failure:\n%s", st)
		}
		fixed := gmMigrator(t, cfg, &out, backfillUp, backfillDown)
		for _, line := range strings.Split(de.Repair, "\n") {
			gmRun(t, fixed, &out, strings.Fields(line)...) // as printed: "db force 200"
		}
		if got := strings.Join(fullNames(t, cfg), ","); got != "Ada Lovelace" {
			t.Fatalf("after the repair: %q", got)
		}
	})
}

// TestGoMigrationRefusals: a version both Go and SQL, an applied Go
// migration the program no longer registers, and undoing a Go migration
// without a down function are refused, naming the fix, before anything
// runs.
func TestGoMigrationRefusals(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		gmFolder(t, cfg)
		var out bytes.Buffer
		both := migrate.New(cfg)
		if err := both.Go(200, "also_full_name", backfillUp, backfillDown); err != nil {
			t.Fatal(err)
		}
		if _, err := both.Migrate(ctx(t)); !errors.Is(err, migrate.ErrBadGoMigration) || !strings.Contains(err.Error(), "version 200 is both the Go migration 200_also_full_name and the SQL file 200_full_name.down.sql") {
			t.Fatalf("a version both Go and SQL: %v", err)
		}
		if s := liveSchema(t, cfg); len(s.Tables) != 0 {
			t.Fatalf("the refused migrate ran:\n%s", dump(s))
		}
		m := gmMigrator(t, cfg, &out, backfillUp, nil)
		gmRun(t, m, &out, "db", "migrate")
		if _, err := m.Downgrade(ctx(t), 2); !errors.Is(err, migrate.ErrIrreversible) || !strings.Contains(err.Error(), "300_backfill_full_name is a Go migration registered without a down function") {
			t.Fatalf("undoing a Go migration without a down: %v", err)
		}
		if _, err := m.Downgrade(ctx(t), 1); err != nil {
			t.Fatalf("undoing the SQL migration after it: %v", err)
		}
		without := migrate.New(cfg, renamed(t, gmPerson{}, "gm_person"))
		for _, op := range []func() error{
			func() error { _, err := without.Migrate(ctx(t)); return err },
			func() error { _, err := without.Status(ctx(t)); return err },
		} {
			if err := op(); !errors.Is(err, migrate.ErrMissingGoMigration) || !strings.Contains(err.Error(), "version 300 was applied by a Go migration that this program does not register") {
				t.Fatalf("an applied Go migration missing from the program: %v", err)
			}
		}
		if err := migrate.New(cfg).Go(1, "Bad Name", backfillUp, nil); !errors.Is(err, migrate.ErrBadGoMigration) || !strings.Contains(err.Error(), `"bad_name"`) {
			t.Fatalf("a bad name: %v", err)
		}
	})
}

// TestGoRegistersForRunAndTheStartupCheck registers the backfill with
// the package-level Go, as a program's init would: migrate.Run applies
// it, and rx.Open's start-up check counts it as pending. Not parallel:
// the registration is the whole program's.
func TestGoRegistersForRunAndTheStartupCheck(t *testing.T) {
	migrate.Go(300, "backfill_full_name", backfillUp, backfillDown)
	t.Cleanup(migrate.ForgetGo)
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		gmFolder(t, cfg)
		var out bytes.Buffer
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "goto", "200"}); err != nil {
			t.Fatal(err)
		}
		logs := startupLogs(t, cfg)
		if !strings.Contains(logs, "2 migrations pending (300_backfill_full_name, 400_notes)") {
			t.Fatalf("the start-up check:\n%s", logs)
		}
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "migrate"}); err != nil || !strings.Contains(out.String(), "applied 300_backfill_full_name") {
			t.Fatalf("db migrate: %v\n%s", err, out.String())
		}
	})
}
