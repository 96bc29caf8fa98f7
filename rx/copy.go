package rx

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"slices"
	"unsafe"

	"github.com/jmoiron/sqlx"
	"github.com/rxgo/rxdb/schema"
)

// copyMinRows is the fewest staged rows of one model that a flush sends
// with COPY: below it, reserving keys and the COPY's own round trips cost
// more than the multi-row INSERT saves.
var copyMinRows = 256

// pinsConn reports whether a session with opts begins its transaction on
// a connection of its own (a *sql.Conn) rather than on the pool, so that
// a flush can reach the driver's connection for COPY, and the session's
// statements the native path (a read-only session's too, on the
// primary: read pools may be another driver's).
func (db *DB) pinsConn(opts *sql.TxOptions, idx int) bool {
	if idx >= 0 {
		return false
	}
	return (db.copier != nil && !opts.ReadOnly) || db.native != nil
}

// copyConn returns the connection the session's transaction runs on, when
// rx began it there and the database can COPY; nil for a joined
// transaction (JoinTx) or a pool rx cannot reach into.
func (s *Session) copyConn() *sql.Conn {
	if s.db.copier == nil {
		return nil
	}
	if c, ok := s.begin.(*sqlx.Conn); ok {
		return c.Conn
	}
	return nil
}

// insertStaged writes staged rows of t: with COPY when the database can
// and there are enough of them, else with multi-row INSERTs.
func (s *Session) insertStaged(ctx context.Context, ex execer, t *schema.Table, rows []unsafe.Pointer) error {
	conn := s.copyConn()
	if conn == nil || len(rows) < copyMinRows {
		_, err := s.db.insertRows(ctx, ex, t, rows, nil)
		return err
	}
	if l := lifeOf(t); l != nil {
		if err := l.beforeInsert(ctx, t, rows); err != nil {
			return err
		}
	}
	copied, err := s.db.copyRows(ctx, ex, conn, t, rows)
	if err != nil {
		return opError("insert", t, err)
	}
	if !copied {
		_, err = s.db.insertRowsNow(ctx, ex, t, rows, nil)
		if err != nil {
			return err
		}
	}
	if l := lifeOf(t); l != nil {
		return l.afterInsert(ctx, t, rows)
	}
	return nil
}

// copyJob is what a COPY statement (copyKind) sends: the rows of t, by
// the columns names, from src; and what it met.
type copyJob struct {
	t     *schema.Table
	names []string
	src   *copySource
	want  int // rows to write
	// panicked is a panic of the driver or a Valuer, for the caller to go
	// on with once it has undone the keys; the pipeline ends there.
	panicked any
}

// copyOn is execute for a COPY, on the connection route left in
// st.conn. Its error is what INSERT would have returned.
func (db *DB) copyOn(ctx context.Context, st *stmt) {
	j := st.copy
	n, panicked, err := db.sendCopy(ctx, st.conn, j.t, j.names, j.src)
	if panicked == nil {
		panicked = j.src.panicked
	}
	if j.panicked = panicked; panicked != nil {
		return
	}
	if j.src.err != nil {
		// The server only saw the COPY fail (57014 query_canceled): the
		// cause is the source's, as INSERT would have returned it.
		err = j.src.err
	}
	if err == nil && n != int64(j.want) {
		err = fmt.Errorf("rx: COPY into %s wrote %d rows of %d", j.t.Name, n, j.want)
	}
	if st.err = err; err == nil {
		st.res = nativeResult(n)
	}
	db.answered(ctx, st)
}

// unkeyed are the rows whose generated key is still zero.
func unkeyed(t *schema.Table, rows []unsafe.Pointer) []unsafe.Pointer {
	ai := t.AutoIncrement
	if ai == nil {
		return nil
	}
	var keyed []unsafe.Pointer
	for _, p := range rows {
		if ai.IsZero(p) {
			keyed = append(keyed, p)
		}
	}
	return keyed
}

// sendCopy runs the COPY on the driver's connection behind conn,
// returning the rows written, or the panic it met for the caller to go
// on with once it has undone the keys.
func (db *DB) sendCopy(ctx context.Context, conn *sql.Conn, t *schema.Table, names []string, src *copySource) (n int64, panicked any, err error) {
	err = conn.Raw(func(dc any) (err error) {
		// database/sql must see neither driver.ErrBadConn nor a panic
		// (which it turns into ErrBadConn) from inside the transaction:
		// it would close the Conn, waiting for the transaction to end
		// first, for ever. The panic goes on below, out of Raw.
		defer func() {
			if r := recover(); r != nil {
				panicked, err = r, errCopyPanicked
			}
		}()
		n, err = db.copier.CopyFrom(ctx, dc, t.Name, names, src)
		if errors.Is(err, driver.ErrBadConn) {
			err = fmt.Errorf("rx: COPY: connection lost: %v", err)
		}
		return err
	})
	return n, panicked, err
}

