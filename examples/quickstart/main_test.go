package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
)

// TestDBCommands runs the quickstart's db commands as a user would, on
// each database: init, status, check, migrate, the app itself, then
// makemigrations with nothing to do and downgrade.
func TestDBCommands(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "quickstart")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			env := append(os.Environ(), "DB_URL="+rxtest.FreshURL(t, d))
			run := func(wantOK bool, args ...string) string {
				t.Helper()
				cmd := exec.Command(bin, args...)
				cmd.Dir, cmd.Env = dir, env
				out, err := cmd.CombinedOutput()
				if (err == nil) != wantOK {
					t.Fatalf("quickstart %s: err %v, want ok=%v\n%s", strings.Join(args, " "), err, wantOK, out)
				}
				return string(out)
			}
			expect := func(out string, wants ...string) {
				t.Helper()
				for _, w := range wants {
					if !strings.Contains(out, w) {
						t.Fatalf("output lacks %q:\n%s", w, out)
					}
				}
			}
			expect(run(true, "db", "init"), "wrote migrations/"+d+"/", "_initial.up.sql", "add table user", "quickstart db migrate")
			expect(run(true, "db", "status"), "version: none", "1 pending")
			expect(run(false, "db", "check"), "check failed", "1 migration pending")
			expect(run(true, "db", "migrate"), "applied ", "_initial (")
			expect(run(true, "db", "check"), "OK")
			out := run(true)
			expect(out, "user 1: test <admin@pynecone.io>")
			if strings.Contains(out, "WARN") {
				t.Fatalf("the app warned on a migrated database:\n%s", out)
			}
			expect(run(true, "db", "makemigrations", "-m", "nothing"), "No changes detected")
			expect(run(true, "db", "downgrade"), "undid ")
			expect(run(false), "1 migration pending", "quickstart db migrate")
			expect(run(true, "db", "migrate"), "applied ")
			expect(run(true, "db", "downgrade", "all"), "undid ")
			expect(run(true, "db", "force", "-1"), "Recorded version -1")
			expect(run(false, "db", "migrate", "extra-arg"), "db migrate takes no arguments")
			expect(run(false, "db"), "usage: db <command>", "missing db command")
			expect(run(false, "db", "bogus"), "unknown db command")
		})
	}
}

// TestPlainRunThenInit is the path of a user who ran the quickstart
// before adopting migrations: init records the existing schema as
// applied instead of creating it again.
func TestPlainRunThenInit(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "quickstart")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "DB_URL=") // the default, rx.db in dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("quickstart %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	if out := run(); !strings.Contains(out, "user 1: test") {
		t.Fatalf("plain run: %s", out)
	}
	if out := run("db", "init"); !strings.Contains(out, "recorded as applied") {
		t.Fatalf("init after CreateAll: %s", out)
	}
	if out := run("db", "check"); !strings.Contains(out, "OK") {
		t.Fatalf("check: %s", out)
	}
	if out := run(); !strings.Contains(out, "user 1: test") || strings.Contains(out, "WARN") {
		t.Fatalf("run after init: %s", out)
	}
}
