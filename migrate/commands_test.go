package migrate_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// printedCommands finds the commands a message tells the user to run:
// those in backticks and those on lines of their own, as
// "  myapp db force -1".
func printedCommands(msg string) []string {
	var out []string
	for _, re := range []*regexp.Regexp{regexp.MustCompile("`(myapp db [^`]*)`"), regexp.MustCompile(`(?m)^\s+(myapp db .*)$`)} {
		for _, m := range re.FindAllStringSubmatch(msg, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// shellWords splits a command line as a POSIX shell would for the
// quoting rxdb prints: words, and double-quoted strings.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
			}
			inWord = false
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unbalanced quotes in %q", line)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// runPrinted runs a command line that rxdb printed, as printed, through
// migrate.Run's parser ("myapp" is the program).
func runPrinted(t *testing.T, cfg rx.Config, line string, models ...any) (string, error) {
	t.Helper()
	words := shellWords(t, line)
	if len(words) < 2 || words[0] != "myapp" || words[1] != "db" {
		t.Fatalf("not a db command: %q", line)
	}
	var out bytes.Buffer
	err := migrate.RunTo(ctx(t), &out, cfg, words[1:], models...)
	return out.String(), err
}

// TestPrintedRepairRuns breaks the first migration, then runs the repair
// that the failure and `db status` print, exactly as printed: `db force
// -1` must parse -1 as the version.
func TestPrintedRepairRuns(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, _ := items(t)
		if err := os.MkdirAll(cfg.MigrationsDir, 0o755); err != nil {
			t.Fatal(err)
		}
		writeMigration(t, cfg.MigrationsDir, 20260101000000, "broken",
			"CREATE TABLE broken_half (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n", "DROP TABLE broken_half;")
		m := migrate.New(cfg, v1)
		m.Command = "myapp"
		_, err := m.Migrate(ctx(t))
		if !errors.Is(err, migrate.ErrDirty) {
			t.Fatalf("broken migration: %v", err)
		}
		st, serr := m.Status(ctx(t))
		if serr != nil {
			t.Fatal(serr)
		}
		fromErr, fromStatus, fromCheck := printedCommands(err.Error()), printedCommands(st.String()), printedCommands(fmt.Sprint(m.Check(ctx(t))))
		want := strings.Join([]string{"myapp db force -1", "myapp db migrate"}, "|")
		if strings.Join(fromErr, "|") != want || strings.Join(fromStatus, "|") != want || strings.Join(fromCheck, "|") != want {
			t.Fatalf("repair: error says %q, status %q, check %q, want %q", fromErr, fromStatus, fromCheck, want)
		}
		// Repair the file and the database, then run what was printed.
		writeMigration(t, cfg.MigrationsDir, 20260101000000, "broken", "CREATE TABLE broken_fixed (id INTEGER PRIMARY KEY);\n", "DROP TABLE broken_fixed;")
		if _, err := openDB(t, cfg).Exec(ctx(t), "DROP TABLE IF EXISTS broken_half"); err != nil {
			t.Fatal(err)
		}
		for _, line := range fromStatus {
			if out, err := runPrinted(t, cfg, line, v1); err != nil {
				t.Fatalf("%s: %v\n%s", line, err, out)
			}
		}
		if liveSchema(t, cfg).Table("broken_fixed") == nil {
			t.Fatal("the repaired migration was not applied")
		}
	})
}

