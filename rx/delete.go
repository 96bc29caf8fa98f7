package rx

import (
	"context"
	"strings"
	"time"

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
	hard  bool // Hard: DELETE even for a model with a softdelete column
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

// Hard removes the rows of a model with a softdelete column, soft-deleted
// or not, where Exec would set the column of the rows not deleted yet.
func (d *DeleteQuery[T]) Hard() *DeleteQuery[T] { d = d.next(); d.hard = true; return d }

func (d *DeleteQuery[T]) build(db *DB) (string, []any, error) {
	var b strings.Builder
	q := db.dialect.Quote
	if sd := d.t.SoftDelete; sd != nil && !d.hard {
		b.WriteString("UPDATE " + q(d.t.Name) + " SET " + q(sd.Name) + " = ?")
		return finishWhereLive(db, &b, []any{time.Now().UTC()}, d.where, d.all, liveCond(db, d.t))
	}
	b.WriteString("DELETE FROM " + q(d.t.Name))
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
// ErrStale when the row no longer holds the model's version. A model with
// a softdelete column is not removed: the column is set to the time of
// the delete (UTC), in the row and in model, and rx's queries skip the
// row from then on (a row deleted already is ErrNotFound); HardDelete
// removes it.
func (s *Session) Delete(ctx context.Context, model any) error {
	return deleteModel(ctx, s, model, false)
}

// Delete is Session.Delete in autocommit mode.
func (db *DB) Delete(ctx context.Context, model any) error { return deleteModel(ctx, db, model, false) }

// HardDelete removes the row with the model's primary key, as Delete does
// for a model without a softdelete column, whether it was soft-deleted or
// not.
func (s *Session) HardDelete(ctx context.Context, model any) error {
	return deleteModel(ctx, s, model, true)
}

// HardDelete is Session.HardDelete in autocommit mode.
func (db *DB) HardDelete(ctx context.Context, model any) error {
	return deleteModel(ctx, db, model, true)
}

func deleteModel(ctx context.Context, q Querier, model any, hard bool) error {
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
	query := db.sqlFor(t).del
	args := make([]any, 0, len(t.PrimaryKey)+2)
	var deleted time.Time
	if sd := t.SoftDelete; sd != nil && !hard {
		query, deleted = db.sqlFor(t).softDel, time.Now().UTC()
		args = append(args, deleted)
	}
	for _, c := range t.PrimaryKey {
		args = append(args, c.Value(p))
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
	res, err := db.exec(ctx, ex, what{op: "DELETE", table: t.Name}, query, args)
	err = affectedOne(ctx, db, ex, t, p, res, opError("delete", t, err))
	if err == nil && !deleted.IsZero() {
		setDeleted(t.SoftDelete, p, deleted)
	}
	if err == nil && life != nil {
		err = life.afterDelete(ctx, t, p)
	}
	return err
}
