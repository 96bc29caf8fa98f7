package docs

import (
	"bufio"
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// block is one fenced Go block of a Markdown file.
type block struct {
	file string // the Markdown file, for messages
	line int    // the line of the opening fence
	kind string // "program", "body", "decls", or "" when unmarked
	src  string // the code, its list indentation removed
}

// where names the block as a reader finds it in the file.
func (b block) where() string { return b.file + ":" + strconv.Itoa(b.line) }

var fragmentMark = regexp.MustCompile(`^\s*<!--\s*fragment:\s*(\w+)\s*-->\s*$`)

// goBlocks returns every ```go block of a Markdown text, in order, with the
// kind its marker (or its package clause) gives it.
func goBlocks(file string, text []byte) []block {
	var out []block
	var cur *block
	var indent, prev string
	sc := bufio.NewScanner(bytes.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case cur == nil && strings.HasPrefix(trimmed, "```go"):
			cur = &block{file: file, line: n}
			indent = line[:len(line)-len(strings.TrimLeft(line, " \t"))]
			if m := fragmentMark.FindStringSubmatch(prev); m != nil {
				cur.kind = m[1]
			}
		case cur != nil && strings.HasPrefix(trimmed, "```"):
			if strings.HasPrefix(strings.TrimSpace(cur.src), "package main") {
				cur.kind = "program"
			}
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.src += strings.TrimPrefix(line, indent) + "\n"
		}
		prev = line
	}
	if cur != nil { // reported by wrap, not dropped
		cur.kind = "unclosed fence"
		out = append(out, *cur)
	}
	return out
}
