package rx

import (
	"context"
	"fmt"
	"strings"
	"unsafe"
)

// UpdateQuery builds an UPDATE of model T's table.
type UpdateQuery[T any] struct {
	q     Querier
	t     *Table
	err   error
	sets  []setClause
	where []Sqlizer
	all   bool
}

type setClause struct {
	col   *Column
	value any
}

// Update starts an UPDATE of model T's rows on q. For a model with a
// version column (rx:"version"), every row it changes gets version + 1
// unless the version is Set explicitly.
func Update[T any](q Querier) *UpdateQuery[T] {
	t, err := tableFor[T]()
	return &UpdateQuery[T]{q: q, t: t, err: err}
}

// Set assigns value to column. A value built with Expr is SQL, as in
// Set("counter", rx.Expr("counter + ?", 1)); anything else is bound.
func (u *UpdateQuery[T]) Set(column string, value any) *UpdateQuery[T] {
	u = u.next()
	if u.err != nil {
		return u
	}
	c := u.t.Column(column)
	if c == nil {
		u.err = unknownColumn(u.t, column)
		return u
	}
	u.sets = append(u.sets, setClause{c, value})
	return u
}

// Where adds conditions, joined with AND.
func (u *UpdateQuery[T]) Where(conds ...Sqlizer) *UpdateQuery[T] {
	u = u.next()
	u.where, u.err = addConds(u.q, u.t, u.err, u.where, conds)
	return u
}

// All allows the update to touch every row when no Where condition
// restricts the rows (see ErrNoWhere).
func (u *UpdateQuery[T]) All() *UpdateQuery[T] { u = u.next(); u.all = true; return u }

// ToSQL returns the statement and its arguments.
func (u *UpdateQuery[T]) ToSQL() (string, []any, error) {
	db, _, err := u.prepare()
	if err != nil {
		return "", nil, err
	}
	return u.build(db)
}

func (u *UpdateQuery[T]) prepare() (*DB, execer, error) {
	if u.err != nil {
		return nil, nil, u.err
	}
	if len(u.sets) == 0 {
		return nil, nil, &ColumnError{Model: u.t.Model(), Column: "", Reason: "Update needs at least one Set"}
	}
	if !u.all && !anyRestricts(u.where) {
		return nil, nil, ErrNoWhere
	}
	return handleOf(u.q)
}

func (u *UpdateQuery[T]) build(db *DB) (string, []any, error) {
	q := db.dialect.Quote
	var b strings.Builder
	var args []any
	b.WriteString("UPDATE " + q(u.t.Name) + " SET ")
	for i, s := range u.sets {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(q(s.col.Name) + " = ")
		if e, ok := s.value.(Sqlizer); ok {
			es, ea, err := e.ToSql()
			if err != nil {
				return "", nil, err
			}
			b.WriteString(es)
			args = append(args, ea...)
		} else {
			b.WriteByte('?')
			args = append(args, s.value)
		}
	}
	if v := u.t.Version; v != nil && !u.setsColumn(v) {
		// Rows changed in bulk get a new version too, so that a session
		// holding one of them as read cannot then overwrite the change.
		b.WriteString(", " + q(v.Name) + " = " + q(v.Name) + " + 1")
	}
	if u.t.life != nil {
		for _, c := range u.t.life.autoUpdate {
			if !u.setsColumn(c) {
				b.WriteString(", " + q(c.Name) + " = ?")
				args = append(args, stampNow())
			}
		}
	}
	return finishWhere(db, &b, args, u.where)
}

func (u *UpdateQuery[T]) setsColumn(c *Column) bool {
	for _, s := range u.sets {
		if s.col == c {
			return true
		}
	}
	return false
}

// Exec runs the update and returns the number of rows it matched.
func (u *UpdateQuery[T]) Exec(ctx context.Context) (int64, error) {
	db, ex, err := u.prepare()
	if err != nil {
		return 0, err
	}
	query, args, err := u.build(db)
	if err != nil {
		return 0, err
	}
	n, err := rowsAffected(db.exec(ctx, ex, what{op: "UPDATE", table: u.t.Name}, query, args))
	return n, opError("update", u.t, err)
}

// DeleteQuery builds a DELETE from model T's table.
type DeleteQuery[T any] struct {
	q     Querier
	t     *Table
	err   error
	where []Sqlizer
	all   bool
}

// Delete starts a DELETE of model T's rows on q.
func Delete[T any](q Querier) *DeleteQuery[T] {
	t, err := tableFor[T]()
	return &DeleteQuery[T]{q: q, t: t, err: err}
}

