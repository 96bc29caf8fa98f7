package migrate_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// dialectOf names the dialect of cfg's URL.
func dialectOf(t *testing.T, cfg rx.Config) string {
	t.Helper()
	_, d, err := rx.ParseURL(cfg.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	return d.Name()
}

// migrationPause makes a migration take a moment, so that two processes
// started together overlap inside it. SQLite has no sleep function; there
// the processes overlap on the write lock anyway.
var migrationPause = map[string]string{
	"postgres": "SELECT pg_sleep(0.2);\n",
	"mysql":    "DO SLEEP(0.2);\n",
}

// Environment of TestMigrateChildProcess, run by the test binary itself as
// a separate process.
const (
	childURL     = "RX_MIGRATE_CHILD_URL"
	childDir     = "RX_MIGRATE_CHILD_DIR"
	childBarrier = "RX_MIGRATE_CHILD_BARRIER"
)

// TestMigrateChildProcess is not a test on its own: TestTwoProcesses... runs
// the test binary with it selected, as a second and third process that
// migrate the same database at the same moment.
func TestMigrateChildProcess(t *testing.T) {
	if os.Getenv(childURL) == "" {
		t.Skip("runs only as a child process of TestTwoProcessesMigrateEachVersionOnce")
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(os.Getenv(childBarrier)); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the parent never opened the barrier")
		}
		time.Sleep(2 * time.Millisecond)
	}
	cfg := rx.Config{DBURL: os.Getenv(childURL), IgnoreEnv: true, MigrationsDir: os.Getenv(childDir)}
	v1, _ := items(t)
	steps, err := migrate.New(cfg, v1).Migrate(context.Background())
	if err != nil {
		t.Fatalf("child migrate: %v", err)
	}
	var vs []string
	for _, s := range steps {
		vs = append(vs, strconv.FormatUint(uint64(s.Version), 10))
	}
	fmt.Printf("APPLIED:%s\n", strings.Join(vs, ","))
}

// Two processes migrate one database at once: each version is applied
// exactly once (every migration logs itself in a table, so a second
// application would show even where it does not fail), both processes
// succeed, and the database ends at the last version, clean.
func TestTwoProcessesMigrateEachVersionOnce(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		migrateInTwoProcesses(t, cfg, cfg.DBURL, cfg.DBURL, migrationPause[dialectOf(t, cfg)])
	})
}

