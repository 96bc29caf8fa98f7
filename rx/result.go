package rx

import (
	"context"
	"database/sql"
	"reflect"
	"unsafe"

	"github.com/rxgo/rxdb/schema"
)

// resultFor returns the column metadata of R, the struct a query's rows
// are scanned into: a model's own, or that of any struct, its columns
// named and typed as for models.
func resultFor[R any]() (*schema.Table, error) {
	t := reflect.TypeFor[R]()
	if t.Kind() != reflect.Struct {
		return nil, &ModelError{Model: t.String(), Reason: notStruct(t, "rows scan into a struct whose fields are named after the result columns")}
	}
	return schema.StructOf(t)
}

// Scan runs the query and scans every row into an R, any struct whose
// fields are matched to the result columns by name (as for models, once
// per query, never per row): the query's columns, or the aliases of its
// ColumnExpr. A result column that R has no field for is an error naming
// it; fields without a column keep their zero value.
//
//	type AuthorPosts struct {
//		UserID int64
//		Posts  int64
//	}
//	rows, err := rx.Scan[AuthorPosts](ctx, rx.Select[Post](db).
//		Columns("user_id").ColumnExpr("posts", "COUNT(*)").
//		GroupBy("user_id").OrderBy("-posts"))
//
// R may instead hold models, for a join: a named field of a model type
// (by value) is read from that model's table, a pointer
// one is nil where a LEFT JOIN found no row (its key is NULL), and a slice
// one ([]Comment, []*Comment) collects the rows of its table that share
// the other model fields' keys, so that one R comes out per parent. rx
// writes the SELECT list (so Columns is refused); R's other fields are
// filled by the query's ColumnExpr of their names. Every model field's
// table must be the query's own or one its joins bring:
//
//	type PostWithComments struct {
//		Post     Post
//		Author   *User
//		Comments []Comment
//	}
//	rows, err := rx.Scan[PostWithComments](ctx, rx.Select[Post](db).
//		LeftJoinRelation("User").LeftJoinRelation("Comments").OrderBy("id"))
//
// A Limit counts the join's rows, not the parents. An R that is itself a
// model (its own key, or an embedded rx.Model) scans flat, as above.
func Scan[R, T any](ctx context.Context, q *SelectQuery[T]) ([]R, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	if plan, err := nestedPlanOf(reflect.TypeFor[R]()); err != nil || plan != nil {
		if err != nil {
			return nil, err
		}
		return scanNested[R](ctx, q, plan, q.limit)
	}
	rt, err := resultFor[R]()
	if err != nil {
		return nil, err
	}
	db, rows, cols, err := q.runInto(ctx, q.limit, rt)
	if err != nil {
		return nil, err
	}
	out, err := scanAll(rows, cols, make([]R, 0))
	if err != nil {
		return nil, db.failed(ctx, "select", q.t, err)
	}
	return out, nil
}

// ScanOne is Scan for a single row: ErrNotFound when the query returns
// none, ErrMultipleRows when it returns more than one.
func ScanOne[R, T any](ctx context.Context, q *SelectQuery[T]) (*R, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	if plan, err := nestedPlanOf(reflect.TypeFor[R]()); err != nil || plan != nil {
		if err != nil {
			return nil, err
		}
		return scanNestedOne[R](ctx, q, plan)
	}
	rt, err := resultFor[R]()
	if err != nil {
		return nil, err
	}
	db, rows, cols, err := q.runInto(ctx, q.oneLimit(), rt)
	if err != nil {
		return nil, err
	}
	out := new(R)
	if err := scanOnly(rows, cols, unsafe.Pointer(out)); err != nil {
		return nil, db.failed(ctx, "select", q.t, err)
	}
	return out, nil
}

// runInto sends the query and matches its result columns to rt's fields.
func (s *SelectQuery[T]) runInto(ctx context.Context, limit int64, rt *schema.Table) (*DB, *sql.Rows, []*schema.Column, error) {
	if err := s.checkScanOnly(rt); err != nil {
		return nil, nil, nil, err
	}
	db, rows, err := s.run(ctx, limit, false)
	if err != nil {
		return nil, nil, nil, err
	}
	cols, err := resultColumns(rt, rows)
	if err != nil {
		rows.Close()
		return nil, nil, nil, err
	}
	return db, rows, cols, nil
}
