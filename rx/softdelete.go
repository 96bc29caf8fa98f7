package rx

import (
	"database/sql"
	"reflect"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// Soft delete: a model with an rx:"softdelete" column (a nullable time)
// is deleted by setting it (Delete, DeleteQuery), and rx's reads skip the
// rows where it is set: Select and its terminal methods, Get, Count,
// Exists, the relation loads of With, UpdateQuery and DeleteQuery.
// WithDeleted reads them too; HardDelete and DeleteQuery.Hard remove rows.

// setDeleted sets the softdelete field of the model at p to at.
func setDeleted(c *schema.Column, p unsafe.Pointer, at time.Time) {
	f := reflect.NewAt(c.GoType, c.Addr(p)).Elem()
	switch f.Interface().(type) {
	case *time.Time:
		f.Set(reflect.ValueOf(&at))
	case sql.NullTime:
		f.Set(reflect.ValueOf(sql.NullTime{Time: at, Valid: true}))
	case sql.Null[time.Time]:
		f.Set(reflect.ValueOf(sql.Null[time.Time]{V: at, Valid: true}))
	}
}

// liveCond is the condition that skips t's soft-deleted rows, or nil.
func liveCond(db *DB, t *schema.Table) Sqlizer {
	sd := t.SoftDelete
	if sd == nil {
		return nil
	}
	q := db.dialect.Quote
	return expr{sql: q(t.Name) + "." + q(sd.Name) + " IS NULL"}
}

// WithDeleted reads the soft-deleted rows of T too (a model with an
// rx:"softdelete" column); the relations that With loads still skip
// theirs.
func (s *SelectQuery[T]) WithDeleted() *SelectQuery[T] {
	s = s.next()
	s.withDeleted = true
	return s
}

// finishWhereLive is finishWhere with live, the condition that skips
// soft-deleted rows, added after where: it restricts no statement, so a
// statement without a Where of its own still needs All.
func finishWhereLive(db *DB, b *strings.Builder, args []any, where []Sqlizer, all bool, live Sqlizer) (string, []any, error) {
	if live == nil {
		return finishWhere(db, b, args, where, all)
	}
	var probe strings.Builder
	_, restricts, err := writeRestrictingConds(&probe, nil, where)
	if err != nil {
		return "", nil, err
	}
	if !restricts && !all {
		return "", nil, ErrNoWhere
	}
	return finishWhere(db, b, args, append(where[:len(where):len(where)], live), true)
}

// liveIndexOn is the softdelete column of t's live unique index on
// exactly cols, in any order, or "".
func liveIndexOn(t *schema.Table, cols []*schema.Column) string {
	if t.SoftDelete == nil {
		return ""
	}
	for _, ix := range t.Indexes() {
		if ix.Live != "" && len(ix.Columns) == len(cols) && !slices.ContainsFunc(cols, func(c *schema.Column) bool { return !slices.Contains(ix.Columns, c.Name) }) {
			return ix.Live
		}
	}
	return ""
}
