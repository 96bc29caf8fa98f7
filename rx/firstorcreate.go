package rx

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// FirstOrCreate returns the row of T whose columns (those of one of T's
// unique keys) hold row's values, inserting row first when there is none,
// and reports whether it inserted it:
//
//	tag, created, err := rx.FirstOrCreate(ctx, db, &Tag{Label: "go"}, "label")
//
// It is safe under concurrency: it sends INSERT ... ON CONFLICT DO NOTHING
// (ON DUPLICATE KEY UPDATE on MySQL) and, when the insert met the existing
// row, reads that row by the columns, so that of any number of callers
// racing on one key exactly one creates the row and all return it. A row
// created is row itself, its generated key set as Insert sets it (one
// statement); a row found is read from the primary into a new T, row left
// as it was (two statements). In a session the read is a locking one
// (ForShare), which sees a row committed since the transaction began even
// under MySQL's REPEATABLE READ; under PostgreSQL's REPEATABLE READ a
// conflict with a row the transaction cannot see is a serialization
// failure, ErrRetryable.
//
// The columns must be exactly those of T's primary key or of a unique
// index T declares (rx:"unique", or rx:"unique=ux_name" on each field),
// so that the database itself refuses a second row; anything else, an
// unknown column, a nil row or a key column holding NULL is an error
// before any SQL. BeforeInsert hooks run for every call, AfterInsert ones
// only when the row was created. Like any insert attempt, a call that
// finds the row may use up a value of the key's sequence.
//
// The key is taken from row rather than from a condition (GORM's
// Where(...).FirstOrCreate) so that what is looked up and what is
// inserted cannot differ, and a typed row needs no conversion of
// condition values into fields.
func FirstOrCreate[T any](ctx context.Context, q Querier, row *T, columns ...string) (*T, bool, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, false, err
	}
	t, err := tableFor[T]()
	if err != nil {
		return nil, false, err
	}
	if row == nil {
		return nil, false, &ModelError{Model: t.Model(), Reason: "FirstOrCreate got a nil row: pass the row to insert, holding the key columns' values to look up"}
	}
	cols, err := uniqueKeyOf(t, columns)
	if err != nil {
		return nil, false, err
	}
	p := unsafe.Pointer(row)
	if _, err := keyCondition(t, cols, p); err != nil {
		return nil, false, err
	}
	db, ex, err := targetOf(q)
	if err != nil {
		return nil, false, err
	}
	created, err := db.createIfAbsent(ctx, ex, t, p, cols)
	if err != nil {
		return nil, false, err
	}
	if created {
		return row, true, nil
	}
	where, err := keyCondition(t, cols, p) // as a BeforeInsert hook left it
	if err != nil {
		return nil, false, err
	}
	found, err := firstOnPrimary[T](ctx, q, db, ex, where)
	if errors.Is(err, ErrNotFound) && t.SoftDelete != nil {
		return nil, false, fmt.Errorf("rx: FirstOrCreate %s: the insert met a row with %s that may be soft-deleted (%s is set), which FirstOrCreate does not return: make the unique index live (rx:\"unique,live\") so that the values can be taken again, or HardDelete the row: %w", t.Model(), describeKey(where), t.SoftDelete.Name, err)
	}
	if errors.Is(err, ErrNotFound) {
		return nil, false, fmt.Errorf("rx: FirstOrCreate %s: the insert met an existing row but none has %s: it conflicted on another unique key, or the row was deleted since: %w", t.Model(), describeKey(where), err)
	}
	return found, false, err
}

// createIfAbsent inserts the row at p unless a row with its values of
// cols exists, and reports whether it inserted it.
func (db *DB) createIfAbsent(ctx context.Context, ex execer, t *schema.Table, p unsafe.Pointer, cols []*schema.Column) (bool, error) {
	rows := []unsafe.Pointer{p}
	l := lifeOf(t)
	if l != nil {
		if err := l.beforeInsert(ctx, t, rows); err != nil {
			return false, err
		}
	}
	var n int64
	var err error
	if ai := t.AutoIncrement; db.dialect.Returning() || ai != nil && ai.IsZero(p) {
		n, err = db.insertRowsNow(ctx, ex, t, rows, &conflict{columns: cols})
	} else {
		// MySQL, the row's key not generated: ON DUPLICATE KEY UPDATE
		// counts a row found as one written, and only a generated key
		// tells them apart (LAST_INSERT_ID is 0). A plain INSERT's
		// duplicate-key error does, and InnoDB undoes only that statement.
		n, err = db.insertRowsNow(ctx, ex, t, rows, nil)
		if errors.Is(err, ErrUniqueViolation) {
			return false, nil
		}
	}
	if err != nil || n == 0 {
		return false, err
	}
	if l != nil {
		return true, l.afterInsert(ctx, t, rows)
	}
	return true, nil
}

