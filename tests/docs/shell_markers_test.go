package docs

import (
	"strings"
	"testing"
)

// TestShellMarkers checks how run and output markers pair up, and that a
// marker in the wrong place is an error naming its line rather than a
// block silently left untested.
func TestShellMarkers(t *testing.T) {
	good := "text\n<!-- run -->\n```sh\necho hi\n```\n\n<!-- output -->\n```text\nhi\n```\n<!-- run -->\n```sh\ntrue\n```\n"
	cmds, err := shellCommands("x.md", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(cmds) != 2 || cmds[0].script != "echo hi\n" || !cmds[0].hasOutput || cmds[0].output != "hi\n" ||
		cmds[0].line != 3 || cmds[1].hasOutput {
		t.Fatalf("parsed %+v", cmds)
	}
	for text, want := range map[string]string{
		"<!-- run -->\n\n```sh\necho\n```\n":  "x.md:2: the marker",
		"<!-- run -->\n```go\nx\n```\n":       "x.md:2: the marker",
		"<!-- output -->\n```text\nhi\n```\n": "x.md:1: an <!-- output --> block must follow",
		"<!-- run -->\n```sh\necho\n":         "x.md:2: the fence is not closed",
		"<!-- run -->\n```sh\nx\n```\n<!-- output -->\n```text\na\n```\n<!-- output -->\n```text\nb\n```\n": "x.md:9: an <!-- output -->",
	} {
		_, err := shellCommands("x.md", []byte(text))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error containing %q", text, err, want)
		}
	}
}

// TestNormalize checks that what changes between runs is masked and
// nothing else is.
func TestNormalize(t *testing.T) {
	a := normalize("2026/12/03 15:12:39 INFO x\napplied 20261203151231_initial (1.5ms)  \nrx_check_0d81 user 1\n")
	b := normalize("2027/01/01 00:00:00 INFO x\napplied 20270101000000_initial (20ms)\nrx_check_ffff user 1")
	if a != b {
		t.Fatalf("%q != %q", a, b)
	}
	if normalize("user 1") == normalize("user 2") {
		t.Fatal("normalize masks a value it should compare")
	}
}
