package docs

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMECommandsAreCI keeps the README's two commands and CI in step:
// .ci/run runs the same test command (with -race and -count=1) and the
// same quickstart, so what the README promises is what CI proves.
func TestREADMECommandsAreCI(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	readme, ci := read(t, filepath.Join(root, "README.md")), read(t, filepath.Join(root, ".ci", "run"))
	_, section, ok := strings.Cut(readme, "\n## The two commands\n")
	section, _, _ = strings.Cut(section, "\n## ")
	if !ok {
		t.Fatal("README.md has no ## The two commands section")
	}
	for readmeCmd, ciCmd := range map[string]string{
		"go run ./examples/quickstart ": "go run ./examples/quickstart",
		"go test ./... ":                "go test -race -count=1 ./...",
	} {
		if !strings.Contains(section, "\n"+readmeCmd) {
			t.Errorf("README.md's two commands no longer show %q", strings.TrimSpace(readmeCmd))
		}
		if !strings.Contains(ci, ciCmd) {
			t.Errorf(".ci/run no longer runs %q, the README's %q", ciCmd, strings.TrimSpace(readmeCmd))
		}
	}
}
