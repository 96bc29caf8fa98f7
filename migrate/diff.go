package migrate

import (
	"fmt"
	"slices"
	"strings"
)

// ChangeKind classifies a Change.
type ChangeKind uint8

// The kinds of change the diff detects.
const (
	AddTable ChangeKind = iota + 1
	DropTable
	AddColumn
	DropColumn
	AlterColumn
	AddIndex
	DropIndex
	AlterPrimaryKey
	RenameTable
	RenameColumn
	AddForeignKey
	DropForeignKey
	AddCheck
	DropCheck
)

// Change is one difference between two schemas, as a summary line.
type Change struct {
	Kind   ChangeKind
	Table  string
	Name   string // column or index, "" for a table
	Detail string // what changes, such as "type TEXT -> VARCHAR(255)"
	// Destructive is set when applying the change can lose data: a
	// dropped table or column, a narrowing type change.
	Destructive bool
	// Warning says why the change may fail or lose data, when it can.
	Warning string
}

var kindText = map[ChangeKind]string{
	AddTable: "add table", DropTable: "drop table", AddColumn: "add column", DropColumn: "drop column",
	AlterColumn: "alter column", AddIndex: "add index", DropIndex: "drop index", AlterPrimaryKey: "alter primary key",
	RenameTable: "rename table", RenameColumn: "rename column",
	AddForeignKey: "add foreign key", DropForeignKey: "drop foreign key",
	AddCheck: "add check", DropCheck: "drop check",
}

func (c Change) String() string {
	s := kindText[c.Kind] + " " + c.Table
	if c.Name != "" {
		s += "." + c.Name
	}
	if c.Detail != "" {
		s += " (" + c.Detail + ")"
	}
	return s
}

// TableDiff is the difference between two versions of one table. From
// and To are the tables as written (not normalized); the change lists
// point into them.
//
// When the table or some of its columns are renamed (a model's WasTable,
// a field's rx:"was=..."), RenamedFrom and RenameColumns name them, and
// From is the table as it is once renamed: Statements writes the
// renames first, and the driver's AlterTable sees the names of To.
type TableDiff struct {
	RenamedFrom   string      // the table's old name, "" when not renamed
	RenameColumns [][2]string // old and new names, in From's column order
	From, To      *Table
	AddColumns    []*Column // of To
	DropColumns   []*Column // of From
	AlterColumns  []ColumnChange
	AddIndexes    []*Index // of To
	DropIndexes   []*Index // of From
	// AddForeignKeys and DropForeignKeys are the foreign keys to add
	// (of To) and drop (of From); a changed one is dropped and added.
	// Drivers drop them first and add them last.
	AddForeignKeys  []*ForeignKey
	DropForeignKeys []*ForeignKey
	// AddChecks and DropChecks are the CHECK constraints to add (of To)
	// and drop (of From).
	AddChecks  []*Check
	DropChecks []*Check
	PrimaryKey bool // the primary key columns differ
	// Restore is set in a down file's diff, whose added columns are
	// those the up file dropped: their data cannot come back, but the
	// table has rows, so a NOT NULL one without a default is added with
	// a Placeholder value.
	Restore bool
}

// Placeholder is the value that existing rows get in an added column c
// that is NOT NULL without a default, in a Restore diff: the zero value
// of its type. It is "" when the column needs none.
func (d *TableDiff) Placeholder(c *Column) string {
	if !d.Restore || c.Nullable || c.Default != "" || c.AutoIncrement {
		return ""
	}
	return ZeroValue(c.Type)
}

// Backfill is the value that rows holding NULL get when column from
// becomes to, NOT NULL: to's default, or in a Restore diff (a down file
// tightening what its up file loosened) the zero value of its type; ""
// when the column is not tightened.
func (d *TableDiff) Backfill(from, to *Column) string {
	switch {
	case !from.Nullable || to.Nullable || to.AutoIncrement:
		return ""
	case to.Default != "":
		return to.Default
	case d.Restore:
		return ZeroValue(to.Type)
	}
	return ""
}

// ColumnChange is a column present on both sides that differs.
type ColumnChange struct {
	From, To *Column
	Type     bool // the normalized types differ
	Nullable bool
	Default  bool
	Collate  bool // the collations differ (see sameCollation)
	OnUpdate bool // MySQL's ON UPDATE expressions differ
}

// Empty reports whether the two tables are the same.
func (d *TableDiff) Empty() bool {
	return d.RenamedFrom == "" && len(d.RenameColumns) == 0 && len(d.AddColumns)+len(d.DropColumns)+len(d.AlterColumns)+len(d.AddIndexes)+len(d.DropIndexes)+len(d.AddForeignKeys)+len(d.DropForeignKeys)+len(d.AddChecks)+len(d.DropChecks) == 0 && !d.PrimaryKey
}

