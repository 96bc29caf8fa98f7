package rx

import (
	"context"
	"fmt"
	"strings"
	"unsafe"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// Insert writes rows (pointers to models) now, in multi-row INSERTs, and
// sets their generated keys. As for Add, an argument may be a slice of
// rows ([]*T, []T or a pointer to one), whose elements' keys are set in
// place, and every argument is checked before any SQL is sent.
func (s *Session) Insert(ctx context.Context, models ...any) error {
	return insertModels(ctx, s, models)
}

// Insert writes rows (pointers to models) in autocommit mode; see
// Session.Insert.
func (db *DB) Insert(ctx context.Context, models ...any) error { return insertModels(ctx, db, models) }

func insertModels(ctx context.Context, q Querier, models []any) error {
	if err := checkCtx(ctx); err != nil {
		return err
	}
	db, ex, err := targetOf(q)
	if err != nil {
		return err
	}
	var (
		table *schema.Table
		buf   [smallBatch]unsafe.Pointer
		rows  = buf[:0] // on the stack for the common short call
	)
	var abuf [smallBatch]rowArg
	args, err := parseRowArgs("Insert", models, abuf[:0]) // all checked before any SQL
	if err != nil {
		return err
	}
	for i := range args {
		a := &args[i]
		if table != nil && a.t != table && len(rows) > 0 {
			if _, err := db.insertRows(ctx, ex, table, rows, nil); err != nil {
				return err
			}
			rows = rows[:0]
		}
		table = a.t
		for k := range a.len() {
			rows = append(rows, a.row(k))
		}
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
	columns []*schema.Column
	update  []*schema.Column // nil: do nothing
}

// insertRows writes rows of t in as few statements as the parameter limit
// allows. Without a conflict clause it sets generated keys; rows whose key
// the caller already set are inserted with it.
func (db *DB) insertRows(ctx context.Context, ex execer, t *schema.Table, rows []unsafe.Pointer, on *conflict) (int64, error) {
	if l := lifeOf(t); l != nil {
		if err := l.beforeInsert(ctx, t, rows); err != nil {
			return 0, err
		}
		n, err := db.insertRowsNow(ctx, ex, t, rows, on)
		if err != nil {
			return n, err
		}
		return n, l.afterInsert(ctx, t, rows)
	}
	return db.insertRowsNow(ctx, ex, t, rows, on)
}

func (db *DB) insertRowsNow(ctx context.Context, ex execer, t *schema.Table, rows []unsafe.Pointer, on *conflict) (int64, error) {
	s := db.sqlFor(t)
	gen, explicit := rows, []unsafe.Pointer(nil)
	if ai := t.AutoIncrement; ai != nil {
		for i, p := range rows {
			if !ai.IsZero(p) {
				// Split only when needed: most batches have no set keys.
				gen = make([]unsafe.Pointer, 0, len(rows))
				gen = append(gen, rows[:i]...)
				for _, p := range rows[i:] {
					if ai.IsZero(p) {
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
	if len(gen) > 0 && len(s.ins.cols) == 0 {
		return 0, errOnlyGeneratedKey(t)
	}
	total, err := db.insertChunks(ctx, ex, t, s, s.ins, gen, true, on)
	if err != nil {
		return total, opError("insert", t, err)
	}
	n, err := db.insertChunks(ctx, ex, t, s, s.insAll, explicit, false, on)
	return total + n, opError("insert", t, err)
}

func (db *DB) insertChunks(ctx context.Context, ex execer, t *schema.Table, s *tableSQL, in *insertSQL, rows []unsafe.Pointer, setKeys bool, on *conflict) (int64, error) {
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
		// How the keys come back: see keys.go.
		if setKeys && in.tail != "" && len(chunk) == 1 && in.one != "" {
			query = in.one
		} else if setKeys && in.tail != "" {
			if err := db.insertGenerated(ctx, ex, t, s, query, args, chunk); err != nil {
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
			if err := db.lastInsertKeys(ctx, ex, t, chunk, res); err != nil {
				return total, err
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
			args = append(args, c.Value(p))
		}
	}
	return in.text(db, len(chunk), suffix), args
}

// upsertChunk runs an INSERT with a conflict clause and returns the rows
// it inserted or updated: for DoUpdate every row given, whatever the
// database counts (MySQL counts an updated row twice); for DoNothing the
// rows inserted, as far as the database tells (MySQL also counts rows it
// found already there, except for one row with a generated key). For a
// single row whose key the database generates (genKey), it sets the key
// of the row inserted or updated (see keys.go).
func (db *DB) upsertChunk(ctx context.Context, ex execer, t *schema.Table, in *insertSQL, query string, args []any, chunk []unsafe.Pointer, genKey bool, on *conflict) (int64, error) {
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
		return upsertedKey(t, chunk[0], res)
	}
	if doUpdate {
		return int64(len(chunk)), nil
	}
	return n, nil
}

// InsertQuery inserts rows of model T, optionally as an upsert. Like every
// builder, each chaining method returns a new builder and retires its
// receiver (ErrBuilderReused).
type InsertQuery[T any] struct {
	q    Querier
	t    *schema.Table
	err  error
	rows []*T
	on   *conflict
}

// Insert starts an INSERT of rows on q. Without OnConflict, Exec sets the
// rows' generated keys. A []*T is spread: rx.Insert(db, notes...); for a
// []T, DB.Insert and Session.Insert take the slice itself.
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
	if ai := i.t.AutoIncrement; ai == nil || !ai.IsZero(ptrs[0]) {
		in = s.insAll
	} else if len(in.cols) == 0 {
		return "", nil, errOnlyGeneratedKey(i.t)
	}
	for _, p := range ptrs[1:] {
		if ai := i.t.AutoIncrement; ai != nil && ai.IsZero(p) != ai.IsZero(ptrs[0]) {
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
	db, ex, err := targetOf(i.q)
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
	if err := checkCtx(ctx); err != nil {
		return 0, err
	}
	db, ex, ptrs, err := i.prepare()
	if err != nil {
		return 0, err
	}
	return db.insertRows(ctx, ex, i.t, ptrs, i.on)
}

// upsertClause renders the dialect's conflict clause.
func (db *DB) upsertClause(t *schema.Table, on *conflict) string {
	q := db.dialect.Quote
	quote := func(cols []*schema.Column) []string {
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
	// A live unique index is partial: the conflict target repeats its
	// predicate, or the database finds no index for the columns.
	if pi, ok := db.dialect.(dialect.PartialIndexer); ok {
		if live := liveIndexOn(t, on.columns); live != "" {
			pi.UpsertWhere(&b, quote(on.columns), dialect.LivePredicate(db.dialect, live), quote(on.update))
			return b.String()
		}
	}
	db.dialect.Upsert(&b, quote(on.columns), quote(on.update), q(t.PrimaryKey[0].Name), generated)
	return b.String()
}

// errOnlyGeneratedKey refuses, before any SQL, a row whose only column is
// the key the database generates: the INSERT would list no column, which
// each database spells differently (DEFAULT VALUES, "() VALUES ()") and
// none allows for several rows in one statement.
func errOnlyGeneratedKey(t *schema.Table) error {
	return &ModelError{Model: t.Model(), Field: t.AutoIncrement.Field,
		Reason: "rx cannot insert a row whose only column is its generated key: set the key yourself, or give the model another column"}
}
