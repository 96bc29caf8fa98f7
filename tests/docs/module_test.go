package docs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeModule makes dir a module that uses this checkout, its otel module
// and lib/pq (as tests/otherdrivers does) at the checkout's own versions
// and checksums, so that building the snippets needs no network.
func writeModule(t *testing.T, root, dir string) {
	t.Helper()
	// The requirements of the three go.mod files, so that the module graph is
	// the one the checkout's own builds use.
	requires := requireBlocks(read(t, filepath.Join(root, "go.mod"))) +
		requireBlocks(read(t, filepath.Join(root, "otel", "go.mod"))) +
		requireBlocks(read(t, filepath.Join(root, "tests", "otherdrivers", "go.mod")))
	mod := "module rxdbdoc\n\ngo 1.26.0\n\nrequire (\n\tgithub.com/rxgo/rxdb v0.0.0\n\tgithub.com/rxgo/rxdb/otel v0.0.0\n)\n" + requires +
		"\nreplace github.com/rxgo/rxdb => " + root +
		"\n\nreplace github.com/rxgo/rxdb/otel => " + filepath.Join(root, "otel") + "\n"
	sum := read(t, filepath.Join(root, "go.sum")) + read(t, filepath.Join(root, "otel", "go.sum")) +
		read(t, filepath.Join(root, "tests", "otherdrivers", "go.sum"))
	write(t, filepath.Join(dir, "go.mod"), mod)
	write(t, filepath.Join(dir, "go.sum"), sum)
}

// requireBlocks returns the require blocks of a go.mod file.
func requireBlocks(gomod string) string {
	_, rest, _ := strings.Cut(gomod, "\nrequire")
	rest, _, _ = strings.Cut(rest, "\nreplace")
	var b strings.Builder
	for _, line := range strings.SplitAfter("require"+rest, "\n") {
		if !strings.Contains(line, "github.com/rxgo/rxdb ") { // required once, above
			b.WriteString(line)
		}
	}
	return "\n" + b.String()
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
