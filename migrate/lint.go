package migrate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/rxgo/rxdb/internal/sqltext"
	"github.com/rxgo/rxdb/rx"
)

// ErrLintFindings is wrapped by the error `db lint` returns when a
// migration holds a statement that one of its rules flags.
var ErrLintFindings = errors.New("migrate: lint found statements that lock or break a production database")

// LintIgnore, on the comment line directly before a statement, followed
// by rule names, silences those rules for that statement.
const LintIgnore = "-- rx:lint-ignore"

// Finding is one statement a lint rule flags: where it is, its first
// words, and the safe alternative.
type Finding struct {
	Rule    string
	File    string // the up file, in the migrations folder
	Line    int    // where the statement's code starts, 1-based
	Start   string // the statement's first words
	Message string
}

func (f Finding) String() string {
	return fmt.Sprintf("%s:%d: %s: %s: %s", f.File, f.Line, f.Rule, f.Start, f.Message)
}

// LintResult is what Lint read and found.
type LintResult struct {
	Dir      string
	Files    int // the up files read
	Findings []Finding
}

// Lint reads the up files of the migrations folder and checks each
// statement with the rules of the configured database's dialect. It
// reads files only: it needs the URL for the dialect, not a connection.
func (m *Migrator) Lint() (*LintResult, error) {
	_, d, err := rx.ParseURL(m.cfg.URL())
	if err != nil {
		return nil, err
	}
	fsys, dir := m.cfg.MigrationsSource()
	files, err := listFiles(fsys, dir)
	if err != nil {
		return nil, err
	}
	res := &LintResult{Dir: m.dir()}
	for _, f := range files {
		if !f.HasUp {
			continue // a Go migration: no SQL to read
		}
		name := f.Name() + ".up.sql"
		body, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("migrate: lint: reading %s: %w", name, err)
		}
		res.Files++
		res.Findings = append(res.Findings, lintSQL(d.Name(), path.Join(m.dir(), name), string(body))...)
	}
	return res, nil
}

// lintSQL checks the statements of one file with dialect's rules.
func lintSQL(dialect, file, body string) []Finding {
	stmts := sqltext.Split(body)
	fc := lintFile{created: map[string]bool{}, renamedTo: map[string]bool{}}
	codes := make([]string, len(stmts))
	for i, s := range stmts {
		code := lintCode(s.Text)
		codes[i] = code
		if g := reCreateTable.FindStringSubmatch(code); g != nil {
			fc.created[tableKey(g[1])] = true
		}
		if g := reRenameTo.FindStringSubmatch(code); g != nil {
			fc.renamedTo[tableKey(g[1])] = true
		}
	}
	var out []Finding
	for i, s := range stmts {
		st := lintStmt{code: codes[i], file: &fc}
		ignored := ignoredRules(s.Text)
		for _, r := range lintRules {
			if !r.appliesTo(dialect) || ignored[r.name] {
				continue
			}
			if msg := r.check(st); msg != "" {
				out = append(out, Finding{Rule: r.name, File: file, Line: s.Line, Start: firstWords(st.code, 6), Message: msg})
			}
		}
	}
	return out
}

// lintCode is a statement's code on one line: comments gone, literals
// emptied (so a keyword in either does not count), no final semicolon.
func lintCode(stmt string) string {
	code := strings.Join(strings.Fields(sqltext.Code(stmt)), " ")
	return strings.TrimSpace(strings.TrimSuffix(code, ";"))
}

// ignoredRules reads the LintIgnore lines among the comment lines that
// come directly before the statement's code (no blank line between).
func ignoredRules(stmt string) map[string]bool {
	lines := strings.Split(stmt, "\n")
	codeAt := 0
	for codeAt < len(lines) {
		l := strings.TrimSpace(lines[codeAt])
		if l != "" && !strings.HasPrefix(l, "--") {
			break
		}
		codeAt++
	}
	out := map[string]bool{}
	for i := codeAt - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(l, "--") {
			break // a blank line: the comment is not directly before
		}
		if rest, ok := strings.CutPrefix(l, LintIgnore); ok {
			for _, r := range strings.FieldsFunc(rest, func(c rune) bool { return c == ',' || c == ' ' || c == '\t' }) {
				out[r] = true
			}
		}
	}
	return out
}

// firstWords is the first n words of code, with … when there are more.
func firstWords(code string, n int) string {
	w := strings.Fields(code)
	if len(w) <= n {
		return code
	}
	return strings.Join(w[:n], " ") + " …"
}

// tableKey is a table name as written, unquoted and lower-cased, so that
// "Items", `items` and items compare equal.
func tableKey(name string) string {
	return strings.ToLower(strings.NewReplacer(`"`, "", "`", "").Replace(name))
}

var (
	reCreateTable = regexp.MustCompile(`(?i)^CREATE (?:(?:GLOBAL |LOCAL )?TEMP(?:ORARY)? |UNLOGGED )?TABLE (?:IF NOT EXISTS )?([^\s(]+)`)
	reRenameTo    = regexp.MustCompile(`(?i)^ALTER TABLE .* RENAME TO ([^\s(]+)$`)
)

func runLint(_ context.Context, out io.Writer, m *Migrator, _ string, _ []string) error {
	res, err := m.Lint()
	if err != nil {
		return err
	}
	if len(res.Findings) == 0 {
		fmt.Fprintf(out, "OK: no findings in %s (%d files)\n", res.Dir, res.Files)
		return nil
	}
	for _, f := range res.Findings {
		fmt.Fprintln(out, f)
	}
	fmt.Fprintf(out, "%d finding(s) in %s (%d files): make each statement safe as its message says, or put `%s <rule>` on the line before a statement you know is safe\n",
		len(res.Findings), res.Dir, res.Files, LintIgnore)
	return fmt.Errorf("%w: %d finding(s) in %s", ErrLintFindings, len(res.Findings), res.Dir)
}

// withLintBlock puts the findings of `db lint` for a generated up file
// in a block of "-- LINT:" comment lines under its header line, where
// whoever reviews the file reads them first. The dialect is the one the
// header names; a body without rxdb's header is returned as it is.
func withLintBlock(name, up string) string {
	header, rest, _ := strings.Cut(up, "\n")
	d := lineDialect(header)
	if d == "" {
		return up
	}
	findings := lintSQL(d, name, up)
	if len(findings) == 0 {
		return up
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n-- LINT: %d finding(s) of `db lint`: make each statement safe as its message says, or put `%s <rule>` on the line before one you know is safe\n",
		header, len(findings), LintIgnore)
	for _, f := range findings {
		f.Line += 1 + len(findings) // the block's lines come before it
		fmt.Fprintf(&b, "-- LINT: %s\n", f)
	}
	b.WriteString(rest)
	return b.String()
}