// Diff is the difference between two schemas.
type Diff struct {
	AddTables  []*Table // of the target
	DropTables []*Table // of the source
	Tables     []*TableDiff
	Changes    []Change // one line per change, in the order of the plan
}

// Empty reports whether the schemas match.
func (d *Diff) Empty() bool { return len(d.Changes) == 0 }

// Warnings lists the changes that can lose data or fail on existing rows.
func (d *Diff) Warnings() []Change {
	var out []Change
	for _, c := range d.Changes {
		if c.Destructive || c.Warning != "" {
			out = append(out, c)
		}
	}
	return out
}

// Compare computes the changes that turn from into to, comparing
// normalized copies with drv.
func Compare(drv Driver, from, to *Schema) *Diff {
	d := &Diff{}
	renamed := pairRenames(from.Tables, to.Tables, func(t *Table) (string, []string) { return t.Name, t.Was })
	newNames := map[string]bool{}
	for _, n := range renamed {
		newNames[n] = true
	}
	for _, t := range to.Tables {
		if from.Table(t.Name) == nil && !newNames[t.Name] {
			d.AddTables = append(d.AddTables, t)
			d.Changes = append(d.Changes, Change{Kind: AddTable, Table: t.Name})
		}
	}
	// A table is created after the tables it references, and dropped
	// before them.
	d.AddTables = orderByReferences(d.AddTables)
	for _, t := range from.Tables {
		if to.Table(t.Name) == nil && renamed[t.Name] == "" {
			d.DropTables = append(d.DropTables, t)
			d.Changes = append(d.Changes, Change{Kind: DropTable, Table: t.Name, Destructive: true, Warning: "drops the table and all its rows"})
		}
	}
	d.DropTables = orderByReferences(d.DropTables)
	slices.Reverse(d.DropTables)
	for _, ft := range from.Tables {
		tt := to.Table(ft.Name)
		if n := renamed[ft.Name]; n != "" {
			tt = to.Table(n)
		}
		if tt == nil {
			continue
		}
		if td := compareTable(drv, ft, tt, &d.Changes); !td.Empty() {
			d.Tables = append(d.Tables, td)
		}
	}
	return d
}

// restore marks d as a down file's diff: the tables and columns it adds
// are those the up file dropped, so each is DESTRUCTIVE in the sense
// that matters to whoever runs it: the data is not restored.
func (d *Diff) restore() {
	for _, td := range d.Tables {
		td.Restore = true
	}
	for i, c := range d.Changes {
		switch c.Kind {
		case AlterColumn:
			td := d.table(c.Table)
			for _, cc := range td.AlterColumns {
				if cc.To.Name == c.Name && c.Warning == failsOnNulls {
					c.Warning = "rows holding NULL get " + td.Backfill(cc.From, cc.To)
				}
			}
			d.Changes[i] = c
			continue
		case AddTable:
			c.Warning = "re-creates the table empty: its dropped rows cannot come back"
		case AddColumn:
			col := d.table(c.Table).To.Column(c.Name)
			fill := "NULL"
			switch {
			case col.Default != "":
				fill = "the default " + col.Default
			case col.AutoIncrement:
				fill = "generated values"
			case !col.Nullable:
				fill = ZeroValue(col.Type)
			}
			c.Warning = "re-adds the column the up migration dropped: its data cannot come back; existing rows get " + fill
		default:
			continue
		}
		c.Destructive = true
		d.Changes[i] = c
	}
}

func (d *Diff) table(name string) *TableDiff {
	for _, td := range d.Tables {
		if td.From.Name == name {
			return td
		}
	}
	return nil
}

const failsOnNulls = "fails if the column holds NULLs"

func notNullWarning(c *Column) string {
	if !c.Nullable && c.Default == "" && !c.AutoIncrement {
		return "NOT NULL without a default: fails on a table that has rows; give it a default (rx:\"default=...\") or make it nullable"
	}
	return ""
}

// pairRenames pairs each item of from missing in to with an item of to
// missing in from that says it was called that (its was names), or that
// says to's item was called its name (for a down file, whose from is
// the models): old name -> new name.
func pairRenames[T any](from, to []T, key func(T) (string, []string)) map[string]string {
	names := func(items []T) map[string]bool {
		m := map[string]bool{}
		for _, it := range items {
			n, _ := key(it)
			m[n] = true
		}
		return m
	}
	inFrom, inTo := names(from), names(to)
	out := map[string]string{}
	taken := map[string]bool{}
	for _, f := range from {
		fn, fwas := key(f)
		if inTo[fn] {
			continue
		}
		for _, t := range to {
			tn, twas := key(t)
			if !inFrom[tn] && !taken[tn] && (slices.Contains(twas, fn) || slices.Contains(fwas, tn)) {
				out[fn], taken[tn] = tn, true
				break
			}
		}
	}
	return out
}

