package migrate

import (
	"fmt"
	"regexp"
	"slices"
)

// lintFile is what the rules know of the whole file a statement is in.
type lintFile struct {
	created   map[string]bool // tables the file creates: no rows to lock yet
	renamedTo map[string]bool // names a table is renamed to (SQLite's rebuild)
}

// lintStmt is one statement as the rules read it.
type lintStmt struct {
	code string // lintCode: one line, no comments, literals emptied
	file *lintFile
}

// existingTable returns the table an ALTER TABLE changes, when the file
// did not create it (a new table has no rows, so nothing to lock).
func (s lintStmt) existingTable() (string, bool) {
	g := reAlterTable.FindStringSubmatch(s.code)
	if g == nil || s.file.created[tableKey(g[1])] {
		return "", false
	}
	return g[1], true
}

// lintRule is one check: its name (what LintIgnore names), the dialects
// it applies to (none: all), and a function returning the finding's
// message, or "" for a statement it does not flag.
type lintRule struct {
	name     string
	dialects []string
	check    func(lintStmt) string
}

func (r lintRule) appliesTo(d string) bool {
	return len(r.dialects) == 0 || slices.Contains(r.dialects, d)
}

// lintRules, in the order findings are printed for one statement.
var lintRules = []lintRule{
	{name: "destructive-drop", check: lintDrop},
	{name: "index-not-concurrent", dialects: []string{"postgres"}, check: lintIndex},
	{name: "fk-not-valid", dialects: []string{"postgres"}, check: lintForeignKey},
	{name: "set-not-null", dialects: []string{"postgres"}, check: lintSetNotNull},
	{name: "type-rewrite", dialects: []string{"postgres"}, check: lintTypeRewrite},
	{name: "volatile-default", dialects: []string{"postgres"}, check: lintVolatileDefault},
	{name: "mysql-copy-alter", dialects: []string{"mysql"}, check: lintMySQLCopy},
}

var (
	reAlterTable  = regexp.MustCompile(`(?i)^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?([^\s(]+)`)
	reDropTable   = regexp.MustCompile(`(?i)^DROP TABLE (?:IF EXISTS )?([^\s(,]+)`)
	reDropColumn  = regexp.MustCompile(`(?i)\bDROP COLUMN (?:IF EXISTS )?([^\s,]+)`)
	reIndex       = regexp.MustCompile(`(?i)^CREATE (?:UNIQUE )?INDEX (CONCURRENTLY )?.*?\bON (?:ONLY )?([^\s(]+)`)
	reReferences  = regexp.MustCompile(`(?i)\bREFERENCES\b`)
	reNotValid    = regexp.MustCompile(`(?i)\bNOT VALID\b`)
	reSetNotNull  = regexp.MustCompile(`(?i)\bALTER (?:COLUMN )?([^\s,]+) SET NOT NULL\b`)
	reTypeChange  = regexp.MustCompile(`(?i)\bALTER (?:COLUMN )?([^\s,]+) (?:SET DATA )?TYPE\b`)
	reVolatile    = regexp.MustCompile(`(?i)\bADD (?:COLUMN )?(?:IF NOT EXISTS )?([^\s,]+) [^,]*?\bDEFAULT \(?(random|gen_random_uuid|uuid_generate_v4|clock_timestamp|statement_timestamp|timeofday|nextval) ?\(`)
	reSerial      = regexp.MustCompile(`(?i)\bADD (?:COLUMN )?(?:IF NOT EXISTS )?([^\s,]+) (small|big)?serial\b`)
	reMySQLCopy   = regexp.MustCompile(`(?i)\b(MODIFY|CHANGE)(?: COLUMN)? [^\s,]+|\bDROP PRIMARY KEY\b|\bADD FULLTEXT\b`)
	reOnlineAlter = regexp.MustCompile(`(?i)\bALGORITHM ?= ?(INSTANT|INPLACE)\b`)
)

// lintDrop flags DROP TABLE and DROP COLUMN, which delete data for good.
// SQLite's rebuild drops a table and renames its copy to the same name
// in the same file: that table survives, and is not flagged.
func lintDrop(s lintStmt) string {
	if g := reDropTable.FindStringSubmatch(s.code); g != nil && !s.file.renamedTo[tableKey(g[1])] {
		return fmt.Sprintf("DROP TABLE %s deletes its rows for good: stop reading and writing it in one release, drop it in a later one, and keep a backup (or rename it instead until you are sure)", g[1])
	}
	t, ok := s.existingTable()
	if !ok {
		return ""
	}
	if g := reDropColumn.FindStringSubmatch(s.code); g != nil {
		return fmt.Sprintf("dropping column %s of %s deletes its values for good, and the running release may still read it: stop using it in one release, drop it in a later one", g[1], t)
	}
	return ""
}

