package rx

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"unsafe"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

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
		if ok || err != nil {
			return err
		}
		// No sequence to draw from: the server's own error says why.
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
	// A catalog lookup of rx's own, asked once per table and pool, sent
	// past the query hooks: a trace would show it as a SELECT of the
	// model's table that the program never wrote.
	refused, err := queryBool(ctx, ex, rr.RefusesReturningQuery(), db.dialect.Quote(t.Name))
	if err != nil {
		return false, fmt.Errorf("rx: reading whether %s takes INSERT ... RETURNING: %w", t.Model(), db.classify(ctx, err))
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
	if _, err := db.exec(ctx, ex, what{op: "INSERT", table: t.Name}, query, args); err != nil {
		for _, p := range chunk {
			t.AutoIncrement.SetInt(p, 0)
		}
		return true, err
	}
	return true, nil
}

// queryBool is the one boolean that query returns.
func queryBool(ctx context.Context, ex execer, query string, args ...any) (bool, error) {
	rows, err := ex.QueryContext(ctx, query, args...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	var b bool
	if !rows.Next() {
		return false, errors.Join(rows.Err(), sql.ErrNoRows)
	}
	if err := rows.Scan(&b); err != nil {
		return false, err
	}
	return b, rows.Close()
}
