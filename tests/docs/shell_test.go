package docs

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// command is one shell block marked <!-- run -->, with the output the
// <!-- output --> block after it shows (if any).
type command struct {
	file, script string
	line         int  // the line of the opening fence
	hasOutput    bool // an output block follows
	output       string
	outLine      int
}

func (c command) where() string { return fmt.Sprintf("%s:%d", c.file, c.line) }

var (
	runMark    = regexp.MustCompile(`^\s*<!--\s*run\s*-->\s*$`)
	outputMark = regexp.MustCompile(`^\s*<!--\s*output\s*-->\s*$`)
)

// shellCommands returns the marked shell blocks of a Markdown text, in
// order. A run marker must stand before a ```sh fence and an output marker
// before a ```text fence that follows a run block; anything else is an
// error, so that a mistyped marker does not silently test nothing.
func shellCommands(file string, text []byte) ([]command, error) {
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(text))
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	var out []command
	for i := 0; i < len(lines); i++ {
		switch {
		case runMark.MatchString(lines[i]):
			body, end, err := fenced(file, lines, i+1, "sh", "bash")
			if err != nil {
				return nil, err
			}
			out = append(out, command{file: file, line: i + 2, script: body})
			i = end
		case outputMark.MatchString(lines[i]):
			body, end, err := fenced(file, lines, i+1, "text")
			if err != nil {
				return nil, err
			}
			last := len(out) - 1
			if last < 0 || out[last].hasOutput {
				return nil, fmt.Errorf("%s:%d: an <!-- output --> block must follow a <!-- run --> block", file, i+1)
			}
			out[last].hasOutput, out[last].output, out[last].outLine = true, body, i+2
			i = end
		}
	}
	return out, nil
}

// fenced reads the fenced block whose opening fence is lines[at] and
// returns its text and the index of its closing fence.
func fenced(file string, lines []string, at int, langs ...string) (string, int, error) {
	if at >= len(lines) || !isFence(lines[at], langs) {
		return "", 0, fmt.Errorf("%s:%d: the marker on the line before must stand right before a ```%s fence", file, at+1, langs[0])
	}
	var b strings.Builder
	for i := at + 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "```" {
			return b.String(), i, nil
		}
		b.WriteString(lines[i] + "\n")
	}
	return "", 0, fmt.Errorf("%s:%d: the fence is not closed", file, at+1)
}

func isFence(line string, langs []string) bool {
	for _, l := range langs {
		if strings.TrimSpace(line) == "```"+l {
			return true
		}
	}
	return false
}

// TestDocCommands runs every shell block of README.md and docs/*.md marked
// <!-- run -->, as a reader runs it from the repository root: each file's
// blocks in order, in one copy of the checkout of their own, on SQLite
// (DB_URL empty). A block followed by an <!-- output --> block must print
// that output (stdout and stderr as one terminal shows them, normalized);
// one without must exit 0.
func TestDocCommands(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range docFiles(t, root) {
		cmds, err := shellCommands(file, []byte(read(t, filepath.Join(root, file))))
		if err != nil {
			t.Error(err)
			continue
		}
		if len(cmds) == 0 {
			continue
		}
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			dir := copyCheckout(t, root)
			for _, c := range cmds {
				runCommand(t, dir, c)
			}
		})
	}
}

// runCommand runs one block with bash in dir and compares what it prints.
func runCommand(t *testing.T, dir string, c command) {
	t.Helper()
	cmd := exec.Command("bash", "-c", c.script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DB_URL=", "GOPROXY=off", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if !c.hasOutput {
		if err != nil {
			t.Errorf("%s: the commands fail: %v\n%s", c.where(), err, out)
		}
		return
	}
	got, want := normalize(string(out)), normalize(c.output)
	if got != want {
		t.Errorf("%s: the commands print something else than the output block at %s:%d shows (after normalizing times, versions, durations and random names):\n--- shown\n%s\n--- printed\n%s",
			c.where(), c.file, c.outLine, want, got)
	}
}

// normalizers replace what changes from run to run with a fixed word, on
// both sides of the comparison.
var normalizers = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`(?m)^go: downloading .*\n`), ""},                    // the module cache filling up
	{regexp.MustCompile(`\d{4}/\d\d/\d\d \d\d:\d\d:\d\d(\.\d+)?`), "<time>"}, // log's timestamps
	{regexp.MustCompile(`\d{14}`), "<version>"},                              // migration versions
	{regexp.MustCompile(`\(\d+(\.\d+)?(ns|µs|us|ms|s|m)\)`), "(<duration>)"},
	{regexp.MustCompile(`rx_check_[0-9a-f]+`), "rx_check_<random>"},
	{regexp.MustCompile(`(?m)[ \t]+$`), ""},
}

func normalize(s string) string {
	for _, n := range normalizers {
		s = n.re.ReplaceAllString(s, n.with)
	}
	return strings.TrimRight(s, "\n")
}

// copyCheckout copies the checkout's files (tracked, and new ones git does
// not ignore) to a temporary directory, so that commands which write files
// (a database, migrations, an edited model) leave the checkout alone.
func copyCheckout(t *testing.T, root string) string {
	t.Helper()
	ls := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	ls.Dir = root
	list, err := ls.Output()
	if err != nil {
		t.Fatalf("git ls-files in %s: %v", root, err)
	}
	dir := t.TempDir()
	for _, name := range strings.Split(strings.TrimRight(string(list), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(root, name))
		if os.IsNotExist(err) {
			continue // deleted in the work tree
		}
		if err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, info.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
