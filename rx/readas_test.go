package rx_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// ReadAs has a field of each destination that takes a column's text:
// ColumnExpr fills S, P, N and C from one expression.
type ReadAs struct {
	ID     int64
	S      string
	P      *string
	N      sql.NullString
	C      sawValue
	Amount string `rx:"type=NUMERIC(40,10)"`
	Name   string
	Gone   *string
}

// sawValue is a sql.Scanner written for database/sql: it records the
// driver.Value it is handed, type and all.
type sawValue struct{ Got string }

func (v *sawValue) Scan(src any) error {
	v.Got = fmt.Sprintf("%T %v", src, src)
	return nil
}

func (v sawValue) Value() (driver.Value, error) { return v.Got, nil }

// TestReadsAsDatabaseSQL: All, First, One, Query and QueryOne give a
// string, a *string, a sql.NullString and a sql.Scanner exactly what
// database/sql gives them from the same expression: a boolean
// ColumnExpr, a NUMERIC(40,10) zero (its scale kept), text, an integer,
// NULL. On PostgreSQL these reads take the native path, which read a
// boolean into a string field not at all and the zero as "0".
func TestReadsAsDatabaseSQL(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &ReadAs{}); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, &ReadAs{Amount: "0", Name: "hé"}); err != nil {
			t.Fatal(err)
		}
		for _, e := range []string{"id > 0", "amount", "name", "id"} {
			readsAs(t, ctx, db, e, []string{"s", "p", "n", "c"})
		}
		readsAs(t, ctx, db, "gone", []string{"p", "n", "c"}) // NULL
	})
}

// readsAs reads expr as each of the aliases (fields of ReadAs) through
// rx and through database/sql, and fails on any difference.
func readsAs(t *testing.T, ctx context.Context, db *rx.DB, expr string, aliases []string) {
	t.Helper()
	q := rx.Select[ReadAs](db).Columns("id")
	list := "id"
	for _, a := range aliases {
		q = q.ColumnExpr(a, expr)
		list += ", " + expr + " AS " + db.Dialect().Quote(a)
	}
	raw := "SELECT " + list + " FROM read_as"
	var want ReadAs
	wv := reflect.ValueOf(&want).Elem()
	dest := []any{&want.ID}
	for _, a := range aliases {
		dest = append(dest, wv.FieldByName(map[string]string{"s": "S", "p": "P", "n": "N", "c": "C"}[a]).Addr().Interface())
	}
	if err := db.SQL().QueryRowContext(ctx, raw).Scan(dest...); err != nil {
		t.Fatalf("database/sql reading %s: %v", expr, err)
	}
	one := func(all []ReadAs, err error) (*ReadAs, error) {
		if err == nil && len(all) != 1 {
			err = fmt.Errorf("%d rows, want 1", len(all))
		}
		if err != nil {
			return nil, err
		}
		return &all[0], nil
	}
	for name, read := range map[string]func() (*ReadAs, error){
		"All":      func() (*ReadAs, error) { return one(q.All(ctx)) },
		"First":    func() (*ReadAs, error) { return q.First(ctx) },
		"One":      func() (*ReadAs, error) { return q.One(ctx) },
		"Query":    func() (*ReadAs, error) { return one(rx.Query[ReadAs](ctx, db, raw)) },
		"QueryOne": func() (*ReadAs, error) { return rx.QueryOne[ReadAs](ctx, db, raw) },
	} {
		got, err := read()
		if err != nil {
			t.Errorf("%s of %s: %v", name, expr, err)
			continue
		}
		if !reflect.DeepEqual(*got, want) {
			t.Errorf("%s of %s read %s, database/sql %s", name, expr, showReadAs(*got), showReadAs(want))
		}
	}
}

func showReadAs(r ReadAs) string {
	p := "nil"
	if r.P != nil {
		p = fmt.Sprintf("%q", *r.P)
	}
	return fmt.Sprintf("{S:%q P:%s N:%+v C:%q}", r.S, p, r.N, r.C.Got)
}