// Where adds conditions, joined with AND.
func (d *DeleteQuery[T]) Where(conds ...Sqlizer) *DeleteQuery[T] {
	d = d.next()
	d.where, d.err = addConds(d.q, d.t, d.err, d.where, conds)
	return d
}

// All allows deleting every row when no Where condition restricts the
// rows (see ErrNoWhere).
func (d *DeleteQuery[T]) All() *DeleteQuery[T] { d = d.next(); d.all = true; return d }

func (d *DeleteQuery[T]) prepare() (*DB, execer, error) {
	if d.err != nil {
		return nil, nil, d.err
	}
	if !d.all && !anyRestricts(d.where) {
		return nil, nil, ErrNoWhere
	}
	return handleOf(d.q)
}

func (d *DeleteQuery[T]) build(db *DB) (string, []any, error) {
	var b strings.Builder
	b.WriteString("DELETE FROM " + db.dialect.Quote(d.t.Name))
	return finishWhere(db, &b, nil, d.where)
}

// ToSQL returns the statement and its arguments.
func (d *DeleteQuery[T]) ToSQL() (string, []any, error) {
	db, _, err := d.prepare()
	if err != nil {
		return "", nil, err
	}
	return d.build(db)
}

// Exec runs the delete and returns the number of rows deleted.
func (d *DeleteQuery[T]) Exec(ctx context.Context) (int64, error) {
	db, ex, err := d.prepare()
	if err != nil {
		return 0, err
	}
	query, args, err := d.build(db)
	if err != nil {
		return 0, err
	}
	n, err := rowsAffected(db.exec(ctx, ex, what{op: "DELETE", table: d.t.Name}, query, args))
	return n, opError("delete", d.t, err)
}

func addConds(q Querier, t *Table, err error, where, conds []Sqlizer) ([]Sqlizer, error) {
	if err != nil {
		return where, err
	}
	db, _, err := handleOf(q)
	if err != nil {
		return where, err
	}
	cs, err := resolver{db: db, t: t}.conds(conds)
	return append(where, cs...), err
}

func finishWhere(db *DB, b *strings.Builder, args []any, where []Sqlizer) (string, []any, error) {
	if len(where) > 0 {
		b.WriteString(" WHERE ")
		var err error
		if args, err = writeConds(b, args, where); err != nil {
			return "", nil, err
		}
	}
	return db.rebind(b.String()), args, nil
}

