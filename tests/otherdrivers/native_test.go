package otherdrivers

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/lib/pq"
	"github.com/rxgo/rxdb/dialect/pgdialect"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// TestLibPQKeepsDatabaseSQL: this test binary also links rx's pgx driver,
// whose native path would refuse lib/pq's connections ("the native path
// needs a pgx connection"). On a lib/pq pool every kind of statement
// still runs, so rx took database/sql for each: autocommit and in a
// session, reads, RETURNING, updates, deletes and Query[T].
func TestLibPQKeepsDatabaseSQL(t *testing.T) {
	ctx := context.Background()
	db := wrap(t, pqPool(t), pgdialect.Dialect{})
	a := &account{Email: "a@x"}
	if err := db.Insert(ctx, a); err != nil || a.ID == 0 {
		t.Fatalf("Insert: %v, key %d", err, a.ID)
	}
	if got, err := rx.Get[account](ctx, db, a.ID); err != nil || got.Email != "a@x" {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if _, err := rx.Get[account](ctx, db, a.ID+1); !errors.Is(err, rx.ErrNotFound) {
		t.Fatalf("Get of a missing key = %v, want ErrNotFound", err)
	}
	a.Email = "b@x"
	if err := db.Update(ctx, a); err != nil {
		t.Fatal(err)
	}
	type email struct{ Email string }
	if got, err := rx.Query[email](ctx, db, "SELECT email FROM account"); err != nil || len(got) != 1 || got[0].Email != "b@x" {
		t.Fatalf("Query = %+v, %v", got, err)
	}
	err := db.WithSession(ctx, func(s *rx.Session) error {
		if err := s.Insert(ctx, &account{Email: "c@x"}); err != nil {
			return err
		}
		all, err := rx.Select[account](s).OrderBy("id").All(ctx)
		if err == nil && len(all) != 2 {
			t.Errorf("All in the session = %+v, want two rows", all)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Delete(ctx, a); err != nil {
		t.Fatal(err)
	}
}

// Tagged holds a pq.StringArray, a sql.Scanner written for database/sql.
type Tagged struct {
	ID   int64
	Tags pq.StringArray `rx:"type=text[]"`
}

// TestNativeStringArray: on rx's own pgx pool, where reads take the
// native path, a pq.StringArray reads the array as database/sql hands
// it over (its text), as on lib/pq, instead of pgx's binary wire bytes.
func TestNativeStringArray(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := rxtest.Open(t, "postgres")
	if err := db.CreateAll(ctx, &Tagged{}); err != nil {
		t.Fatal(err)
	}
	in := &Tagged{Tags: pq.StringArray{"a", "b,c", `d"e`}}
	if err := db.Insert(ctx, in); err != nil {
		t.Fatal(err)
	}
	got, err := rx.Get[Tagged](ctx, db, in.ID)
	if err != nil || !reflect.DeepEqual(got.Tags, in.Tags) {
		t.Fatalf("Get = %+v, %v; want %v", got, err, in.Tags)
	}
	all, err := rx.Select[Tagged](db).All(ctx)
	if err != nil || len(all) != 1 || !reflect.DeepEqual(all[0].Tags, in.Tags) {
		t.Fatalf("All = %+v, %v; want %v", all, err, in.Tags)
	}
}