// copyRows reserves the generated keys of rows whose key is zero, sets
// them, and writes every row with one COPY on conn. It reports false,
// having written nothing, when the key column draws from no sequence or
// the table has rules that COPY would bypass.
// On an error the keys it set are zero again.
func (db *DB) copyRows(ctx context.Context, ex execer, conn *sql.Conn, t *schema.Table, rows []unsafe.Pointer) (bool, error) {
	// COPY runs no rules: the rows that a table's ON INSERT DO INSTEAD
	// rules route elsewhere (inherited partitions) would stay in it.
	if refused, err := db.refusesReturning(ctx, ex, t, db.sqlFor(t)); refused || err != nil {
		return false, err
	}
	ts := db.sqlFor(t)
	cols, names := ts.insAll.cols, ts.copyNames
	pre, ok, err := db.copyPlan(ctx, conn, t, cols, names, rows)
	if !ok || err != nil {
		return false, err
	}
	keyed := unkeyed(t, rows)
	if len(keyed) > 0 {
		ok, err := db.reserveKeys(ctx, ex, t, keyed)
		if !ok || err != nil {
			return false, err
		}
	}
	src := &copySource{db: db, rows: rows, cols: cols, pre: pre, i: -1, vals: make([]any, len(cols))}
	job := copyJob{t: t, names: names, src: src, want: len(rows)}
	st := stmt{ex: ex, w: what{op: "COPY", table: t.Name}, query: ts.copyText, kind: copyKind, write: true, conn: conn, copy: &job}
	db.send(ctx, &st, nil, nil)
	if job.panicked != nil || st.err != nil {
		for _, p := range keyed {
			t.AutoIncrement.SetInt(p, 0)
		}
	}
	if job.panicked != nil {
		panic(job.panicked)
	}
	return st.err == nil, st.err
}

// reserveKeys draws a key for each row from the key column's sequence and
// sets it, in row order. It reports false, setting nothing, when the
// column has no sequence.
func (db *DB) reserveKeys(ctx context.Context, ex execer, t *schema.Table, rows []unsafe.Pointer) (bool, error) {
	q := db.copier.ReserveKeysQuery()
	res, err := db.query(ctx, ex, what{op: "SELECT", table: t.Name}, q, []any{db.dialect.Quote(t.Name), t.AutoIncrement.Name, len(rows)})
	if err != nil {
		return false, err
	}
	defer res.Close()
	ids := make([]int64, 0, len(rows))
	var id sql.NullInt64
	for res.Next() {
		if err := res.Scan(&id); err != nil {
			return false, err
		}
		if !id.Valid {
			return false, res.Close()
		}
		ids = append(ids, id.Int64)
	}
	if err := res.Err(); err != nil {
		return false, db.classify(ctx, err)
	}
	if len(ids) != len(rows) {
		return false, fmt.Errorf("rx: reserving keys of %s: got %d for %d rows", t.Model(), len(ids), len(rows))
	}
	slices.Sort(ids) // in staging order, as INSERT ... RETURNING hands them out
	for i, p := range rows {
		t.AutoIncrement.SetInt(p, ids[i])
	}
	return true, res.Close()
}

var errCopyPanicked = errors.New("rx: COPY panicked")

// copySource hands a BulkCopier the column values of rows, one row at a
// time, into one reused slice.
type copySource struct {
	db   *DB
	rows []unsafe.Pointer
	cols []*schema.Column
	pre  [][]any // values copyPlan computed, by column then row; nil for the others
	i    int
	vals []any

	panicked any   // a Valuer's panic, to go on in the caller's goroutine
	err      error // why Values failed, which the COPY's own error hides
}

func (s *copySource) Next() bool { s.i++; return s.i < len(s.rows) }

func (s *copySource) Values() (_ []any, err error) {
	// The driver may call Values on a goroutine of its own (pgx does),
	// where a panic in a Valuer (or a MarshalJSON under rx:"json") would
	// end the program. So Valuers run here, under recover, and the panic
	// goes on from copyRows on the caller's goroutine.
	defer func() {
		if r := recover(); r != nil {
			s.panicked, err = r, errCopyPanicked
		}
		if err != nil {
			s.err = err
		}
	}()
	p := s.rows[s.i]
	for j, c := range s.cols {
		if s.pre != nil && s.pre[j] != nil {
			s.vals[j] = s.pre[j][s.i]
			continue
		}
		v, err := copyValue(c, p)
		if err != nil {
			return nil, err
		}
		s.vals[j] = v
	}
	utcInPlace(s.vals) // as bindArgs does for a statement's arguments
	if err := s.db.checkFloats(s.vals); err != nil {
		return nil, err
	}
	return s.vals, nil
}

func (s *copySource) Err() error { return nil }
