package rx

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unsafe"
)

// Insert writes rows (pointers to models) now, in multi-row INSERTs, and
// sets their generated keys.
func (s *Session) Insert(ctx context.Context, models ...any) error {
	return insertModels(ctx, s, models)
}

// Insert writes rows (pointers to models) in autocommit mode; see
// Session.Insert.
func (db *DB) Insert(ctx context.Context, models ...any) error { return insertModels(ctx, db, models) }

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

// Delete deletes the row with the model's primary key. It returns
// ErrNotFound when there is none, and, for a model with a version column,
// ErrStale when the row no longer holds the model's version.
func (s *Session) Delete(ctx context.Context, model any) error { return deleteModel(ctx, s, model) }

// Delete is Session.Delete in autocommit mode.
func (db *DB) Delete(ctx context.Context, model any) error { return deleteModel(ctx, db, model) }

// Exec runs a raw SQL statement written in the database's own placeholder
// style. Values must be passed as args, never formatted into query.
func (s *Session) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return execRaw(ctx, s, query, args)
}

// Exec is Session.Exec in autocommit mode.
func (db *DB) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return execRaw(ctx, db, query, args)
}

// Query runs a raw SQL query; the caller closes the rows.
func (s *Session) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return queryRaw(ctx, s, query, args)
}

// Query is Session.Query in autocommit mode.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return queryRaw(ctx, db, query, args)
}

func execRaw(ctx context.Context, q Querier, query string, args []any) (sql.Result, error) {
	db, ex, err := handleOf(q)
	if err != nil {
		return nil, err
	}
	return db.exec(ctx, ex, rawSQL, query, args)
}

func queryRaw(ctx context.Context, q Querier, query string, args []any) (*sql.Rows, error) {
	db, ex, err := handleOf(q)
	if err != nil {
		return nil, err
	}
	return db.query(ctx, ex, rawSQL, query, args)
}

// Get loads the row of model T with the given primary key (one value per
// key column, in field order). It returns ErrNotFound when there is none.
func Get[T any](ctx context.Context, q Querier, key ...any) (*T, error) {
	t, err := tableFor[T]()
	if err != nil {
		return nil, err
	}
	if len(key) != len(t.PrimaryKey) {
		return nil, fmt.Errorf("rx: Get[%s] needs %d key value(s) (%v), got %d", t.Model(), len(t.PrimaryKey), columnNames(t.PrimaryKey), len(key))
	}
	for i, c := range t.PrimaryKey {
		if kt := reflect.TypeOf(key[i]); !keyFits(c, kt) {
			return nil, keyTypeError(t, c, kt)
		}
	}
	db, ex, err := readHandleOf(q)
	if err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, ex, what{op: "SELECT", table: t.Name}, db.sqlFor(t).get, key)
	if err != nil {
		return nil, opError("select", t, err)
	}
	out := new(T)
	found, err := scanOne(rows, t.Columns, unsafe.Pointer(out))
	if err != nil {
		return nil, db.failed(ctx, "select", t, err) // errors can arrive with the rows
	}
	if !found {
		return nil, fmt.Errorf("rx: %s with key %s: %w", t.Model(), formatKey(key), ErrNotFound)
	}
	return out, nil
}

// keyFits reports whether a key value of Go type kt can be compared with
// column c: the databases disagree about a string for an integer key
// (SQLite and MySQL find no row, PostgreSQL fails), so Get refuses it.
// A driver.Valuer may produce anything and is let through.
func keyFits(c *Column, kt reflect.Type) bool {
	if kt == c.GoType {
		return true
	}
	if kt == nil {
		return false
	}
	if kt.Implements(valuerType) {
		return true
	}
	if kt.Kind() == reflect.Pointer {
		kt = kt.Elem()
	}
	switch k := kt.Kind(); c.Kind {
	case KindInt8, KindInt16, KindInt32, KindInt64, KindUint8, KindUint16, KindUint32, KindUint64:
		return reflect.Int <= k && k <= reflect.Uint64
	case KindFloat32, KindFloat64:
		return reflect.Int <= k && k <= reflect.Float64
	case KindString:
		return k == reflect.String
	case KindBool:
		return k == reflect.Bool
	case KindBytes:
		return k == reflect.String || k == reflect.Slice && kt.Elem().Kind() == reflect.Uint8
	case KindTime:
		return kt == timeType
	}
	return true
}

func keyTypeError(t *Table, c *Column, kt reflect.Type) error {
	got := "nil"
	if kt != nil {
		got = kt.String()
	}
	return &ColumnError{Model: t.Model(), Column: c.Name, Reason: fmt.Sprintf("Get[%s] got a key of type %s for this key column, which is %s (field %s)", t.Model(), got, c.GoType, c.Field)}
}

