package rx

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// execer is what *sql.DB, *sql.Tx, *sqlx.DB and *sqlx.Tx have in common.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Querier is what the builders and single-row helpers run on: a *DB, for
// one statement in autocommit mode, or a *Session, inside its transaction.
// It is implemented only by those two types.
type Querier interface {
	// target is where a statement on the Querier runs: the DB (dialect,
	// hooks, write gate) and what to send it on, the pool for a *DB or
	// the transaction for a *Session.
	target() (*DB, execer, error)
	// readTarget is target for a statement that only reads, which a *DB
	// with read pools (WithReadPool) sends to one of them.
	readTarget() (*DB, execer, error)
}

// targetOf is q.target(), turning a nil Querier into an error rather than a
// panic.
func targetOf(q Querier) (*DB, execer, error) {
	if q == nil {
		return nil, nil, errors.New("rx: nil Querier: pass a *rx.DB or a *rx.Session")
	}
	return q.target()
}

// exec runs a statement without result rows through the pipeline
// (pipeline.go), in autocommit mode behind the write gate.
func (db *DB) exec(ctx context.Context, ex execer, w what, query string, args []any) (sql.Result, error) {
	st := stmt{ex: ex, w: w, query: query, kind: execKind, write: true}
	db.send(ctx, &st, args, nil)
	return st.res, st.err
}

// query runs a query through the pipeline and hands back its rows; an
// autocommit read that its replica does not answer goes to the next one.
func (db *DB) query(ctx context.Context, ex execer, w what, query string, args []any) (*sql.Rows, error) {
	st := stmt{ex: ex, w: w, query: query, kind: rowsKind}
	db.send(ctx, &st, args, nil)
	return st.rows, st.err
}

func addConds(q Querier, t *schema.Table, err error, where, conds []Sqlizer) ([]Sqlizer, error) {
	if err != nil {
		return where, err
	}
	db, _, err := targetOf(q)
	if err != nil {
		return where, err
	}
	cs, err := resolver{db: db, t: t}.conds(conds)
	return append(where, cs...), err
}

// finishWhere ends an UPDATE or DELETE with its WHERE clause. Unless all
// is set it returns ErrNoWhere when no condition, as rendered, restricts
// the rows: this is the last point before the statement is sent, and
// the rendered SQL, not the conditions' Go types, says what it changes.
func finishWhere(db *DB, b *strings.Builder, args []any, where []Sqlizer, all bool) (string, []any, error) {
	restricts := false
	if len(where) > 0 {
		b.WriteString(" WHERE ")
		var err error
		if args, restricts, err = writeRestrictingConds(b, args, where); err != nil {
			return "", nil, err
		}
	}
	if !restricts && !all {
		return "", nil, ErrNoWhere
	}
	return db.rebind(b.String()), args, nil
}

func rowsAffected(res interface{ RowsAffected() (int64, error) }, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// affectedOne turns a statement that should touch the model's row into
// ErrNotFound when it touched none, or, for a model with a version, into
// ErrStale when the row is there but another session changed it since the
// model was read. Telling the two apart costs a query, but only then.
func affectedOne(ctx context.Context, db *DB, ex execer, t *schema.Table, p unsafe.Pointer, res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	key := make([]any, len(t.PrimaryKey))
	for i, c := range t.PrimaryKey {
		key[i] = c.Value(p)
	}
	if v := t.Version; v != nil {
		var one int
		err := db.queryScalar(ctx, ex, what{op: "SELECT", table: t.Name}, db.sqlFor(t).exists, key, &one)
		switch {
		case err == nil:
			return fmt.Errorf("rx: %s with key %v no longer has version %d: %w", t.Model(), key, v.Int(p), ErrStale)
		case !errors.Is(err, ErrNotFound):
			return err
		}
	}
	for _, c := range t.PrimaryKey {
		if c.IsZero(p) {
			// The usual cause is a model never inserted or read: say so
			// rather than "no rows", but keep ErrNotFound (a row with a
			// zero key may exist, and callers test for it).
			return fmt.Errorf("rx: %s.%s, the primary key, is not set (it is %v): Update and Delete find the row by it, so write to a model that was read or inserted, or set the key: %w",
				t.Model(), c.Field, key, ErrNotFound)
		}
	}
	return fmt.Errorf("rx: %s with key %v: %w", t.Model(), key, ErrNotFound)
}

func (db *DB) queryScalar(ctx context.Context, ex execer, w what, query string, args []any, dest any) error {
	rows, err := db.query(ctx, ex, w, query, args)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return db.classify(ctx, err)
		}
		return ErrNotFound
	}
	if err := rows.Scan(dest); err != nil {
		return db.classify(ctx, err)
	}
	return db.classify(ctx, rows.Close())
}