// firstOnPrimary reads the only row of T matching where on ex, the
// primary (a replica may not have the row yet), with a shared lock in a
// session.
func firstOnPrimary[T any](ctx context.Context, q Querier, db *DB, ex execer, where Eq) (*T, error) {
	sel := Select[T](q).Where(where)
	if _, ok := q.(*Session); ok {
		sel = sel.ForShare()
	}
	if sel.err != nil {
		return nil, sel.err
	}
	query, args, err := sel.build(db, "", sel.oneLimit(), true)
	if err != nil {
		return nil, err
	}
	rows, err := sel.send(ctx, db, ex, query, args)
	if err != nil {
		return nil, err
	}
	cols, err := sel.scanColumns(rows)
	if err != nil {
		return nil, err
	}
	out := new(T)
	if err := scanOnly(rows, cols, unsafe.Pointer(out)); err != nil {
		return nil, db.failed(ctx, "select", sel.t, err)
	}
	return out, nil
}

// uniqueKeyOf resolves names, which must be the columns of t's primary
// key or of one of its unique indexes, in any order.
func uniqueKeyOf(t *schema.Table, names []string) ([]*schema.Column, error) {
	keys := uniqueKeys(t)
	if len(names) == 0 {
		return nil, &ColumnError{Model: t.Model(), Reason: "FirstOrCreate needs the columns of a unique key to look the row up by, as in rx.FirstOrCreate(ctx, db, &row, \"email\") (unique keys: " + strings.Join(keys, "; ") + ")"}
	}
	cols := make([]*schema.Column, len(names))
	for i, name := range names {
		if cols[i] = t.Column(name); cols[i] == nil {
			return nil, unknownColumn(t, name)
		}
	}
	sorted := slices.Sorted(slices.Values(columnNames(cols)))
	if slices.Contains(keys, strings.Join(sorted, ", ")) {
		return cols, nil
	}
	return nil, &ColumnError{Model: t.Model(), Column: strings.Join(names, ", "), Reason: "FirstOrCreate needs a unique key on exactly these columns, for the database to refuse a second row that a concurrent call inserts: " +
		"declare one (rx:\"unique\" on the field, or rx:\"unique=ux_name\" on each field of a composite key) or name the columns of an existing one (unique keys: " + strings.Join(keys, "; ") + ")"}
}

// uniqueKeys lists t's primary key and unique indexes, each as its
// sorted column names joined by ", ".
func uniqueKeys(t *schema.Table) []string {
	var out []string
	for _, key := range t.UniqueKeys() {
		out = append(out, strings.Join(slices.Sorted(slices.Values(key)), ", "))
	}
	return out
}

// keyCondition is the condition cols = their values in the row at p,
// refusing a NULL: a unique index lets NULLs repeat, so no conflict would
// stop a second row.
func keyCondition(t *schema.Table, cols []*schema.Column, p unsafe.Pointer) (Eq, error) {
	where := make(Eq, len(cols))
	for _, c := range cols {
		v := c.Value(p)
		if isNull(v) {
			return nil, &ColumnError{Model: t.Model(), Column: c.Name, Reason: "FirstOrCreate looks the row up by this column, which is NULL in the row given: a unique index lets NULLs repeat, so set a value"}
		}
		where[c.Name] = v
	}
	return where, nil
}

// isNull reports whether v binds as NULL.
func isNull(v any) bool {
	if vr, ok := v.(driver.Valuer); ok {
		if rv := reflect.ValueOf(vr); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return true
		}
		dv, err := vr.Value()
		return err == nil && dv == nil
	}
	rv := reflect.ValueOf(v)
	return v == nil || rv.Kind() == reflect.Pointer && rv.IsNil()
}

// describeKey renders where for a message, its values left out.
func describeKey(where Eq) string {
	names := make([]string, 0, len(where))
	for name := range where {
		names = append(names, name)
	}
	slices.Sort(names)
	return "these " + strings.Join(names, ", ") + " values"
}
