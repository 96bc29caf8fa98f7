package rx_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

// Three models of one table, as sqlx code has them: a list view, a body
// view and the full row, which the table is created from.
type NoteList struct {
	ID    int64
	Title string
}

func (NoteList) TableName() string { return "view_note" }

type NoteBody struct {
	ID   int64
	Body string
}

func (NoteBody) TableName() string { return "view_note" }

type NoteFull struct {
	ID     int64
	Title  string
	Body   string
	Author string
}

func (NoteFull) TableName() string { return "view_note" }

// NoteKey maps the table with another primary key.
type NoteKey struct {
	Title string `rx:"pk"`
}

func (NoteKey) TableName() string { return "view_note" }

// Two models of one table, neither with every column of the other.
type OddA struct {
	ID int64
	A  string
}

func (OddA) TableName() string { return "view_odd" }

type OddB struct {
	ID int64
	B  string
}

func (OddB) TableName() string { return "view_odd" }

// A query model and the model its relation field leads to, one pair per
// database (the marker D), so that each subtest meets reachB[D] first
// through a table.column name.
type dialectMarker interface{ tag() string }
type (
	onSQLite   struct{}
	onMySQL    struct{}
	onPostgres struct{}
)

func (onSQLite) tag() string   { return "sqlite" }
func (onMySQL) tag() string    { return "mysql" }
func (onPostgres) tag() string { return "postgres" }

type reachA[D dialectMarker] struct {
	ID   int64
	BID  int64 `db:"b_id"`
	B    *reachB[D]
	Note string
}

func (reachA[D]) TableName() string { var d D; return "reach_a_" + d.tag() }

type reachB[D dialectMarker] struct {
	ID   int64
	Name string
}

func (reachB[D]) TableName() string { var d D; return "reach_b_" + d.tag() }

// TestSeveralModelsOfOneTable registers a list view before the full model:
// both are accepted (the second was refused with "give one a TableName
// method", said to a struct that had one), the table is created with every
// column from either, each model reads and writes its own columns, and a
// model that does not nest is refused saying what is allowed. Columns
// names a column of the table that the query's model lacks, for Scan.
func TestSeveralModelsOfOneTable(t *testing.T) {
	if err := rx.Register(&NoteList{}, &NoteBody{}, &NoteFull{}); err != nil {
		t.Fatal(err)
	}
	err := rx.Register(&NoteKey{})
	if err == nil || !strings.Contains(err.Error(), "must have the same primary key") {
		t.Errorf("Register of a model of view_note keyed by title: %v", err)
	}
	if err := rx.Register(&OddA{}, &OddB{}); err != nil {
		t.Fatal(err)
	}
	if def := schema.Definition(mustTable(t, NoteList{})); def.GoType.Name() != "NoteFull" {
		t.Errorf("view_note is defined by %s, want NoteFull", def.GoType)
	}
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &NoteList{}); err != nil { // created from NoteFull
			t.Fatal(err)
		}
		err := db.CreateAll(ctx, &OddA{})
		if err == nil || !strings.Contains(err.Error(), "neither has every column of the other") {
			t.Errorf("CreateAll of a table whose models do not nest: %v", err)
		}
		full := &NoteFull{Title: "t1", Body: "b1", Author: "ann"}
		if err := db.Insert(ctx, full); err != nil {
			t.Fatal(err)
		}
		list, err := rx.Get[NoteList](ctx, db, full.ID)
		if err != nil || list.Title != "t1" {
			t.Fatalf("Get[NoteList] = %+v, %v", list, err)
		}
		list.Title = "t2"
		if err := db.Update(ctx, list); err != nil {
			t.Fatal(err)
		}
		if err := db.Update(ctx, &NoteBody{ID: full.ID, Body: "b2"}); err != nil {
			t.Fatal(err)
		}
		got, err := rx.Get[NoteFull](ctx, db, full.ID)
		if err != nil || *got != (NoteFull{ID: full.ID, Title: "t2", Body: "b2", Author: "ann"}) {
			t.Fatalf("after the views' updates: %+v, %v", got, err)
		}
		// A column of the table the list view lacks: known from NoteFull,
		// and one no model has (added behind rx's back): both read by
		// Scan into a struct that has them, refused by All.
		if _, err := db.Exec(ctx, "ALTER TABLE view_note ADD COLUMN extra VARCHAR(20)"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, "UPDATE view_note SET extra = 'x1'"); err != nil {
			t.Fatal(err)
		}
		type row struct {
			ID     int64
			Author string
			Extra  string
		}
		rows, err := rx.Scan[row](ctx, rx.Select[NoteList](db).Columns("id", "author", "view_note.extra").Where(rx.Eq{"author": "ann"}))
		if err != nil || len(rows) != 1 || rows[0] != (row{full.ID, "ann", "x1"}) {
			t.Errorf("Scan of columns NoteList lacks: %+v, %v", rows, err)
		}
		var ce *rx.ColumnError
		if _, err := rx.Select[NoteList](db).Columns("id", "extra").All(ctx); !errors.As(err, &ce) {
			t.Errorf("All into NoteList of a column it lacks: %v; want a ColumnError", err)
		}
		type narrow struct{ ID int64 }
		if _, err := rx.Scan[narrow](ctx, rx.Select[NoteList](db).Columns("id", "extrra")); !errors.As(err, &ce) || !strings.Contains(err.Error(), "no field for it") {
			t.Errorf("Scan of a column neither a model nor the struct has: %v; want a ColumnError before the SQL", err)
		}
		switch db.Dialect().Name() {
		case "sqlite":
			checkReach[onSQLite](t, db)
		case "mysql":
			checkReach[onMySQL](t, db)
		default:
			checkReach[onPostgres](t, db)
		}
	})
}

// checkReach names reachB[D]'s table in a query of reachA[D] before
// anything has used reachB[D]: it is found through the relation field.
func checkReach[D dialectMarker](t *testing.T, db *rx.DB) {
	t.Helper()
	ctx := context.Background()
	var d D
	bTable := "reach_b_" + d.tag()
	if schema.Lookup(bTable) != nil {
		t.Fatalf("%s is registered already: the test must meet it first", bTable)
	}
	q := rx.Select[reachA[D]](db).Join("JOIN " + bTable + " ON " + bTable + ".id = reach_a_" + d.tag() + ".b_id").
		Where(rx.Eq{bTable + ".name": "bee"})
	if err := db.CreateAll(ctx, &reachB[D]{}, &reachA[D]{}); err != nil {
		t.Fatal(err)
	}
	b := &reachB[D]{Name: "bee"}
	if err := db.Insert(ctx, b); err != nil {
		t.Fatal(err)
	}
	if err := db.Insert(ctx, &reachA[D]{BID: b.ID, Note: "a1"}, &reachA[D]{BID: b.ID, Note: "a2"}); err != nil {
		t.Fatal(err)
	}
	as, err := q.All(ctx)
	if err != nil || len(as) != 2 {
		t.Errorf("%s.name of a model not met yet: %d rows, %v", bTable, len(as), err)
	}
}

func mustTable(t *testing.T, model any) *schema.Table {
	t.Helper()
	tbl, err := schema.TableOf(model)
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}
