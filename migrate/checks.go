package migrate

import (
	"regexp"
	"slices"
	"strings"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// Check is a CHECK constraint of a Table: a model's rx:"check=..."
// (named ck_<table>_<column>) or a live one. SQLite keeps no name for a
// constraint written without CONSTRAINT, so a live SQLite one may have
// Name "".
type Check struct {
	Name   string
	Expr   string // the expression, without CHECK and its outer parentheses
	pruned string // why dropping it is DESTRUCTIVE (scope.table), "" otherwise
}

// sameCheck reports whether two CHECK constraints are the same one: the
// same name, or expressions that agree once spelling is set aside
// (looseExpr). Each database rewrites an expression its own way
// (PostgreSQL's pg_get_constraintdef adds parentheses and casts, MariaDB
// quotes names), so a name is the reliable key and the expression only
// pairs a constraint created under another name, as indexes pair by
// their columns.
func (ck *Check) sameCheck(o *Check) bool {
	if ck.Name != "" && ck.Name == o.Name {
		return true
	}
	return looseExpr(ck.Expr) == looseExpr(o.Expr)
}

var (
	pgCast    = regexp.MustCompile(`::[a-z_]+(\[\])?`)
	exprNoise = strings.NewReplacer(" ", "", "\t", "", "\n", "", "(", "", ")", "", "`", "", `"`, "")
)

// looseExpr is an expression without case, spaces, parentheses, quoted
// identifiers' quotes and PostgreSQL casts: good enough to pair a
// model's expression with a database's rewriting of it, never used to
// write SQL.
func looseExpr(e string) string {
	return pgCast.ReplaceAllString(exprNoise.Replace(strings.ToLower(e)), "")
}

// AddChecksSQL renders ALTER TABLE ... ADD CONSTRAINT ... CHECK for each
// of diff.AddChecks, which MySQL 8.0.16, MariaDB 10.2 and PostgreSQL
// accept (SQLite rebuilds the table instead).
func AddChecksSQL(d dialect.Dialect, diff *TableDiff) []string {
	var out []string
	for _, ck := range diff.AddChecks {
		out = append(out, "ALTER TABLE "+d.Quote(diff.To.Name)+" ADD "+dialect.CheckSQL(d, schema.Check{Name: ck.Name, Expr: ck.Expr}))
	}
	return out
}

// DropChecksSQL renders ALTER TABLE ... DROP CONSTRAINT for each of
// diff.DropChecks, which MySQL 8.0.19, MariaDB 10.2 and PostgreSQL accept
// (SQLite rebuilds the table instead).
func DropChecksSQL(d dialect.Dialect, diff *TableDiff) []string {
	var out []string
	for _, ck := range diff.DropChecks {
		out = append(out, "ALTER TABLE "+d.Quote(diff.To.Name)+" DROP CONSTRAINT "+d.Quote(ck.Name))
	}
	return out
}

// compareChecks records added and dropped CHECK constraints (sameCheck).
func compareChecks(td *TableDiff, from, to *Table, changes *[]Change) {
	for _, ck := range from.Checks {
		if !slices.ContainsFunc(to.Checks, ck.sameCheck) {
			td.DropChecks = append(td.DropChecks, ck)
			*changes = append(*changes, Change{Kind: DropCheck, Table: from.Name, Name: checkLabel(ck), Detail: ck.Expr, Destructive: ck.pruned != "", Warning: ck.pruned})
		}
	}
	for _, ck := range to.Checks {
		if !slices.ContainsFunc(from.Checks, ck.sameCheck) {
			td.AddChecks = append(td.AddChecks, ck)
			*changes = append(*changes, Change{Kind: AddCheck, Table: from.Name, Name: checkLabel(ck), Detail: ck.Expr, Warning: "fails if existing rows break it"})
		}
	}
}

// checkLabel names ck in messages; an unnamed SQLite one has no name.
func checkLabel(ck *Check) string {
	if ck.Name == "" {
		return "(unnamed)"
	}
	return ck.Name
}

// rxCheckName reports whether ck has the name rx gives a model's CHECK
// on table (schema.CheckName): a model declared it once, so dropping it
// when the model no longer does is the model's change.
func rxCheckName(table string, ck *Check) bool {
	return strings.HasPrefix(ck.Name, "ck_"+table+"_")
}
