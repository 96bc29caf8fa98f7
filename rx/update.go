package rx

import (
	"context"
	"fmt"
	"strings"

	"github.com/rxgo/rxdb/schema"
)

// UpdateQuery builds an UPDATE of model T's table. Like every builder,
// each chaining method returns a new builder and retires its receiver
// (ErrBuilderReused); without Where, Exec refuses with ErrNoWhere unless
// All was called.
type UpdateQuery[T any] struct {
	q     Querier
	t     *schema.Table
	err   error
	sets  []setClause
	where []Sqlizer
	all   bool
}

type setClause struct {
	col   *schema.Column
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
	return targetOf(u.q)
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
			es, ea, err := nestedSQL(e)
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
	if l := lifeOf(u.t); l != nil {
		for _, c := range l.autoUpdate {
			if !u.setsColumn(c) {
				b.WriteString(", " + q(c.Name) + " = ?")
				args = append(args, stampNow())
			}
		}
	}
	return finishWhereLive(db, &b, args, u.where, u.all, liveCond(db, u.t))
}

func (u *UpdateQuery[T]) setsColumn(c *schema.Column) bool {
	for _, s := range u.sets {
		if s.col == c {
			return true
		}
	}
	return false
}

// Exec runs the update and returns the number of rows it matched.
func (u *UpdateQuery[T]) Exec(ctx context.Context) (int64, error) {
	if err := checkCtx(ctx); err != nil {
		return 0, err
	}
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

// Update writes the model's columns (all but the key, or only those
// named) to the row with its primary key. It returns ErrNotFound when no
// row has that key. For a model with a version column (rx:"version") it
// writes only if the row still holds the model's version, increments it in
// the row and in the model, and returns ErrStale when another session
// changed the row since the model was read (optimistic locking).
func (s *Session) Update(ctx context.Context, model any, columns ...string) error {
	return updateModel(ctx, s, model, columns)
}

// Update is Session.Update in autocommit mode.
func (db *DB) Update(ctx context.Context, model any, columns ...string) error {
	return updateModel(ctx, db, model, columns)
}

func updateModel(ctx context.Context, q Querier, model any, columns []string) error {
	if err := checkCtx(ctx); err != nil {
		return err
	}
	t, p, err := rowPointer(model)
	if err != nil {
		return err
	}
	db, ex, err := targetOf(q)
	if err != nil {
		return err
	}
	s := db.sqlFor(t)
	query, cols := s.update, s.updateCols
	if len(columns) > 0 {
		if cols, err = updateColumns(t, columns); err != nil {
			return err
		}
		query = db.updateSQL(t, cols)
	}
	if query == "" {
		return fmt.Errorf("rx: model %s has only key columns: nothing to update", t.Model())
	}
	life := lifeOf(t)
	if life != nil {
		if err := life.beforeUpdate(ctx, t, p); err != nil {
			return err
		}
	}
	var buf [smallArgs]any
	args := buf[:0]
	if n := len(cols) + len(t.PrimaryKey); n > len(buf) {
		args = make([]any, 0, n)
	}
	for _, c := range cols {
		args = append(args, c.Value(p))
	}
	for _, c := range t.PrimaryKey {
		args = append(args, c.Value(p))
	}
	if v := t.Version; v != nil {
		args = append(args, v.Value(p))
	}
	res, err := db.exec(ctx, ex, what{op: "UPDATE", table: t.Name}, query, args)
	if err = affectedOne(ctx, db, ex, t, p, res, opError("update", t, err)); err == nil && t.Version != nil {
		t.Version.SetInt(p, t.Version.Int(p)+1)
	}
	if err == nil && life != nil {
		err = life.afterUpdate(ctx, t, p)
	}
	return err
}

// updateColumns are the columns an Update of t names, checked, with the
// columns the model's life cycle updates by itself.
func updateColumns(t *schema.Table, columns []string) ([]*schema.Column, error) {
	cols := make([]*schema.Column, len(columns))
	for i, name := range columns {
		c := t.Column(name)
		if c == nil {
			return nil, unknownColumn(t, name)
		}
		if c.PrimaryKey {
			return nil, &ColumnError{Model: t.Model(), Column: name, Reason: "is part of the primary key, which Update uses to find the row"}
		}
		if c == t.Version {
			return nil, &ColumnError{Model: t.Model(), Column: name, Reason: "is the model's version, which Update checks and increments by itself"}
		}
		cols[i] = c
	}
	if l := lifeOf(t); l != nil {
		cols = l.withAutoUpdate(cols)
	}
	return cols, nil
}

// updateSQL is the UPDATE of a model's row by key setting cols, and
// bumping its version, if it has one, when the row still holds the version
// the model was read with; "" when there is nothing to set.
func (db *DB) updateSQL(t *schema.Table, cols []*schema.Column) string {
	q := db.dialect.Quote
	sets := make([]string, 0, len(cols)+1)
	for _, c := range cols {
		sets = append(sets, q(c.Name)+" = ?")
	}
	if v := t.Version; v != nil {
		sets = append(sets, q(v.Name)+" = "+q(v.Name)+" + 1")
	}
	if len(sets) == 0 {
		return ""
	}
	return db.rebind("UPDATE " + q(t.Name) + " SET " + strings.Join(sets, ", ") + " WHERE " + pkWhere(db.dialect, t) + versionWhere(db.dialect, t))
}
