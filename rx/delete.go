package rx

import (
	"context"
	"strings"

	"github.com/rxgo/rxdb/schema"
)

// DeleteQuery builds a DELETE from model T's table. Like every builder,
// each chaining method returns a new builder and retires its receiver
// (ErrBuilderReused); without Where, Exec refuses with ErrNoWhere unless
// All was called.
type DeleteQuery[T any] struct {
	q     Querier
	t     *schema.Table
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
	return targetOf(d.q)
}

func (d *DeleteQuery[T]) build(db *DB) (string, []any, error) {
	var b strings.Builder
	b.WriteString("DELETE FROM " + db.dialect.Quote(d.t.Name))
	return finishWhere(db, &b, nil, d.where, d.all)
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
	if err := checkCtx(ctx); err != nil {
		return 0, err
	}
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

// Delete deletes the row with the model's primary key. It returns
// ErrNotFound when there is none, and, for a model with a version column,
// ErrStale when the row no longer holds the model's version.
func (s *Session) Delete(ctx context.Context, model any) error { return deleteModel(ctx, s, model) }

// Delete is Session.Delete in autocommit mode.
func (db *DB) Delete(ctx context.Context, model any) error { return deleteModel(ctx, db, model) }

func deleteModel(ctx context.Context, q Querier, model any) error {
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
	args := make([]any, len(t.PrimaryKey), len(t.PrimaryKey)+1)
	for i, c := range t.PrimaryKey {
		args[i] = c.Value(p)
	}
	if v := t.Version; v != nil {
		args = append(args, v.Value(p))
	}
	life := lifeOf(t)
	if life != nil {
		if err := life.beforeDelete(ctx, t, p); err != nil {
			return err
		}
	}
	res, err := db.exec(ctx, ex, what{op: "DELETE", table: t.Name}, db.sqlFor(t).del, args)
	if err = affectedOne(ctx, db, ex, t, p, res, opError("delete", t, err)); err == nil && life != nil {
		err = life.afterDelete(ctx, t, p)
	}
	return err
}
