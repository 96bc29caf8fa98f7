package rx

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// tableSQL is the SQL text of a model's own statements for one database,
// built once and reused by every call.
type tableSQL struct {
	columns    string // "t"."a", "t"."b", ...
	from       string // "t"
	selectBase string // SELECT columns FROM t
	get        string // SELECT ... WHERE pk = ?
	update     string // UPDATE t SET every non-key column WHERE pk = ?
	updateCols []*schema.Column
	del        string // DELETE FROM t WHERE pk = ? (AND version = ?)
	exists     string // SELECT 1 FROM t WHERE pk = ?
	// softDel is Delete's statement for a model with a softdelete column:
	// UPDATE t SET deleted = ? WHERE pk = ? (AND version = ?) AND deleted IS NULL;
	// get and exists then skip deleted rows too.
	softDel string

	// Inserts: without the generated key, and with it for rows whose key
	// the caller set.
	ins, insAll *insertSQL
	batchRows   int // rows per multi-row INSERT within the parameter limit
	// copyText is COPY t (insAll's columns) FROM STDIN, copyNames those
	// columns' names (copy.go).
	copyText  string
	copyNames []string
	// returning is whether the table takes INSERT ... RETURNING (rules.go).
	returning atomic.Int32
}

type insertSQL struct {
	cols []*schema.Column
	head string // INSERT INTO t (a, b) VALUES
	tail string // RETURNING, if the dialect returns keys
	// one is the single-row INSERT without RETURNING, for a dialect whose
	// driver reports that row's key through LastInsertId (see
	// OneRowLastInsertID and keys.go); "" otherwise.
	one       string
	mu        sync.Mutex
	cachedN   int
	cachedSQL string
}

// sqlFor returns the cached statements of t on db, building them on first use.
func (db *DB) sqlFor(t *schema.Table) *tableSQL {
	if v, ok := db.stmts.Load(t); ok {
		return v.(*tableSQL)
	}
	v, _ := db.stmts.LoadOrStore(t, db.buildSQL(t))
	return v.(*tableSQL)
}

func (db *DB) buildSQL(t *schema.Table) *tableSQL {
	d := db.dialect
	q := d.Quote
	s := &tableSQL{from: q(t.Name)}
	qualified := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		qualified[i] = s.from + "." + q(c.Name)
	}
	s.columns = strings.Join(qualified, ", ")
	s.selectBase = "SELECT " + s.columns + " FROM " + s.from
	where := " WHERE " + pkWhere(d, t)
	live := ""
	if sd := t.SoftDelete; sd != nil {
		live = " AND " + q(sd.Name) + " IS NULL"
		s.softDel = db.rebind("UPDATE " + s.from + " SET " + q(sd.Name) + " = ?" + where + versionWhere(d, t) + live)
	}
	s.get = db.rebind(s.selectBase + where + live)
	s.exists = db.rebind("SELECT 1 FROM " + s.from + where + live)
	s.del = db.rebind("DELETE FROM " + s.from + where + versionWhere(d, t))

	for _, c := range t.Columns {
		if !c.PrimaryKey && c != t.Version {
			s.updateCols = append(s.updateCols, c)
		}
	}
	s.update = db.updateSQL(t, s.updateCols)

	var ins []*schema.Column
	for _, c := range t.Columns {
		if c != t.AutoIncrement {
			ins = append(ins, c)
		}
	}
	s.ins = newInsertSQL(d, t, ins, t.AutoIncrement)
	s.insAll = newInsertSQL(d, t, t.Columns, nil)
	s.copyNames = columnNames(s.insAll.cols)
	quoted := make([]string, len(s.copyNames))
	for i, n := range s.copyNames {
		quoted[i] = q(n)
	}
	s.copyText = "COPY " + s.from + " (" + strings.Join(quoted, ", ") + ") FROM STDIN"
	if _, ok := d.(dialect.OneRowLastInsertID); ok && s.ins.tail != "" && len(s.ins.cols) > 0 {
		s.ins.one = db.rebind(s.ins.head + "(" + strings.Repeat("?, ", len(s.ins.cols)-1) + "?)")
	}
	s.batchRows = d.MaxParams() / len(t.Columns)
	if s.batchRows > maxBatchRows {
		s.batchRows = maxBatchRows
	}
	return s
}

// maxBatchRows bounds one multi-row INSERT: beyond a thousand rows the
// round trip saved is small and the statement text large.
const maxBatchRows = 1000

func newInsertSQL(d dialect.Dialect, t *schema.Table, cols []*schema.Column, generated *schema.Column) *insertSQL {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = d.Quote(c.Name)
	}
	in := &insertSQL{cols: cols, head: "INSERT INTO " + d.Quote(t.Name) + " (" + strings.Join(names, ", ") + ") VALUES "}
	if generated != nil && d.Returning() {
		in.tail = " RETURNING " + d.Quote(generated.Name)
	}
	return in
}

// text returns the INSERT for n rows followed by suffix, caching the
// most recent size without a suffix (a flush repeats the full batch size).
func (in *insertSQL) text(db *DB, n int, suffix string) string {
	if suffix == "" {
		in.mu.Lock()
		if in.cachedN == n {
			s := in.cachedSQL
			in.mu.Unlock()
			return s
		}
		in.mu.Unlock()
	}
	var b strings.Builder
	row := "(" + strings.Repeat("?, ", len(in.cols)-1) + "?)"
	b.Grow(len(in.head) + n*(len(row)+2) + len(suffix) + len(in.tail))
	b.WriteString(in.head)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	b.WriteString(suffix)
	if suffix == "" {
		b.WriteString(in.tail)
	}
	s := db.rebind(b.String())
	if suffix == "" {
		in.mu.Lock()
		in.cachedN, in.cachedSQL = n, s
		in.mu.Unlock()
	}
	return s
}

// versionWhere is the optimistic-locking condition that Update and Delete
// of a model add after the key: the row must still hold the version the
// model was read with.
func versionWhere(d dialect.Dialect, t *schema.Table) string {
	if t.Version == nil {
		return ""
	}
	return " AND " + d.Quote(t.Version.Name) + " = ?"
}

func pkWhere(d dialect.Dialect, t *schema.Table) string {
	parts := make([]string, len(t.PrimaryKey))
	for i, c := range t.PrimaryKey {
		parts[i] = d.Quote(c.Name) + " = ?"
	}
	return strings.Join(parts, " AND ")
}

// rebind turns the ? placeholders of a whole statement, rendered with ?
// throughout (see nestedSQL), into the dialect's style, numbering them once.
func (db *DB) rebind(query string) string {
	out, err := db.dialect.Placeholder().ReplacePlaceholders(query)
	if err != nil {
		return query
	}
	return out
}