// formatKey renders key values for a message without handing them to
// fmt: that would make every caller's key escape to the heap, one
// allocation per Get even when the row is found.
func formatKey(key []any) string {
	b := []byte{'['}
	for i, k := range key {
		if i > 0 {
			b = append(b, ' ')
		}
		switch v := reflect.ValueOf(k); v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			b = strconv.AppendInt(b, v.Int(), 10)
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			b = strconv.AppendUint(b, v.Uint(), 10)
		case reflect.String:
			b = append(b, v.String()...)
		case reflect.Invalid:
			b = append(b, "<nil>"...)
		default:
			b = append(b, '(')
			b = append(b, v.Type().String()...)
			b = append(b, ')')
		}
	}
	return string(append(b, ']'))
}

func insertModels(ctx context.Context, q Querier, models []any) error {
	db, ex, err := handleOf(q)
	if err != nil {
		return err
	}
	var (
		table *Table
		buf   [smallBatch]unsafe.Pointer
		rows  = buf[:0] // on the stack for the common short call
	)
	for _, m := range models {
		t, p, err := rowPointer(m)
		if err != nil {
			return err
		}
		if table != nil && t != table {
			if _, err := db.insertRows(ctx, ex, table, rows, nil); err != nil {
				return err
			}
			rows = rows[:0]
		}
		table = t
		rows = append(rows, p)
	}
	if len(rows) == 0 {
		return nil
	}
	_, err = db.insertRows(ctx, ex, table, rows, nil)
	return err
}

// Stack buffers for short inserts, so that inserting one row costs no
// more allocations than the hand-written statement.
const (
	smallBatch = 8
	smallArgs  = 32
)

// conflict is an INSERT's ON CONFLICT clause.
type conflict struct {
	columns []*Column
	update  []*Column // nil: do nothing
}

// insertRows writes rows of t in as few statements as the parameter limit
// allows. Without a conflict clause it sets generated keys; rows whose key
// the caller already set are inserted with it.
func (db *DB) insertRows(ctx context.Context, ex execer, t *Table, rows []unsafe.Pointer, on *conflict) (int64, error) {
	if t.life != nil {
		if err := t.life.beforeInsert(ctx, t, rows); err != nil {
			return 0, err
		}
		n, err := db.insertRowsNow(ctx, ex, t, rows, on)
		if err != nil {
			return n, err
		}
		return n, t.life.afterInsert(ctx, t, rows)
	}
	return db.insertRowsNow(ctx, ex, t, rows, on)
}

func (db *DB) insertRowsNow(ctx context.Context, ex execer, t *Table, rows []unsafe.Pointer, on *conflict) (int64, error) {
	s := db.sqlFor(t)
	gen, explicit := rows, []unsafe.Pointer(nil)
	if ai := t.AutoIncrement; ai != nil {
		for i, p := range rows {
			if !ai.isZero(p) {
				// Split only when needed: most batches have no set keys.
				gen = make([]unsafe.Pointer, 0, len(rows))
				gen = append(gen, rows[:i]...)
				for _, p := range rows[i:] {
					if ai.isZero(p) {
						gen = append(gen, p)
					} else {
						explicit = append(explicit, p)
					}
				}
				break
			}
		}
	} else {
		gen, explicit = nil, rows
	}
	// Two plain calls rather than a loop over a table of parts: escape
	// analysis does not follow a slice of structs field by field, and
	// would move the caller's row buffer to the heap.
	total, err := db.insertChunks(ctx, ex, t, s, s.ins, gen, true, on)
	if err != nil {
		return total, opError("insert", t, err)
	}
	n, err := db.insertChunks(ctx, ex, t, s, s.insAll, explicit, false, on)
	return total + n, opError("insert", t, err)
}

