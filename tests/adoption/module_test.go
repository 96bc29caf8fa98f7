package adoption

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// mainGo is the program of the test module: the db commands with the
// models of package models, and without them a few reads through rx.
const mainGo = `package main

import (
	"context"
	"fmt"
	"os"

	"adopt/models"

	_ "github.com/rxgo/rxdb/drivers/mysql/mysqlmigrate"
	_ "github.com/rxgo/rxdb/drivers/postgres/pgmigrate"
	_ "github.com/rxgo/rxdb/drivers/sqlite/sqlitemigrate"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

func main() {
	ctx := context.Background()
	cfg := rx.Config{MigrationsDir: "migrations"} // the database is DB_URL
	if len(os.Args) > 1 && os.Args[1] == "db" {
		if err := migrate.Run(ctx, cfg, os.Args[1:], models.All()...); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if err := queries(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
`

// writeModule makes dir a module named adopt that uses this checkout,
// with the checkout's requirements and checksums, so that it builds with
// no network; main.go is mainGo, queries.go is queries, and package
// models holds src.
func writeModule(t *testing.T, dir, queries, src string) {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	gomod := readFile(t, filepath.Join(root, "go.mod"))
	_, requires, _ := strings.Cut(gomod, "\nrequire")
	requires, _, _ = strings.Cut(requires, "\nreplace")
	mod := "module adopt\n\ngo 1.26.0\n\nrequire github.com/rxgo/rxdb v0.0.0\n\nrequire" + requires + "\nreplace github.com/rxgo/rxdb => " + root + "\n"
	writeFile(t, filepath.Join(dir, "go.mod"), mod)
	writeFile(t, filepath.Join(dir, "go.sum"), readFile(t, filepath.Join(root, "go.sum")))
	writeFile(t, filepath.Join(dir, "main.go"), mainGo)
	writeFile(t, filepath.Join(dir, "queries.go"), queries)
	writeFile(t, filepath.Join(dir, "models", "models.go"), src)
}

// build builds the module in dir into dir/adopt.
func build(t *testing.T, dir string) string {
	t.Helper()
	cmd := exec.Command("go", "build", "-o", "adopt", ".")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return filepath.Join(dir, "adopt")
}

// runner runs the program in dir on the database url, failing the test
// unless it succeeds as wantOK says; it returns the output.
func runner(t *testing.T, dir string) func(url string, wantOK bool, args ...string) string {
	return func(url string, wantOK bool, args ...string) string {
		t.Helper()
		cmd := exec.Command(filepath.Join(dir, "adopt"), args...)
		cmd.Dir, cmd.Env = dir, append(os.Environ(), "DB_URL="+url)
		out, err := cmd.CombinedOutput()
		if (err == nil) != wantOK {
			t.Fatalf("adopt %s: err %v, want ok=%v\n%s", strings.Join(args, " "), err, wantOK, out)
		}
		return string(out)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