// applyRenames returns from as it is once renamed to the table name
// name and the column names of renames (old -> new).
func applyRenames(from *Table, name string, renames map[string]string) *Table {
	t := from.clone()
	t.Name = name
	rename := func(n string) string {
		if r := renames[n]; r != "" {
			return r
		}
		return n
	}
	for _, c := range t.Columns {
		c.Name = rename(c.Name)
	}
	for i, n := range t.PrimaryKey {
		t.PrimaryKey[i] = rename(n)
	}
	for _, ix := range t.Indexes {
		for i, n := range ix.Columns {
			ix.Columns[i] = rename(n)
		}
	}
	for _, fk := range t.ForeignKeys {
		fk.Column = rename(fk.Column)
	}
	return t
}

func compareTable(drv Driver, from, to *Table, changes *[]Change) *TableDiff {
	td := &TableDiff{From: from, To: to}
	from = compareRenames(td, from, to, changes)
	keepCollations(from, to)
	// Compare the driver's normal forms (MariaDB's int(11) is INT), but
	// record the columns as written.
	nf, nt := from.clone(), to.clone()
	drv.Normalize(nf)
	drv.Normalize(nt)
	compareColumnSets(td, from, to, nf, nt, changes)
	for i, fc := range nf.Columns {
		if tc := nt.Column(fc.Name); tc != nil {
			compareColumn(drv, td, from.Columns[i], to.Column(fc.Name), fc, tc, nf, nt, changes)
		}
	}
	compareKeys(td, from, to, nf, nt, changes)
	compareForeignKeys(td, from, to, nf, nt, changes)
	compareChecks(td, from, to, changes)
	return td
}

// compareRenames records the table's and its columns' renames (from the
// models' WasTable and was= options) and returns from as it is after them,
// so that the other aspects compare like with like.
func compareRenames(td *TableDiff, from, to *Table, changes *[]Change) *Table {
	cols := pairRenames(from.Columns, to.Columns, func(c *Column) (string, []string) { return c.Name, c.Was })
	if from.Name == to.Name && len(cols) == 0 {
		return from
	}
	if from.Name != to.Name {
		td.RenamedFrom = from.Name
		*changes = append(*changes, Change{Kind: RenameTable, Table: to.Name, Detail: "was " + from.Name})
	}
	for _, c := range from.Columns {
		if n := cols[c.Name]; n != "" {
			td.RenameColumns = append(td.RenameColumns, [2]string{c.Name, n})
			*changes = append(*changes, Change{Kind: RenameColumn, Table: to.Name, Name: n, Detail: "was " + c.Name})
		}
	}
	from = applyRenames(from, to.Name, cols)
	td.From = from
	return from
}

// compareColumnSets records added and dropped columns.
func compareColumnSets(td *TableDiff, from, to, nf, nt *Table, changes *[]Change) {
	name := from.Name
	for i, c := range nt.Columns {
		if nf.Column(c.Name) == nil {
			td.AddColumns = append(td.AddColumns, to.Columns[i])
			*changes = append(*changes, Change{Kind: AddColumn, Table: name, Name: c.Name, Detail: to.Columns[i].Type, Warning: notNullWarning(c)})
		}
	}
	for i, c := range nf.Columns {
		if nt.Column(c.Name) == nil {
			td.DropColumns = append(td.DropColumns, from.Columns[i])
			*changes = append(*changes, Change{Kind: DropColumn, Table: name, Name: c.Name, Destructive: true, Warning: "drops the column and its data"})
		}
	}
}

// compareColumn records how a column kept by both sides changes: its type,
// nullability, default and auto-increment (fc and tc in normal form,
// from and to as written).
func compareColumn(drv Driver, td *TableDiff, from, to, fc, tc *Column, nf, nt *Table, changes *[]Change) {
	table := nf.Name
	cc := ColumnChange{From: from, To: to,
		Type: fc.Type != tc.Type, Nullable: fc.Nullable != tc.Nullable, Default: fc.Default != tc.Default,
		Collate: !sameCollation(fc, tc, nf, nt), OnUpdate: fc.OnUpdate != tc.OnUpdate}
	if !cc.Type && !cc.Nullable && !cc.Default && !cc.Collate && !cc.OnUpdate && fc.AutoIncrement == tc.AutoIncrement {
		return
	}
	td.AlterColumns = append(td.AlterColumns, cc)
	var details []string
	ch := Change{Kind: AlterColumn, Table: table, Name: fc.Name}
	if cc.Type {
		details = append(details, "type "+cc.From.Type+" -> "+cc.To.Type)
		if drv.Narrows(fc.Type, tc.Type) {
			ch.Destructive = true
			ch.Warning = "narrowing type change: values that do not fit are lost or refused"
		}
	}
	if cc.Nullable {
		if tc.Nullable {
			details = append(details, "NOT NULL -> nullable")
		} else {
			details = append(details, "nullable -> NOT NULL")
			if tc.Default != "" {
				details = append(details, "NULLs set to the default first")
			} else if ch.Warning == "" {
				ch.Warning = failsOnNulls
			}
		}
	}
	if cc.Default {
		details = append(details, fmt.Sprintf("default %s -> %s", orNone(cc.From.Default), orNone(cc.To.Default)))
	}
	if fc.AutoIncrement != tc.AutoIncrement {
		details = append(details, fmt.Sprintf("autoincrement %v -> %v", fc.AutoIncrement, tc.AutoIncrement))
	}
	if cc.Collate {
		details = append(details, fmt.Sprintf("collate %s -> %s", collation(fc, nf), collation(tc, nt)))
	}
	if cc.OnUpdate {
		details = append(details, fmt.Sprintf("on update %s -> %s", orNone(cc.From.OnUpdate), orNone(cc.To.OnUpdate)))
	}
	ch.Detail = strings.Join(details, ", ")
	*changes = append(*changes, ch)
}

