package main

import (
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
)

// TestDocCommentCommands runs the commands of the package documentation
// (go doc ./examples/blog) in the order printed, on a fresh database of
// each kind: each succeeds, except the one its comment says is refused.
// The comment once ran "comment -user bob" before any post made bob.
func TestDocCommentCommands(t *testing.T) {
	cmds := docCommands(t)
	if len(cmds) < 5 {
		t.Fatalf("found %d commands in the package documentation", len(cmds))
	}
	bin := buildBlog(t)
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			dir, url := t.TempDir(), rxtest.FreshURL(t, d)
			for _, c := range cmds {
				cmd := exec.Command(bin, c.args...)
				cmd.Dir, cmd.Env = dir, append(append(os.Environ(), "DB_URL="+url), c.env...)
				out, err := cmd.CombinedOutput()
				if refused := strings.Contains(c.comment, "refused"); (err != nil) != refused {
					t.Errorf("%s: error %v (the comment says %q)\n%s", c.line, err, c.comment, out)
				}
			}
		})
	}
}

// buildBlog builds the command, as go run would, and returns its path.
func buildBlog(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "blog")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// docCommand is one "go run ./examples/blog ..." line of the package doc.
type docCommand struct {
	line, comment string
	env, args     []string
}

func docCommands(t *testing.T) []docCommand {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	var cmds []docCommand
	for _, line := range strings.Split(f.Doc.Text(), "\n") {
		text, comment, _ := strings.Cut(strings.TrimSpace(line), "#")
		words := shellWords(text)
		c := docCommand{line: strings.TrimSpace(line), comment: comment}
		for len(words) > 0 && strings.Contains(words[0], "=") {
			c.env, words = append(c.env, words[0]), words[1:]
		}
		if len(words) < 3 || words[0] != "go" || words[1] != "run" || words[2] != "./examples/blog" {
			continue
		}
		c.args = words[3:]
		cmds = append(cmds, c)
	}
	return cmds
}

// shellWords splits a command line as sh does for words and "quoted words".
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words, inWord = append(words, cur.String()), false
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