// lintIndex flags a PostgreSQL CREATE INDEX on an existing table without
// CONCURRENTLY: it blocks writes to the table until the index is built.
func lintIndex(s lintStmt) string {
	g := reIndex.FindStringSubmatch(s.code)
	if g == nil || g[1] != "" || s.file.created[tableKey(g[2])] {
		return ""
	}
	return fmt.Sprintf("CREATE INDEX blocks writes to %s until the index is built: use CREATE INDEX CONCURRENTLY, in a file whose first line is `%s` (CONCURRENTLY cannot run in a transaction)", g[2], NoTransactionHeader)
}

// lintForeignKey flags a foreign key added to an existing table without
// NOT VALID: PostgreSQL checks every row while it blocks writes to both
// tables.
func lintForeignKey(s lintStmt) string {
	t, ok := s.existingTable()
	if !ok || !reReferences.MatchString(s.code) || reNotValid.MatchString(s.code) {
		return ""
	}
	return fmt.Sprintf("adding a foreign key to %s checks every row while writes to both tables wait: add it with NOT VALID, then run ALTER TABLE %s VALIDATE CONSTRAINT <name> in a later migration, which does not block writes", t, t)
}

// lintSetNotNull flags SET NOT NULL on an existing table: PostgreSQL
// scans the table for nulls under an ACCESS EXCLUSIVE lock.
func lintSetNotNull(s lintStmt) string {
	t, ok := s.existingTable()
	g := reSetNotNull.FindStringSubmatch(s.code)
	if !ok || g == nil {
		return ""
	}
	return fmt.Sprintf("SET NOT NULL scans %s for nulls while every read and write waits: add CHECK (%s IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later migration, then SET NOT NULL (PostgreSQL 12+ trusts the validated check and skips the scan) and drop the check", t, g[1])
}

// lintTypeRewrite flags a column type change on an existing table, which
// PostgreSQL does by rewriting the table under an ACCESS EXCLUSIVE lock.
func lintTypeRewrite(s lintStmt) string {
	t, ok := s.existingTable()
	g := reTypeChange.FindStringSubmatch(s.code)
	if !ok || g == nil {
		return ""
	}
	return fmt.Sprintf("changing the type of %s.%s rewrites the table while every read and write waits (unless the new type is binary-compatible, such as a longer varchar): add a column of the new type, backfill it in batches, switch the code to it, then drop the old one", t, g[1])
}

// lintVolatileDefault flags ADD COLUMN with a volatile default on an
// existing table: since PostgreSQL 11 a constant or stable default
// (now() included) is stored once, but a volatile one is computed for
// every row by rewriting the table.
func lintVolatileDefault(s lintStmt) string {
	t, ok := s.existingTable()
	if !ok {
		return ""
	}
	col, what := "", ""
	if g := reVolatile.FindStringSubmatch(s.code); g != nil {
		col, what = g[1], "the volatile default "+g[2]+"()"
	} else if g := reSerial.FindStringSubmatch(s.code); g != nil {
		col, what = g[1], "a serial type (a nextval() default)"
	} else {
		return ""
	}
	return fmt.Sprintf("ADD COLUMN %s with %s rewrites %s while every read and write waits: add the column without a default, SET DEFAULT in a second statement, and fill the existing rows in batches", col, what, t)
}

// lintMySQLCopy flags the MySQL/MariaDB ALTERs that usually cannot run
// ALGORITHM=INSTANT or INPLACE, and so copy the table while writes wait:
// a heuristic, since whether a MODIFY copies depends on the change.
func lintMySQLCopy(s lintStmt) string {
	t, ok := s.existingTable()
	g := reMySQLCopy.FindString(s.code)
	if !ok || g == "" || reOnlineAlter.MatchString(s.code) {
		return ""
	}
	return fmt.Sprintf("%s may copy all of %s (ALGORITHM=COPY) while writes wait: add ALGORITHM=INPLACE, LOCK=NONE (or ALGORITHM=INSTANT) so that the server refuses rather than copies, and use an online schema change tool (gh-ost, pt-online-schema-change) when it refuses", g, t)
}