// compareKeys records a changed primary key and added and dropped
// indexes, which are compared by their columns and kind, not names. An
// index the dialect does not create (a FULLTEXT one outside MySQL) is not
// compared.
func compareKeys(td *TableDiff, from, to, nf, nt *Table, changes *[]Change) {
	name := from.Name
	if !slices.Equal(nf.PrimaryKey, nt.PrimaryKey) {
		td.PrimaryKey = true
		*changes = append(*changes, Change{Kind: AlterPrimaryKey, Table: name,
			Detail:  fmt.Sprintf("(%s) -> (%s)", strings.Join(from.PrimaryKey, ", "), strings.Join(to.PrimaryKey, ", ")),
			Warning: "fails if the new key has duplicates"})
	}
	for _, ix := range from.Indexes {
		if ix.skipped == "" && !slices.ContainsFunc(to.Indexes, ix.sameKey) {
			td.DropIndexes = append(td.DropIndexes, ix)
			*changes = append(*changes, Change{Kind: DropIndex, Table: name, Name: ix.Name, Destructive: ix.pruned != "", Warning: ix.pruned})
		}
	}
	for _, ix := range to.Indexes {
		if ix.skipped == "" && !slices.ContainsFunc(from.Indexes, ix.sameKey) {
			td.AddIndexes = append(td.AddIndexes, ix)
			ch := Change{Kind: AddIndex, Table: name, Name: ix.Name, Detail: indexDetail(ix)}
			if ix.Unique {
				ch.Warning = "fails if existing rows have duplicates"
			}
			*changes = append(*changes, ch)
		}
	}
}

// collation is c's collation in t: its own, else the table's, "" when
// unknown (a model's column without collate=).
func collation(c *Column, t *Table) string {
	if c.Collate != "" {
		return c.Collate
	}
	return t.Collation
}

// keepCollations gives each column of a model's table (to, whose
// Collation is unknown) that names no collation the one it has in the
// live table (from), so that the statements that rebuild or retype the
// column keep what the model leaves to the database.
func keepCollations(from, to *Table) {
	if to.Collation != "" || from.Collation == "" {
		return
	}
	for _, c := range to.Columns {
		if fc := from.Column(c.Name); fc != nil && c.Collate == "" {
			c.Collate = fc.Collate
		}
	}
}

// sameCollation compares two columns' collations where both are known:
// a model's column without collate= leaves the collation to the
// database, so the diff neither reports nor changes it.
func sameCollation(a, b *Column, at, bt *Table) bool {
	ca, cb := collation(a, at), collation(b, bt)
	return ca == "" || cb == "" || ca == cb
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// compareForeignKeys records added and dropped foreign keys, compared in
// normal form by column, referenced column and actions, not names; a
// changed one is dropped and added.
func compareForeignKeys(td *TableDiff, from, to, nf, nt *Table, changes *[]Change) {
	name := from.Name
	for i, fk := range nf.ForeignKeys {
		if !slices.ContainsFunc(nt.ForeignKeys, fk.sameKey) {
			td.DropForeignKeys = append(td.DropForeignKeys, from.ForeignKeys[i])
			*changes = append(*changes, Change{Kind: DropForeignKey, Table: name, Name: fk.Name, Detail: fk.String(), Destructive: fk.pruned != "", Warning: fk.pruned})
		}
	}
	for i, fk := range nt.ForeignKeys {
		if !slices.ContainsFunc(nf.ForeignKeys, fk.sameKey) {
			td.AddForeignKeys = append(td.AddForeignKeys, to.ForeignKeys[i])
			*changes = append(*changes, Change{Kind: AddForeignKey, Table: name, Name: fk.Name, Detail: fk.String(),
				Warning: "fails if existing rows point at missing " + fk.RefTable + " rows"})
		}
	}
}