// migrateInTwoProcesses writes four migrations that log themselves into
// cfg.MigrationsDir, runs two processes that apply them at the same
// moment, one through urlA and one through urlB (the same database), and
// checks through cfg.DBURL that each version ran once and both
// succeeded.
func migrateInTwoProcesses(t *testing.T, cfg rx.Config, urlA, urlB, pause string) {
	t.Helper()
	if err := os.MkdirAll(cfg.MigrationsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	const first = 20260101000000
	writeMigration(t, cfg.MigrationsDir, first, "log",
		"CREATE TABLE mig_log (version BIGINT NOT NULL PRIMARY KEY);\nINSERT INTO mig_log (version) VALUES (1);\n", "DROP TABLE mig_log;")
	for i := 2; i <= 4; i++ {
		writeMigration(t, cfg.MigrationsDir, uint(first+i), "step"+strconv.Itoa(i),
			pause+fmt.Sprintf("INSERT INTO mig_log (version) VALUES (%d);\nCREATE TABLE mig_t%d (id INTEGER PRIMARY KEY);\n", i, i),
			fmt.Sprintf("DROP TABLE mig_t%d;", i))
	}
	barrier := filepath.Join(t.TempDir(), "go")
	outs := make([]strings.Builder, 2)
	cmds := make([]*exec.Cmd, 2)
	for i, u := range []string{urlA, urlB} {
		cmds[i] = exec.Command(os.Args[0], "-test.run=^TestMigrateChildProcess$", "-test.count=1")
		cmds[i].Env = append(os.Environ(), childURL+"="+u, childDir+"="+cfg.MigrationsDir, childBarrier+"="+barrier,
			// Under -race a process waits a second at exit, by default.
			"GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
		cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(barrier, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	applied := map[string]int{}
	var failed []string
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			failed = append(failed, fmt.Sprintf("process %d: %v\n%s", i, err, outs[i].String()))
		}
		for _, line := range strings.Split(outs[i].String(), "\n") {
			if vs, ok := strings.CutPrefix(line, "APPLIED:"); ok {
				t.Logf("process %d applied [%s]", i, vs)
				if vs != "" {
					for _, v := range strings.Split(vs, ",") {
						applied[v]++
					}
				}
			}
		}
	}
	if len(failed) > 0 {
		t.Fatal(strings.Join(failed, "\n"))
	}
	if len(applied) != 4 {
		t.Fatalf("versions reported applied by the two processes: %v, want 4 versions once each", applied)
	}
	for v, n := range applied {
		if n != 1 {
			t.Fatalf("version %s reported applied %d times (%v)", v, n, applied)
		}
	}
	db := openDB(t, cfg)
	rows, err := db.Query(ctx(t), "SELECT version FROM mig_log ORDER BY version")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var logged []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		logged = append(logged, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Ints(logged)
	if fmt.Sprint(logged) != "[1 2 3 4]" {
		t.Fatalf("migrations ran %v times (the log), want [1 2 3 4]", logged)
	}
	v1, _ := items(t)
	st, err := migrate.New(cfg, v1).Status(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if st.Dirty || st.Version != first+4 {
		t.Fatalf("status after both: dirty %v, version %d; want clean at %d", st.Dirty, st.Version, first+4)
	}
}

// wantTransactionalDDL is where a failed migration leaves nothing behind:
// PostgreSQL and SQLite run DDL in the migration's transaction; MySQL and
// MariaDB commit each DDL statement as it runs.
var wantTransactionalDDL = map[string]bool{"postgres": true, "sqlite": true, "mysql": false}

// A migration that fails half-way: the database is reported dirty with the
// command that repairs it, to this process and to the next one; on
// PostgreSQL and SQLite nothing of the migration remains, not its new
// table, its new column, its index or its rows.
func TestFailedMigrationLeavesNothingWhereDDLIsTransactional(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		transactional := wantTransactionalDDL[dialectOf(t, cfg)]
		if err := os.MkdirAll(cfg.MigrationsDir, 0o755); err != nil {
			t.Fatal(err)
		}
		const first, second = 20260101000000, 20260101000100
		writeMigration(t, cfg.MigrationsDir, first, "base",
			"CREATE TABLE mig_base (id INTEGER PRIMARY KEY);\nINSERT INTO mig_base (id) VALUES (1);\n", "DROP TABLE mig_base;")
		writeMigration(t, cfg.MigrationsDir, second, "halfway", strings.Join([]string{
			"CREATE TABLE mig_half (id INTEGER PRIMARY KEY);",
			"INSERT INTO mig_base (id) VALUES (2);",
			"ALTER TABLE mig_base ADD COLUMN note VARCHAR(10);",
			"CREATE INDEX ix_mig_half_id ON mig_half (id);",
			"INSERT INTO no_such_table (x) VALUES (1);", // fails here
			"CREATE TABLE mig_never (id INTEGER PRIMARY KEY);",
		}, "\n"), "DROP TABLE mig_half;")
		v1, _ := items(t)
		m := migrate.New(cfg, v1)
		m.Command = "myapp"
		steps, err := m.Migrate(ctx(t))
		var dirty *migrate.DirtyError
		if !errors.As(err, &dirty) || !errors.Is(err, migrate.ErrDirty) {
			t.Fatalf("half-failing migration: steps %v, err %v; want a *migrate.DirtyError", steps, err)
		}
		repair := "myapp db force " + strconv.Itoa(first)
		if dirty.Version != second || !strings.Contains(err.Error(), repair) || !strings.Contains(err.Error(), "no_such_table") {
			t.Fatalf("dirty report %q: want version %d, the failure, and the repair %q", err, second, repair)
		}
		if dirty.Transactional != transactional {
			t.Fatalf("report says transactional=%v, want %v: %v", dirty.Transactional, transactional, err)
		}
		live := liveSchema(t, cfg)
		base := live.Table("mig_base")
		if base == nil || live.Table("mig_never") != nil {
			t.Fatalf("after the failure: mig_base %v, mig_never %v", base != nil, live.Table("mig_never") != nil)
		}
		var rowsLeft int64
		if err := scalarInt(t, cfg, "SELECT COUNT(*) FROM mig_base", &rowsLeft); err != nil {
			t.Fatal(err)
		}
		left := live.Table("mig_half") != nil || base.Column("note") != nil || rowsLeft != 1
		if transactional && left {
			t.Fatalf("a transactional migration left part of itself: mig_half %v, column note %v, mig_base rows %d",
				live.Table("mig_half") != nil, base.Column("note") != nil, rowsLeft)
		}
		if !transactional && live.Table("mig_half") == nil {
			t.Fatalf("MySQL commits DDL as it goes, yet mig_half is missing: the report's 'undo by hand' would mislead")
		}
		// Another process (a fresh Migrator) sees the same report, and so
		// does status.
		m2 := migrate.New(cfg, v1)
		m2.Command = "myapp"
		if _, err := m2.Migrate(ctx(t)); !errors.Is(err, migrate.ErrDirty) || !strings.Contains(err.Error(), repair) {
			t.Fatalf("next migrate: %v", err)
		}
		st, err := m2.Status(ctx(t))
		if err != nil || !st.Dirty || !strings.Contains(st.Repair, repair) {
			t.Fatalf("status: %v, %+v", err, st)
		}
	})
}

func scalarInt(t *testing.T, cfg rx.Config, query string, dest *int64) error {
	t.Helper()
	rows, err := openDB(t, cfg).Query(ctx(t), query)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		return errors.New("no row")
	}
	return rows.Scan(dest)
}
