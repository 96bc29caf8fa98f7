package docs

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// link is one inline Markdown link, [text](target), outside code.
type link struct {
	file   string
	line   int
	target string
}

var (
	linkRe    = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	headingRe = regexp.MustCompile(`^#{1,6}\s+(.*?)\s*#*\s*$`)
)

// scanMarkdown returns the links of a Markdown text and the anchors its
// headings get, skipping fenced blocks and code spans.
func scanMarkdown(file string, text []byte) (links []link, anchors map[string]bool) {
	anchors = map[string]bool{}
	seen := map[string]int{}
	inFence, inCode := false, false
	sc := bufio.NewScanner(bytes.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if strings.TrimSpace(line) == "" {
			inCode = false // a code span ends with its paragraph
		}
		if m := headingRe.FindStringSubmatch(line); m != nil {
			a := anchor(m[1])
			if k := seen[a]; k > 0 { // GitHub numbers repeated headings
				anchors[fmt.Sprintf("%s-%d", a, k)] = true
			} else {
				anchors[a] = true
			}
			seen[a]++
		}
		var prose string
		prose, inCode = withoutCode(line, inCode)
		for _, m := range linkRe.FindAllStringSubmatch(prose, -1) {
			links = append(links, link{file: file, line: n, target: m[1]})
		}
	}
	return links, anchors
}

// withoutCode drops the code spans of a line, which may have started on
// an earlier line of the paragraph (inCode), and says whether one is
// still open at its end.
func withoutCode(line string, inCode bool) (string, bool) {
	var b strings.Builder
	for _, r := range line {
		switch {
		case r == '`':
			inCode = !inCode
		case !inCode:
			b.WriteRune(r)
		}
	}
	return b.String(), inCode
}

// anchor is the id GitHub gives a heading: its text without markup, in
// lower case, with punctuation other than - and _ dropped and each space a -.
func anchor(heading string) string {
	heading = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`).ReplaceAllString(heading, "$1")
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestDocLinks checks every relative link of README.md and docs/*.md: the
// file or folder it names exists in the checkout, and a #anchor into a
// Markdown file names one of its headings. Links to other sites are not
// fetched.
func TestDocLinks(t *testing.T) {
	t.Parallel()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	anchorsOf := map[string]map[string]bool{}
	var links []link
	for _, file := range docFiles(t, root) {
		l, a := scanMarkdown(file, []byte(read(t, filepath.Join(root, file))))
		links, anchorsOf[file] = append(links, l...), a
	}
	for _, l := range links {
		if err := checkLink(root, l, anchorsOf); err != nil {
			t.Error(err)
		}
	}
}

// checkLink resolves one link against the checkout.
func checkLink(root string, l link, anchorsOf map[string]map[string]bool) error {
	if strings.Contains(l.target, "://") || strings.HasPrefix(l.target, "mailto:") {
		return nil
	}
	path, frag, _ := strings.Cut(l.target, "#")
	target := l.file
	if path != "" {
		target = filepath.ToSlash(filepath.Join(filepath.Dir(l.file), path))
		if strings.HasPrefix(target, "../") {
			return fmt.Errorf("%s:%d: %s leaves the repository", l.file, l.line, l.target)
		}
		if _, err := os.Stat(filepath.Join(root, target)); err != nil {
			return fmt.Errorf("%s:%d: %s: no such file or folder in the repository", l.file, l.line, l.target)
		}
	}
	if frag == "" || !strings.HasSuffix(target, ".md") {
		return nil
	}
	anchors, ok := anchorsOf[target]
	if !ok { // a Markdown file outside the guide, such as bench/README.md
		text, err := os.ReadFile(filepath.Join(root, target))
		if err != nil {
			return err
		}
		_, anchors = scanMarkdown(target, text)
		anchorsOf[target] = anchors
	}
	if !anchors[frag] {
		return fmt.Errorf("%s:%d: %s: %s has no heading with the anchor #%s", l.file, l.line, l.target, target, frag)
	}
	return nil
}
