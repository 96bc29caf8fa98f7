package adoption

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// page is docs/adopting.md: its program and its shell steps, which the
// tests run as printed.
type page struct {
	program string     // the ```go block: main.go
	steps   [][]string // the ```sh blocks, one command a line
}

func readPage(t *testing.T) page {
	t.Helper()
	text := readFile(t, filepath.Join("..", "..", "docs", "adopting.md"))
	var p page
	for _, m := range regexp.MustCompile("(?s)```(go|sh)\n(.*?)```").FindAllStringSubmatch(text, -1) {
		if m[1] == "go" {
			p.program = m[2]
			continue
		}
		p.steps = append(p.steps, strings.Split(strings.TrimSpace(m[2]), "\n"))
	}
	if p.program == "" || len(p.steps) != 4 {
		t.Fatalf("docs/adopting.md: want a go block and 4 sh blocks, got %d sh blocks", len(p.steps))
	}
	return p
}

// writeModule makes dir a module that uses this checkout, with the
// checkout's requirements and checksums, so that it builds with no
// network, holding main.go.
func writeModule(t *testing.T, dir, mainGo string) {
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
}

// shell runs the page's commands in dir on the database url: go build,
// and the program (./app) as printed, with replacements for the page's
// placeholders (VERSION); each must succeed. It returns their output.
func shell(t *testing.T, dir, url string, lines []string, replace ...string) string {
	t.Helper()
	var all strings.Builder
	for _, line := range lines {
		line = strings.NewReplacer(replace...).Replace(line)
		args := splitArgs(line)
		cmd := exec.Command(args[0], args[1:]...)
		if args[0] == "./app" {
			cmd.Path = filepath.Join(dir, "app")
		}
		cmd.Dir, cmd.Env = dir, append(os.Environ(), "DB_URL="+url)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out)
		}
		all.WriteString("$ " + line + "\n" + string(out))
	}
	return all.String()
}

// splitArgs splits a command line at spaces outside double quotes.
func splitArgs(line string) []string {
	var out []string
	for i, part := range strings.Split(line, `"`) {
		if i%2 == 1 {
			out = append(out, part)
			continue
		}
		out = append(out, strings.Fields(part)...)
	}
	return out
}

// useModels makes main.go pass the models db inspect wrote, as the page
// says.
func useModels(t *testing.T, dir string) {
	t.Helper()
	path := filepath.Join(dir, "main.go")
	src := readFile(t, path)
	if !strings.Contains(src, "var models []any") {
		t.Fatal("docs/adopting.md's program has no `var models []any`")
	}
	writeFile(t, path, strings.Replace(src, "var models []any", "var models = All()", 1))
}

// runApp runs the program in dir on the database url and returns its
// output, failing the test unless it succeeds as wantOK says.
func runApp(t *testing.T, dir, url string, wantOK bool, args ...string) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(dir, "app"), args...)
	cmd.Dir, cmd.Env = dir, append(os.Environ(), "DB_URL="+url)
	out, err := cmd.CombinedOutput()
	if (err == nil) != wantOK {
		t.Fatalf("app %s: err %v, want ok=%v\n%s", strings.Join(args, " "), err, wantOK, out)
	}
	return string(out)
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
