package docs

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// mustUse are the functions whose error a snippet must check (go vet's
// unusedresult; it knows package-level functions only).
const mustUse = "github.com/rxgo/rxdb/rx.Register,github.com/rxgo/rxdb/rx.Configure," +
	"github.com/rxgo/rxdb/rx.Default,github.com/rxgo/rxdb/rx.Open,github.com/rxgo/rxdb/rx.WithSession"

// TestDocSnippets builds every ```go block of README.md and docs/*.md in
// one module (one package per block, no block skipped), runs each
// SQLite-only program twice in an empty directory (a reader runs the
// quickstart more than once) and each "run" fragment on every database.
// A failure names the Markdown file and the block's line.
func TestDocSnippets(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var blocks []block
	for _, file := range docFiles(t, root) {
		blocks = append(blocks, goBlocks(file, []byte(read(t, filepath.Join(root, file))))...)
	}
	mod := t.TempDir()
	writeModule(t, root, mod)
	programs, fragments := writeBlocks(t, mod, blocks)
	env := append(os.Environ(), "GOPROXY=off", "GOWORK=off")
	// go build ./... checks every package; -o then writes the programs.
	if out, err := goIn(mod, env, "build", "./..."); err != nil {
		t.Fatalf("the documentation's snippets do not compile (each error names its file:line): %v\n%s%s", err, out, offlineHint(out))
	}
	// A snippet is copied as printed: it must not drop the error of a call
	// whose failure the program would then run past.
	if out, err := goIn(mod, env, "vet", "-unusedresult", "-unusedresult.funcs="+mustUse, "./..."); err != nil {
		t.Errorf("the documentation's snippets ignore an error they must check: %v\n%s", err, out)
	}
	bin := filepath.Join(mod, "bin")
	args := []string{"build", "-o", bin + string(filepath.Separator)}
	for _, pkg := range slices.Sorted(maps.Keys(programs)) {
		args = append(args, "./"+pkg)
	}
	for _, pkg := range slices.Sorted(maps.Keys(fragments)) {
		args = append(args, "./"+pkg)
	}
	if out, err := goIn(mod, env, args...); err != nil {
		t.Fatalf("go build -o of the documentation's programs: %v\n%s", err, out)
	}
	for pkg, where := range programs {
		runTwice(t, filepath.Join(bin, pkg), where)
	}
	for pkg, where := range fragments {
		runOnEach(t, filepath.Join(bin, pkg), where)
	}
}

// docFiles are the Markdown files whose blocks are tested, relative to
// root: README.md and every docs/*.md.
func docFiles(t *testing.T, root string) []string {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatal("no docs/*.md: the guide is missing")
	}
	files := []string{"README.md"}
	for _, p := range pages {
		files = append(files, filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator))))
	}
	return files
}

// pkgName is the package a block is written to: the file and the line,
// so that a build error's package path names the block too.
func pkgName(b block) string {
	name := strings.ToLower(strings.TrimSuffix(b.file, ".md"))
	name = strings.NewReplacer("/", "_", "-", "_", ".", "_").Replace(name)
	return fmt.Sprintf("%s_%04d", name, b.line)
}

// writeBlocks writes each block as a package of mod and returns the
// programs to run and the "run" fragments, each with its file:line. A
// block that cannot be wrapped (no marker) fails the test.
func writeBlocks(t *testing.T, mod string, blocks []block) (programs, fragments map[string]string) {
	programs, fragments = map[string]string{}, map[string]string{}
	readmeProgram := false
	for _, b := range blocks {
		files, err := wrap(b)
		if err != nil {
			t.Error(err)
			continue
		}
		pkg := pkgName(b)
		for name, text := range files {
			write(t, filepath.Join(mod, pkg, name), text)
		}
		switch {
		case b.kind == "program" && sqliteOnly(b.src):
			programs[pkg] = b.where()
			readmeProgram = readmeProgram || b.file == "README.md"
		case b.kind == "run":
			fragments[pkg] = b.where()
		}
	}
	if !readmeProgram {
		t.Error("README.md has no SQLite program to run: is the Quickstart still a package main?")
	}
	return programs, fragments
}

// offlineHint says how to fill the module cache when the build failed for
// want of a module (the snippets build with GOPROXY=off).
func offlineHint(out []byte) string {
	if !strings.Contains(string(out), "module lookup disabled") {
		return ""
	}
	return "\nthe module cache lacks a module of otel or tests/otherdrivers: run (cd otel && go mod download) and (cd tests/otherdrivers && go mod download), as .ci/run does"
}

func goIn(dir string, env []string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = env
	return cmd.CombinedOutput()
}

// sqliteOnly reports whether a program needs no database server.
func sqliteOnly(src string) bool {
	return strings.Contains(src, "rxdb/drivers/sqlite") &&
		!strings.Contains(src, "rxdb/drivers/postgres") && !strings.Contains(src, "rxdb/drivers/mysql")
}

// runTwice runs a program twice in one empty directory, as a reader who
// tries it, edits it and runs it again: both runs must succeed.
func runTwice(t *testing.T, exe, where string) {
	dir := t.TempDir()
	for run := 1; run <= 2; run++ {
		cmd := exec.Command(exe)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "DB_URL=")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: the program fails on run %d in one directory: %v\n%s",
				where, run, err, out)
			return
		}
	}
}
