package rxtest

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// `go test ./...` shows a passing package's output only with -v: the
// "SKIPPED, NOT TESTED" of each skipped test is then lost, and a user
// without servers sees all green. Main prints one summary line per
// package instead, where go test cannot swallow it: on the terminal
// (/dev/tty) when there is one and -v is off, else on stderr.

var skips struct {
	sync.Mutex
	by map[string]*skipped // what -> its skips
}

type skipped struct {
	n     int
	first string // the first skip's message
}

// noteSkip records that a test was skipped for want of what.
func noteSkip(what, msg string) {
	skips.Lock()
	defer skips.Unlock()
	if skips.by == nil {
		skips.by = map[string]*skipped{}
	}
	s := skips.by[what]
	if s == nil {
		s = &skipped{first: msg}
		skips.by[what] = s
	}
	s.n++
	if len(skips.by) == 1 && s.n == 1 {
		uncacheable()
	}
}

// uncacheable keeps go test from caching this run, so that the next run
// skips (and reports) again instead of replaying "ok (cached)" without
// the line. go test caches a run only if the files inside the module that
// the test opened have settled (modified at least a moment ago): the test
// opens .rxtest-skipped at the module's root, stamped in the future.
func uncacheable() {
	root := moduleRoot()
	if root == "" {
		return
	}
	name := filepath.Join(root, ".rxtest-skipped")
	note := "written by rxtest when a test skipped for want of a database, so that go test does not cache the run\n"
	if err := os.WriteFile(name, []byte(note), 0o644); err != nil {
		return
	}
	future := time.Now().Add(time.Hour)
	if os.Chtimes(name, future, future) != nil {
		return
	}
	if f, err := os.Open(name); err == nil {
		f.Close()
	}
}

// Main runs the package's tests and then Report: call it from the
// package's TestMain, as func TestMain(m *testing.M) { rxtest.Main(m) }.
func Main(m *testing.M) {
	code := m.Run()
	Report()
	os.Exit(code)
}

// Report writes, when some tests were skipped because a database was
// unreachable, one line naming the package and each database not tested.
// It goes to /dev/tty when the process has a terminal and -v is off (go
// test would hide stderr), else to stderr.
func Report() {
	line := summary(packagePath())
	if line == "" {
		return
	}
	var w io.Writer = os.Stderr
	if v := flag.Lookup("test.v"); v == nil || v.Value.String() == "false" {
		if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
			defer tty.Close()
			w = tty
		}
	}
	fmt.Fprintln(w, line)
}

// summary is the line Report writes for the package pkg, or "".
func summary(pkg string) string {
	skips.Lock()
	defer skips.Unlock()
	if len(skips.by) == 0 {
		return ""
	}
	names := make([]string, 0, len(skips.by))
	for what := range skips.by {
		names = append(names, what)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, what := range names {
		s := skips.by[what]
		parts[i] = fmt.Sprintf("%s (%d test(s) skipped: %s)", what, s.n, s.first)
	}
	return fmt.Sprintf("rxtest: %s: NOT TESTED on %s; start it and rerun (this run is not cached; "+
		"-count=1 reruns a result cached before), or set RX_TEST_REQUIRE_SERVERS=1 to fail instead", pkg, strings.Join(parts, "; "))
}

// packagePath names the package under test: go test runs the binary in
// its directory, so the module path plus the directory's place in the
// module, or the directory when no go.mod is found.
func packagePath() string {
	dir, err := os.Getwd()
	root := moduleRoot()
	if err != nil || root == "" {
		return filepath.Base(os.Args[0])
	}
	mod := modulePath(filepath.Join(root, "go.mod"))
	if rel, err := filepath.Rel(root, dir); err == nil && rel != "." {
		return mod + "/" + filepath.ToSlash(rel)
	}
	return mod
}

// moduleRoot is the nearest directory up from the working directory that
// holds a go.mod naming a module, or "".
func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for root := dir; ; root = filepath.Dir(root) {
		if modulePath(filepath.Join(root, "go.mod")) != "" {
			return root
		}
		if filepath.Dir(root) == root {
			return ""
		}
	}
}

// modulePath returns the module line of the go.mod file at path, or "".
func modulePath(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}