func rowsAffected(res interface{ RowsAffected() (int64, error) }, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// InsertQuery inserts rows of model T, optionally as an upsert.
type InsertQuery[T any] struct {
	q    Querier
	t    *Table
	err  error
	rows []*T
	on   *conflict
}

// Insert starts an INSERT of rows on q. Without OnConflict, Exec sets the
// rows' generated keys.
func Insert[T any](q Querier, rows ...*T) *InsertQuery[T] {
	t, err := tableFor[T]()
	return &InsertQuery[T]{q: q, t: t, err: err, rows: rows}
}

// OnConflict names the unique columns whose conflict turns the insert
// into an update (DoUpdate) or a no-op (DoNothing). MySQL and MariaDB
// react to a conflict on any unique key; the names are still checked.
func (i *InsertQuery[T]) OnConflict(columns ...string) *InsertQuery[T] {
	i = i.next()
	if i.err != nil {
		return i
	}
	i.on = &conflict{}
	for _, name := range columns {
		c := i.t.Column(name)
		if c == nil {
			i.err = unknownColumn(i.t, name)
			return i
		}
		i.on.columns = append(i.on.columns, c)
	}
	return i
}

// DoUpdate overwrites the named columns of the existing row with the new
// row's values; with no names, every column that is neither key, conflict
// column nor autocreate timestamp.
func (i *InsertQuery[T]) DoUpdate(columns ...string) *InsertQuery[T] {
	i = i.next()
	if i.err != nil {
		return i
	}
	if i.on == nil {
		i.on = &conflict{}
	}
	if len(columns) == 0 {
		for _, c := range i.t.Columns {
			if !c.PrimaryKey && !c.AutoCreate && !containsColumn(i.on.columns, c) {
				i.on.update = append(i.on.update, c)
			}
		}
		return i
	}
	for _, name := range columns {
		c := i.t.Column(name)
		if c == nil {
			i.err = unknownColumn(i.t, name)
			return i
		}
		i.on.update = append(i.on.update, c)
	}
	return i
}

// DoNothing keeps the existing row on a conflict.
func (i *InsertQuery[T]) DoNothing() *InsertQuery[T] {
	i = i.next()
	if i.on == nil {
		i.on = &conflict{}
	}
	i.on.update = nil
	return i
}

// ToSQL returns the single INSERT statement that Exec sends, with its
// arguments, in the database's placeholder style. For a plain insert on a
// database that returns generated keys it ends in RETURNING. Rows that
// Exec would split across statements (more than one statement's
// parameter limit, or rows with and without their key set) are an error.
func (i *InsertQuery[T]) ToSQL() (string, []any, error) {
	db, _, ptrs, err := i.prepare()
	if err != nil {
		return "", nil, err
	}
	if len(ptrs) == 0 {
		return "", nil, &ColumnError{Model: i.t.Model(), Reason: "Insert has no rows to render"}
	}
	s := db.sqlFor(i.t)
	in := s.ins
	if ai := i.t.AutoIncrement; ai == nil || !ai.isZero(ptrs[0]) {
		in = s.insAll
	}
	for _, p := range ptrs[1:] {
		if ai := i.t.AutoIncrement; ai != nil && ai.isZero(p) != ai.isZero(ptrs[0]) {
			return "", nil, &ColumnError{Model: i.t.Model(), Column: ai.Name, Reason: "some rows have their key set and some not: Exec sends two statements, ToSQL renders one"}
		}
	}
	if len(ptrs) > s.batchRows {
		return "", nil, &ColumnError{Model: i.t.Model(), Reason: fmt.Sprintf("%d rows need more than one statement (at most %d rows each on %s): ToSQL renders one", len(ptrs), s.batchRows, db.dialect.Name())}
	}
	suffix := ""
	if i.on != nil {
		suffix = db.upsertClause(i.t, i.on)
	}
	query, args := db.insertStatement(in, ptrs, suffix, nil)
	if i.on != nil && len(ptrs) == 1 && in == s.ins {
		query += in.tail // Exec reads the upserted row's key
	}
	return query, args, nil
}

func (i *InsertQuery[T]) prepare() (*DB, execer, []unsafe.Pointer, error) {
	if i.err != nil {
		return nil, nil, nil, i.err
	}
	if i.on != nil && len(i.on.columns) == 0 && len(i.on.update) > 0 {
		return nil, nil, nil, &ColumnError{Model: i.t.Model(), Reason: "DoUpdate needs OnConflict(columns...) naming the unique key"}
	}
	db, ex, err := handleOf(i.q)
	if err != nil {
		return nil, nil, nil, err
	}
	ptrs := make([]unsafe.Pointer, 0, len(i.rows))
	for _, r := range i.rows {
		if r == nil {
			return nil, nil, nil, &ColumnError{Model: i.t.Model(), Reason: "Insert got a nil row"}
		}
		ptrs = append(ptrs, unsafe.Pointer(r))
	}
	return db, ex, ptrs, nil
}

// Exec inserts the rows and sets their generated keys. With OnConflict,
// it returns the rows inserted or updated on every database: for DoUpdate
// every row given (MySQL's own count, 2 for an updated row, is not
// passed on); for DoNothing the rows inserted (on MySQL, which cannot
// tell, the rows given, except for a single row with a generated key).
// An upsert of a single row whose key the database generates sets the
// key of the row inserted or updated (RETURNING, or LAST_INSERT_ID on
// MySQL), and leaves it 0 when DoNothing met a conflict; an upsert of
// several rows leaves their keys as they were, the databases not telling
// which key belongs to which row. Without OnConflict it returns the rows
// inserted.
func (i *InsertQuery[T]) Exec(ctx context.Context) (int64, error) {
	db, ex, ptrs, err := i.prepare()
	if err != nil {
		return 0, err
	}
	return db.insertRows(ctx, ex, i.t, ptrs, i.on)
}

func containsColumn(cols []*Column, c *Column) bool {
	for _, x := range cols {
		if x == c {
			return true
		}
	}
	return false
}

// upsertClause renders the dialect's conflict clause.
func (db *DB) upsertClause(t *Table, on *conflict) string {
	q := db.dialect.Quote
	quote := func(cols []*Column) []string {
		out := make([]string, len(cols))
		for i, c := range cols {
			out[i] = q(c.Name)
		}
		return out
	}
	var b strings.Builder
	generated := ""
	if t.AutoIncrement != nil {
		generated = q(t.AutoIncrement.Name)
	}
	db.dialect.Upsert(&b, quote(on.columns), quote(on.update), q(t.PrimaryKey[0].Name), generated)
	return b.String()
}
