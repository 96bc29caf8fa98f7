package docs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeModule makes dir a module that uses this checkout (and its otel
// module) with the checkout's own versions and checksums, so that building
// the snippets needs no network.
func writeModule(t *testing.T, root, dir string) {
	t.Helper()
	// otel's go.mod requires everything the main module does, and otel's own.
	otelMod := read(t, filepath.Join(root, "otel", "go.mod"))
	_, requires, _ := strings.Cut(otelMod, "\nrequire")
	requires, _, _ = strings.Cut(requires, "\nreplace")
	mod := "module rxdbdoc\n\ngo 1.26.0\n\nrequire github.com/rxgo/rxdb/otel v0.0.0\n\nrequire" + requires +
		"\nreplace github.com/rxgo/rxdb => " + root +
		"\n\nreplace github.com/rxgo/rxdb/otel => " + filepath.Join(root, "otel") + "\n"
	sum := read(t, filepath.Join(root, "go.sum")) + read(t, filepath.Join(root, "otel", "go.sum"))
	write(t, filepath.Join(dir, "go.mod"), mod)
	write(t, filepath.Join(dir, "go.sum"), sum)
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