// TestCommandArguments: extra arguments and unknown options are errors
// that name the command; a missing command prints the usage, then an
// error of its own.
func TestCommandArguments(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, _ := items(t)
		for _, args := range [][]string{
			{"db", "migrate", "extra-arg"},
			{"db", "status", "x"},
			{"db", "check", "x"},
			{"db", "downgrade", "1", "2"},
			{"db", "force", "1", "2"},
			{"db", "init", "extra"},
			{"db", "makemigrations", "-m", "x", "extra"},
			{"db", "force", "-x"},
			{"db", "goto"},
			{"db", "goto", "1", "2"},
			{"db", "goto", "-1"},
			{"db", "downgrade", "some"},
		} {
			var out bytes.Buffer
			err := migrate.RunTo(ctx(t), &out, cfg, args, v1)
			if err == nil || !strings.Contains(err.Error(), "db "+args[1]) {
				t.Errorf("%q: err %v, want an error naming db %s\n%s", args, err, args[1], out.String())
			}
		}
		for _, args := range [][]string{{"db", "init", "-h"}, {"db", "migrate", "-h"}, {"db", "force", "--help"}} {
			var out bytes.Buffer
			if err := migrate.RunTo(ctx(t), &out, cfg, args, v1); err != nil || !strings.Contains(out.String(), "usage: db <command>") {
				t.Errorf("%q: %v\n%s", args, err, out.String())
			}
		}
		if countFiles(t, cfg.MigrationsDir) != 0 {
			t.Fatal("a refused command wrote files")
		}
		var out bytes.Buffer
		err := migrate.RunTo(ctx(t), &out, cfg, []string{"db"}, v1)
		if err == nil || !strings.HasPrefix(err.Error(), "migrate: missing db command") || !strings.HasSuffix(out.String(), "\n") {
			t.Fatalf("missing command: %v\n%q", err, out.String())
		}
		// `--` ends options, as the flag package has it.
		if err := os.MkdirAll(cfg.MigrationsDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "force", "--", "-1"}, v1); err != nil {
			t.Fatal(err)
		}
	})
}

// TestFailedDowngradeRepair breaks a down file: the downgrade's error,
// `db status` and `db migrate` name the same repair (force the version
// being undone, then downgrade again, not migrate, which would re-run
// upgrades on the newer schema), and the printed commands work.
func TestFailedDowngradeRepair(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, v2 := items(t)
		m1, m2 := migrate.New(cfg, v1), migrate.New(cfg, v2)
		m1.Command, m2.Command = "myapp", "myapp"
		if _, err := m1.Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := m1.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		mig, err := m2.MakeMigrations(ctx(t), "stock")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m2.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		down := mig.Paths[1]
		if err := os.WriteFile(down, []byte("CREATE TABLE down_half (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err = m1.Downgrade(ctx(t), 1)
		var de *migrate.DirtyError
		if !errors.As(err, &de) || de.Undoing != mig.File.Version {
			t.Fatalf("failed downgrade: %v", err)
		}
		want := []string{"myapp db force " + strconv.FormatUint(uint64(mig.File.Version), 10), "myapp db downgrade"}
		st, serr := m1.Status(ctx(t))
		if serr != nil {
			t.Fatal(serr)
		}
		if len(st.Pending) != 0 {
			t.Errorf("status lists pending migrations on a schema still at the newest version: %v", st.Pending)
		}
		_, merr := m2.Migrate(ctx(t))
		cerr := m2.Check(ctx(t))
		for what, msg := range map[string]string{"downgrade": err.Error(), "status": st.String(), "migrate": fmt.Sprint(merr), "check": fmt.Sprint(cerr)} {
			if got := printedCommands(msg); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s prints %q, want %q:\n%s", what, got, want, msg)
			}
		}
		if t.Failed() {
			return
		}
		// Repair: undo by hand what was applied, restore the file, then
		// the printed commands.
		if _, err := openDB(t, cfg).Exec(ctx(t), "DROP TABLE IF EXISTS down_half"); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(down, []byte(mig.Down), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, line := range want {
			if out, err := runPrinted(t, cfg, line, v1); err != nil {
				t.Fatalf("%s: %v\n%s", line, err, out)
			}
		}
		noDrift(t, m1, true)
		if st, err := m1.Status(ctx(t)); err != nil || st.Dirty || st.Version == mig.File.Version {
			t.Fatalf("after the repair: %v\n%v", err, st)
		}
	})
}

// TestUnknownVersionRepairRuns: a database at a version whose file is
// gone (another branch's migration) is told a command that runs.
func TestUnknownVersionRepairRuns(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, v2 := items(t)
		m1, m2 := migrate.New(cfg, v1), migrate.New(cfg, v2)
		m1.Command, m2.Command = "myapp", "myapp"
		first, err := m1.Init(ctx(t), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err = m1.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		mig, err := m2.MakeMigrations(ctx(t), "stock")
		if err != nil {
			t.Fatal(err)
		}
		if _, err = m2.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		for _, p := range mig.Paths {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		}
		_, err = m1.Migrate(ctx(t))
		want := []string{"myapp db force " + strconv.FormatUint(uint64(first.File.Version), 10)}
		if err == nil || strings.Join(printedCommands(err.Error()), "|") != want[0] {
			t.Fatalf("migrate at an unknown version: %v", err)
		}
		if out, err := runPrinted(t, cfg, want[0], v1); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
	})
}
