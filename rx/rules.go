package rx

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"unsafe"

	sq "github.com/Masterminds/squirrel"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// ErrRulesNoSequence is returned, before any SQL is sent, for an insert
// into a table whose rules refuse INSERT ... RETURNING when rx finds no
// sequence behind its generated key to reserve the keys from.
var ErrRulesNoSequence = errors.New("rx: the table's ON INSERT DO INSTEAD rules refuse INSERT ... RETURNING and its key has no sequence to reserve keys from")

// ErrRulesDiscardKey is returned after an insert into a table whose
// rules store other keys than the ones rx reserved and sent: the rows
// are inserted (roll the transaction back to undo them), and their keys
// on the models are zero again.
var ErrRulesDiscardKey = errors.New("rx: the table's ON INSERT DO INSTEAD rules stored other keys than the ones rx sent")

// Whether a table takes INSERT ... RETURNING, as tableSQL.returning
// holds it: not yet asked, yes, or refused (dialect.ReturningRefuser).
const (
	returningUnknown int32 = iota
	returningTaken
	returningRefused
)

// insertGenerated inserts chunk, rows without a key, and sets their
// generated keys: with RETURNING, or, on a table whose rules refuse
// RETURNING, with keys reserved from its sequence beforehand.
func (db *DB) insertGenerated(ctx context.Context, ex execer, t *schema.Table, s *tableSQL, query string, args []any, chunk []unsafe.Pointer) error {
	refused, err := db.refusesReturning(ctx, ex, t, s)
	if err != nil {
		return err
	}
	if refused {
		ok, err := db.insertReserved(ctx, ex, t, s, chunk)
		if !ok && err == nil {
			err = fmt.Errorf("%w: table %s, column %s: give %s a DEFAULT nextval of a sequence (or make it an identity column), or insert into the table its rules route to",
				ErrRulesNoSequence, t.Name, t.AutoIncrement.Name, t.AutoIncrement.Name)
		}
		return err
	}
	_, err = db.insertReturning(ctx, ex, t, query, args, chunk, false)
	return err
}

// refusesReturning reports whether t's database would refuse INSERT ...
// RETURNING on t, asking once per table and pool. Only a driver that
// knows of such tables asks (PostgreSQL's: rules).
func (db *DB) refusesReturning(ctx context.Context, ex execer, t *schema.Table, s *tableSQL) (bool, error) {
	switch s.returning.Load() {
	case returningTaken:
		return false, nil
	case returningRefused:
		return true, nil
	}
	rr, ok := db.copier.(dialect.ReturningRefuser)
	if !ok {
		s.returning.Store(returningTaken)
		return false, nil
	}
	// A catalog lookup of rx's own, asked once per table and pool, kept
	// from the query hooks: a trace would show it as a SELECT of the
	// model's table that the program never wrote.
	refused, err := queryOne[bool](ctx, db, ex, rr.RefusesReturningQuery(), db.dialect.Quote(t.Name))
	if err != nil {
		return false, fmt.Errorf("rx: reading whether %s takes INSERT ... RETURNING: %w", t.Model(), err)
	}
	if refused {
		s.returning.Store(returningRefused)
	} else {
		s.returning.Store(returningTaken)
	}
	return refused, nil
}

// insertReserved sets chunk's keys from t's sequence and inserts the
// rows with them, without RETURNING. It reports false, having done
// nothing, when the key has no sequence; on an error the keys are zero
// again, as they were.
func (db *DB) insertReserved(ctx context.Context, ex execer, t *schema.Table, s *tableSQL, chunk []unsafe.Pointer) (bool, error) {
	ok, err := db.reserveKeys(ctx, ex, t, chunk)
	if !ok || err != nil {
		return false, err
	}
	query, args := db.insertStatement(s.insAll, chunk, "", nil)
	_, err = db.exec(ctx, ex, what{op: "INSERT", table: t.Name}, query, args)
	if err == nil {
		err = db.checkReserved(ctx, ex, t, chunk)
	}
	if err != nil {
		for _, p := range chunk {
			t.AutoIncrement.SetInt(p, 0)
		}
	}
	return true, err
}

// checkReserved reads back, by the keys set on chunk, the rows just
// inserted: a rule may store its own key instead of NEW's (Sakila's
// payment rules insert DEFAULT, drawing again from the sequence), and
// then the keys rx reserved name no row, or another row.
func (db *DB) checkReserved(ctx context.Context, ex execer, t *schema.Table, chunk []unsafe.Pointer) error {
	keys := make([]int64, len(chunk))
	for i, p := range chunk {
		keys[i] = t.AutoIncrement.Int(p)
	}
	query, args, err := sq.Select("COUNT(*)").From(db.dialect.Quote(t.Name)).
		Where(sq.Eq{db.dialect.Quote(t.AutoIncrement.Name): keys}).
		PlaceholderFormat(db.dialect.Placeholder()).ToSql()
	if err != nil {
		return err
	}
	n, err := queryOne[int64](ctx, db, ex, query, args...)
	if err != nil {
		return fmt.Errorf("rx: reading back the rows inserted into %s: %w", t.Name, err)
	}
	if n != int64(len(chunk)) {
		return fmt.Errorf("%w: table %s, column %s: %d of the %d rows inserted are stored under the keys rx sent, the others under keys rx cannot know; have the rules insert NEW.%s, or insert without rx and read the keys back yourself",
			ErrRulesDiscardKey, t.Name, t.AutoIncrement.Name, n, len(chunk), t.AutoIncrement.Name)
	}
	return nil
}

// queryOne is the one value that query returns, a lookup of rx's own:
// it goes through the pipeline unseen by the query hooks (stmt.quiet).
// Its errors are classified.
func queryOne[T any](ctx context.Context, db *DB, ex execer, query string, args ...any) (T, error) {
	var v T
	st := stmt{ex: ex, query: query, kind: rowsKind, quiet: true}
	db.send(ctx, &st, args, nil)
	if st.err != nil {
		return v, st.err
	}
	rows := st.rows
	defer rows.Close()
	if !rows.Next() {
		return v, errors.Join(db.classify(ctx, rows.Err()), sql.ErrNoRows)
	}
	if err := rows.Scan(&v); err != nil {
		return v, db.classify(ctx, err)
	}
	return v, db.classify(ctx, rows.Close())
}