func (db *DB) insertChunks(ctx context.Context, ex execer, t *Table, s *tableSQL, in *insertSQL, rows []unsafe.Pointer, setKeys bool, on *conflict) (int64, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	suffix := ""
	if on != nil {
		suffix = db.upsertClause(t, on)
	}
	ncols := len(in.cols)
	var buf [smallArgs]any
	args := buf[:0] // a single-row insert binds from the stack
	if n := min(len(rows), s.batchRows) * ncols; n > len(buf) {
		args = make([]any, 0, n)
	}
	var total int64
	for start := 0; start < len(rows); start += s.batchRows {
		chunk := rows[start:min(start+s.batchRows, len(rows))]
		var query string
		query, args = db.insertStatement(in, chunk, suffix, args[:0])
		if on != nil {
			n, err := db.upsertChunk(ctx, ex, t, in, query, args, chunk, setKeys, on)
			total += n
			if err != nil {
				return total, err
			}
			continue
		}
		if setKeys && in.tail != "" && len(chunk) == 1 && in.one != "" {
			query = in.one
		} else if setKeys && in.tail != "" {
			if _, err := db.insertReturning(ctx, ex, t, query, args, chunk, false); err != nil {
				return total, err
			}
			total += int64(len(chunk))
			continue
		}
		res, err := db.exec(ctx, ex, what{op: "INSERT", table: t.Name}, query, args)
		if err != nil {
			return total, err
		}
		n, _ := res.RowsAffected()
		total += n
		if setKeys && t.AutoIncrement != nil {
			first, err := res.LastInsertId()
			if err != nil {
				return total, fmt.Errorf("rx: reading generated keys of %s: %w", t.Model(), err)
			}
			step := int64(1)
			if len(chunk) > 1 {
				if step, err = db.autoIncrementStep(ctx, ex); err != nil {
					return total, err
				}
			}
			for i, p := range chunk {
				t.AutoIncrement.setInt(p, first+int64(i)*step)
			}
		}
	}
	return total, nil
}

// insertStatement renders the INSERT of chunk, appending its arguments
// to args.
func (db *DB) insertStatement(in *insertSQL, chunk []unsafe.Pointer, suffix string, args []any) (string, []any) {
	for _, p := range chunk {
		for _, c := range in.cols {
			args = append(args, c.valueAt(p))
		}
	}
	return in.text(db, len(chunk), suffix), args
}

// insertReturning runs a multi-row INSERT ... RETURNING and hands out the
// generated keys. Keys come from a sequence in VALUES order, but the order
// of RETURNING rows is not promised, so they are sorted before assignment
// (the approach SQLAlchemy takes for its batched inserts).
//
// An upsert of one row (skipped set) may return no key: DoNothing met a
// conflict. It reports how many keys it set.
func (db *DB) insertReturning(ctx context.Context, ex execer, t *Table, query string, args []any, chunk []unsafe.Pointer, skipped bool) (int64, error) {
	held, err := db.autocommitWrite(ctx, ex)
	if err != nil {
		return 0, err
	}
	defer db.writes.leave(held)
	rows, err := db.query(ctx, ex, what{op: "INSERT", table: t.Name}, query, args)
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
			return 0, fmt.Errorf("rx: inserting %s: database returned no key", t.Model())
		}
		if err := rows.Scan(t.AutoIncrement.destAt(chunk[0])); err != nil {
			return 0, err
		}
		if rows.Next() {
			return 0, fmt.Errorf("rx: inserting %s: database returned several keys for one row", t.Model())
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
	if len(ids) != len(chunk) {
		return 0, fmt.Errorf("rx: inserting %s: database returned %d keys for %d rows", t.Model(), len(ids), len(chunk))
	}
	slices.Sort(ids)
	for i, p := range chunk {
		t.AutoIncrement.setInt(p, ids[i])
	}
	return int64(len(ids)), nil
}

// upsertChunk runs an INSERT with a conflict clause and returns the rows
// it inserted or updated: for DoUpdate every row given, whatever the
// database counts (MySQL counts an updated row twice); for DoNothing the
// rows inserted, as far as the database tells (MySQL also counts rows it
// found already there, except for one row with a generated key). For a
// single row whose key the database generates (genKey), it sets the key
// of the row inserted or updated: RETURNING where the dialect has it,
// else LastInsertId, which the dialect's Upsert makes the updated row's
// key (MySQL's pk = LAST_INSERT_ID(pk)) and which is 0 when nothing was
// written.
func (db *DB) upsertChunk(ctx context.Context, ex execer, t *Table, in *insertSQL, query string, args []any, chunk []unsafe.Pointer, genKey bool, on *conflict) (int64, error) {
	doUpdate := len(on.update) > 0
	one := genKey && len(chunk) == 1 && t.AutoIncrement != nil
	if one && in.tail != "" {
		return db.insertReturning(ctx, ex, t, query+in.tail, args, chunk, true)
	}
	res, err := db.exec(ctx, ex, what{op: "INSERT", table: t.Name}, query, args)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	if one {
		id, err := res.LastInsertId()
		if err != nil {
			return 0, fmt.Errorf("rx: reading the key of %s after an upsert: %w", t.Model(), err)
		}
		if id == 0 {
			return 0, nil // DoNothing met a conflict
		}
		t.AutoIncrement.setInt(chunk[0], id)
		return 1, nil
	}
	if doUpdate {
		return int64(len(chunk)), nil
	}
	return n, nil
}

