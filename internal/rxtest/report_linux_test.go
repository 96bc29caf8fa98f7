package rxtest_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/rxgo/rxdb/internal/rxtest"
)

// TestReportReachesTheTerminal runs `go test -count=1` (package list mode,
// no -v: go test prints only "ok" for a passing package) on a package
// whose test needs a server made unreachable, in a new session whose
// controlling terminal is a pty, with go test's own stdout and stderr
// captured apart: the summary line must reach the terminal, naming the
// package and the database, and go test's output alone would not have
// shown it. Table-driven over the databases that have a server.
func TestReportReachesTheTerminal(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	for _, d := range rxtest.Databases {
		if d.Env == "" {
			continue // embedded: never unreachable
		}
		t.Run(d.Name, func(t *testing.T) {
			t.Parallel()
			// The second run has no -count=1: a run that skipped must not
			// be cached, or it would replay "ok (cached)" without the line.
			for _, args := range [][]string{{"-count=1"}, nil} {
				seen, out := runOnPty(t, goBin, d, args)
				want := "rxtest: github.com/rxgo/rxdb/internal/rxtest/testdata/skipreport: NOT TESTED on " + d.Name
				if !strings.Contains(seen, want) || !strings.Contains(seen, "-count=1") {
					t.Errorf("go test %v: terminal got %q; want the line %q... mentioning -count=1", args, seen, want)
				}
				if strings.Contains(out, "NOT TESTED") || strings.Contains(out, "(cached)") {
					t.Errorf("go test %v printed %q: the skip itself, or a cached result", args, out)
				}
			}
		})
	}
}

// runOnPty runs go test on testdata/skipreport with d's server made
// unreachable, in a new session whose controlling terminal is a pty, and
// returns what reached the terminal and go test's own output.
func runOnPty(t *testing.T, goBin string, d *rxtest.Database, args []string) (tty, out string) {
	t.Helper()
	master, slave, err := openPty()
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	defer master.Close()
	var buf bytes.Buffer
	cmd := exec.Command(goBin, append(append([]string{"test"}, args...), "./testdata/skipreport")...)
	cmd.Env = append(os.Environ(), d.Env+"="+unreachableURL(d.Name), "RX_TEST_REQUIRE_SERVERS=", "RX_TEST_SKIPREPORT_DIALECT="+d.Name)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, &buf, &buf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	seen := make(chan string, 1)
	go func() { b, _ := io.ReadAll(master); seen <- string(b) }()
	err = cmd.Run()
	slave.Close() // the master reads EOF (EIO) once no process holds the pty
	if err != nil {
		t.Fatalf("go test: %v\n%s", err, buf.String())
	}
	select {
	case tty = <-seen:
	case <-time.After(30 * time.Second):
		t.Fatal("the pty was not closed")
	}
	return tty, buf.String()
}

// unreachableURL is a URL of the dialect on a port nothing listens on.
func unreachableURL(dialect string) string {
	if dialect == "mysql" {
		return "mysql://root@127.0.0.1:1/rx_test"
	}
	return "postgresql://postgres@127.0.0.1:1/rx_test"
}

// openPty opens a new pseudo-terminal pair.
func openPty() (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	var unlock int32
	var n uint32
	if err := ioctl(master, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		master.Close()
		return nil, nil, err
	}
	if err := ioctl(master, syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		master.Close()
		return nil, nil, err
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	return master, slave, nil
}

func ioctl(f *os.File, req uintptr, arg unsafe.Pointer) error {
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), req, uintptr(arg)); e != 0 {
		return e
	}
	return nil
}
