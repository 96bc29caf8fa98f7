package rx

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// How an inserted row gets its generated key.
//
// rx sets the auto-increment key (Table.AutoIncrement) of every row it
// inserts without one, in the way the dialect says the database reports it:
//
//   - RETURNING (Dialect.Returning: PostgreSQL, SQLite). The INSERT ends in
//     RETURNING key (insertSQL.tail) and rx reads a key per row
//     (insertReturning). A multi-row insert takes its keys from the
//     sequence in VALUES order, but the order of the RETURNING rows is not
//     promised, so the keys are sorted before they are handed out.
//   - One row through LastInsertId (OneRowLastInsertID: SQLite). A
//     RETURNING dialect whose driver also reports a single-row insert's key
//     through sql.Result.LastInsertId inserts one row with Exec and no
//     RETURNING (insertSQL.one), which costs less than reading a result set.
//   - LastInsertId and the increment step (no RETURNING: MySQL, MariaDB).
//     LastInsertId is the first row's key of a multi-row INSERT; the next
//     rows' keys follow it by auto_increment_increment, which Galera sets
//     to the number of nodes. Dialect.IDStepQuery reads that step; DB.init
//     reads it once at Open, so a problem shows at once, and it is cached
//     in DB.idStep (autoIncrementStep, lastInsertKeys).
//
// A one-row upsert (InsertQuery with OnConflict) sets the key of the row
// inserted or updated: through RETURNING where the dialect has it, else
// through LastInsertId, which the dialect's Upsert clause makes the
// updated row's key (MySQL's pk = LAST_INSERT_ID(pk)) and which is 0 when
// DoNothing met a conflict (upsertedKey).

// insertReturning runs a multi-row INSERT ... RETURNING and hands out the
// generated keys. Keys come from a sequence in VALUES order, but the order
// of RETURNING rows is not promised, so they are sorted before assignment
// (the approach SQLAlchemy takes for its batched inserts).
//
// An upsert of one row (skipped set) may return no key: DoNothing met a
// conflict. It reports how many keys it set.
func (db *DB) insertReturning(ctx context.Context, ex execer, t *schema.Table, query string, args []any, chunk []unsafe.Pointer, skipped bool) (int64, error) {
	if handled, n, err := db.insertReturningNative(ctx, &ex, t, query, args, chunk, skipped); handled {
		return n, err
	}
	st := stmt{ex: ex, w: what{op: "INSERT", table: t.Name}, query: query, kind: rowsKind, write: true}
	db.send(ctx, &st, args, nil)
	defer db.ungate(&st) // the write goes on while its rows are read
	rows, err := st.rows, st.err
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	if len(chunk) == 1 {
		// One row: scan its key straight into the model's field.
		if !rows.Next() {
			if err := rows.Err(); err != nil {
				return 0, db.classify(ctx, err)
			}
			if skipped {
				return 0, rows.Close()
			}
			return 0, errNoKey(t)
		}
		if err := rows.Scan(t.AutoIncrement.Dest(chunk[0])); err != nil {
			return 0, err
		}
		if rows.Next() {
			return 0, errSeveralKeys(t)
		}
		if err := rows.Err(); err != nil {
			return 0, db.classify(ctx, err)
		}
		return 1, rows.Close()
	}
	var one int64
	ids := make([]int64, 0, len(chunk))
	for rows.Next() {
		if err := rows.Scan(&one); err != nil {
			return 0, err
		}
		ids = append(ids, one)
	}
	if err := rows.Err(); err != nil {
		return 0, db.classify(ctx, err)
	}
	return assignReturned(t, chunk, ids)
}

// assignReturned hands out the keys a multi-row INSERT ... RETURNING returned,
// one per row of chunk, in the order of the sequence they came from.
func assignReturned(t *schema.Table, chunk []unsafe.Pointer, ids []int64) (int64, error) {
	if len(ids) != len(chunk) {
		return 0, fmt.Errorf("rx: inserting %s: database returned %d keys for %d rows", t.Model(), len(ids), len(chunk))
	}
	slices.Sort(ids)
	for i, p := range chunk {
		t.AutoIncrement.SetInt(p, ids[i])
	}
	return int64(len(ids)), nil
}

// autoIncrementStep is the step between generated keys of a multi-row
// insert on a LastInsertId dialect, read from the server once.
func (db *DB) autoIncrementStep(ctx context.Context, ex execer) (int64, error) {
	if n := db.idStep.Load(); n > 0 {
		return n, nil
	}
	step := int64(1)
	if q := db.dialect.IDStepQuery(); q != "" {
		if err := db.queryScalar(ctx, ex, what{op: "SELECT"}, q, nil, &step); err != nil {
			return 0, fmt.Errorf("rx: reading the auto-increment step: %w", err)
		}
		step = max(step, 1)
	}
	db.idStep.Store(step)
	return step, nil
}

// lastInsertKeys sets the keys of chunk, inserted by one statement on a
// dialect without RETURNING, from the first key and the increment step.
func (db *DB) lastInsertKeys(ctx context.Context, ex execer, t *schema.Table, chunk []unsafe.Pointer, res sql.Result) error {
	first, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("rx: reading generated keys of %s: %w", t.Model(), err)
	}
	step := int64(1)
	if len(chunk) > 1 {
		if step, err = db.autoIncrementStep(ctx, ex); err != nil {
			return err
		}
	}
	for i, p := range chunk {
		t.AutoIncrement.SetInt(p, first+int64(i)*step)
	}
	return nil
}

// upsertedKey sets the key of the one row p of a LastInsertId upsert and
// reports whether a row was written.
func upsertedKey(t *schema.Table, p unsafe.Pointer, res sql.Result) (int64, error) {
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("rx: reading the key of %s after an upsert: %w", t.Model(), err)
	}
	if id == 0 {
		return 0, nil // DoNothing met a conflict
	}
	t.AutoIncrement.SetInt(p, id)
	return 1, nil
}

// errNoKey and errSeveralKeys are a one-row INSERT ... RETURNING that
// returned no key, or more than one.
func errNoKey(t *schema.Table) error {
	return fmt.Errorf("rx: inserting %s: database returned no key", t.Model())
}

func errSeveralKeys(t *schema.Table) error {
	return fmt.Errorf("rx: inserting %s: database returned several keys for one row", t.Model())
}
