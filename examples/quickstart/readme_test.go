package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEQuickstart builds the README's quickstart program exactly as
// printed and runs it: it compiles, prints the user it added, and writes
// the file it names (rx.db) in its working directory.
func TestREADMEQuickstart(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "## Quickstart\n\n```go\n")
	src, _, ok2 := strings.Cut(after, "```\n")
	if !ok || !ok2 {
		t.Fatal("README.md has no ```go block under ## Quickstart")
	}
	// A folder inside the module, so that the program's imports resolve
	// to this checkout; the leading _ keeps ./... from seeing it.
	dir, err := os.MkdirTemp(".", "_readme")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "readme")
	if out, err := exec.Command("go", "build", "-o", bin, "./"+dir).CombinedOutput(); err != nil {
		t.Fatalf("the README quickstart does not compile as printed: %v\n%s", err, out)
	}
	if out, err := exec.Command("go", "vet", "./"+dir).CombinedOutput(); err != nil {
		t.Fatalf("go vet of the README quickstart: %v\n%s", err, out)
	}
	run := t.TempDir()
	cmd := exec.Command(bin)
	cmd.Dir = run
	cmd.Env = append(os.Environ(), "DB_URL=")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "user 1: test <admin@pynecone.io>") {
		t.Fatalf("the README quickstart: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(run, "rx.db")); err != nil {
		t.Fatalf("the README quickstart did not write rx.db: %v", err)
	}
}