func updateModel(ctx context.Context, q Querier, model any, columns []string) error {
	t, p, err := rowPointer(model)
	if err != nil {
		return err
	}
	db, ex, err := handleOf(q)
	if err != nil {
		return err
	}
	s := db.sqlFor(t)
	query, cols := s.update, s.updateCols
	if len(columns) > 0 {
		cols = make([]*Column, len(columns))
		for i, name := range columns {
			c := t.Column(name)
			if c == nil {
				return unknownColumn(t, name)
			}
			if c.PrimaryKey {
				return &ColumnError{Model: t.Model(), Column: name, Reason: "is part of the primary key, which Update uses to find the row"}
			}
			if c == t.Version {
				return &ColumnError{Model: t.Model(), Column: name, Reason: "is the model's version, which Update checks and increments by itself"}
			}
			cols[i] = c
		}
		if t.life != nil {
			cols = t.life.withAutoUpdate(cols)
		}
		query = db.updateSQL(t, cols)
	}
	if query == "" {
		return fmt.Errorf("rx: model %s has only key columns: nothing to update", t.Model())
	}
	if t.life != nil {
		if err := t.life.beforeUpdate(ctx, t, p); err != nil {
			return err
		}
	}
	var buf [smallArgs]any
	args := buf[:0]
	if n := len(cols) + len(t.PrimaryKey); n > len(buf) {
		args = make([]any, 0, n)
	}
	for _, c := range cols {
		args = append(args, c.valueAt(p))
	}
	for _, c := range t.PrimaryKey {
		args = append(args, c.valueAt(p))
	}
	if v := t.Version; v != nil {
		args = append(args, v.valueAt(p))
	}
	res, err := db.exec(ctx, ex, what{op: "UPDATE", table: t.Name}, query, args)
	if err = affectedOne(ctx, db, ex, t, p, res, opError("update", t, err)); err == nil && t.Version != nil {
		t.Version.setInt(p, t.Version.intAt(p)+1)
	}
	if err == nil && t.life != nil {
		err = t.life.afterUpdate(ctx, t, p)
	}
	return err
}

// updateSQL is the UPDATE of a model's row by key setting cols, and
// bumping its version, if it has one, when the row still holds the version
// the model was read with; "" when there is nothing to set.
func (db *DB) updateSQL(t *Table, cols []*Column) string {
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

func deleteModel(ctx context.Context, q Querier, model any) error {
	t, p, err := rowPointer(model)
	if err != nil {
		return err
	}
	db, ex, err := handleOf(q)
	if err != nil {
		return err
	}
	args := make([]any, len(t.PrimaryKey), len(t.PrimaryKey)+1)
	for i, c := range t.PrimaryKey {
		args[i] = c.valueAt(p)
	}
	if v := t.Version; v != nil {
		args = append(args, v.valueAt(p))
	}
	if t.life != nil {
		if err := t.life.beforeDelete(ctx, t, p); err != nil {
			return err
		}
	}
	res, err := db.exec(ctx, ex, what{op: "DELETE", table: t.Name}, db.sqlFor(t).del, args)
	if err = affectedOne(ctx, db, ex, t, p, res, opError("delete", t, err)); err == nil && t.life != nil {
		err = t.life.afterDelete(ctx, t, p)
	}
	return err
}

// affectedOne turns a statement that should touch the model's row into
// ErrNotFound when it touched none, or, for a model with a version, into
// ErrStale when the row is there but another session changed it since the
// model was read. Telling the two apart costs a query, but only then.
func affectedOne(ctx context.Context, db *DB, ex execer, t *Table, p unsafe.Pointer, res sql.Result, err error) error {
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
		key[i] = c.valueAt(p)
	}
	if v := t.Version; v != nil {
		var one int
		err := db.queryScalar(ctx, ex, what{op: "SELECT", table: t.Name}, db.sqlFor(t).exists, key, &one)
		switch {
		case err == nil:
			return fmt.Errorf("rx: %s with key %v no longer has version %d: %w", t.Model(), key, v.intAt(p), ErrStale)
		case !errors.Is(err, ErrNotFound):
			return err
		}
	}
	return fmt.Errorf("rx: %s with key %v: %w", t.Model(), key, ErrNotFound)
}

func unknownColumn(t *Table, name string) error {
	return &ColumnError{Model: t.Model(), Column: name, Reason: "no such column (columns: " + sortedColumnNames(t) + ")"}
}
