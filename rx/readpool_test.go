package rx_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// TestReadPool wraps a writer and a reader pool on one database (on
// SQLite, one file, as applications with separate reader and writer pools
// do) and proves the routing by closing the writer: reads still work,
// because they go to the reader, and writes fail, because they do not.
// Closing the reader instead fails the reads.
func TestReadPool(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			u := rxtest.FreshURL(t, d)
			writer, _ := rxtest.OpenSQLAt(t, d, u)
			reader, _ := rxtest.OpenSQLAt(t, d, u)
			db, err := rx.WrapSQL(writer, rx.WithReadPool(reader))
			if err != nil {
				t.Fatal(err)
			}
			if err := db.CreateAll(ctx, &User{}); err != nil {
				t.Fatal(err)
			}
			ann := &User{Username: "ann"}
			if err := db.Insert(ctx, ann); err != nil {
				t.Fatal(err)
			}
			if err := db.WithSession(ctx, func(s *rx.Session) error { return s.Add(&User{Username: "bob"}) }); err != nil {
				t.Fatal(err)
			}
			q := db.Dialect().Quote
			byName := "SELECT * FROM " + q("user") + " WHERE " + q("username") + " = 'ann'"
			reads := map[string]func() error{
				"Get":   func() error { _, err := rx.Get[User](ctx, db, ann.ID); return err },
				"All":   func() error { _, err := rx.Select[User](db).All(ctx); return err },
				"One":   func() error { _, err := rx.Select[User](db).Where(rx.Eq{"username": "ann"}).One(ctx); return err },
				"First": func() error { _, err := rx.Select[User](db).First(ctx); return err },
				"Count": func() error {
					n, err := rx.Select[User](db).Count(ctx)
					if err == nil && n != 2 {
						t.Errorf("Count = %d, want 2", n)
					}
					return err
				},
				"Exists": func() error { _, err := rx.Select[User](db).Exists(ctx); return err },
				"Iter": func() error {
					for _, err := range rx.Select[User](db).Iter(ctx) {
						return err
					}
					return nil
				},
				"Query":    func() error { _, err := rx.Query[User](ctx, db, byName); return err },
				"QueryOne": func() error { _, err := rx.QueryOne[User](ctx, db, byName); return err },
				"ReadOnly session": func() error {
					return db.WithSession(ctx, func(s *rx.Session) error {
						_, err := rx.Get[User](ctx, s, ann.ID)
						return err
					}, rx.ReadOnly())
				},
			}
			writes := map[string]func() error{
				"Insert":             func() error { return db.Insert(ctx, &User{Username: "cy"}) },
				"Update":             func() error { return db.Update(ctx, ann) },
				"Update builder":     func() error { _, err := rx.Update[User](db).Set("email", "x").All().Exec(ctx); return err },
				"read-write session": func() error { return db.WithSession(ctx, func(*rx.Session) error { return nil }) },
				"raw Query": func() error {
					rows, err := db.Query(ctx, byName)
					if err == nil {
						rows.Close()
					}
					return err
				},
			}
			for name, read := range reads {
				if err := read(); err != nil {
					t.Errorf("%s with both pools open: %v", name, err)
				}
			}
			writer.Close()
			for name, read := range reads {
				if err := read(); err != nil {
					t.Errorf("%s with the writer closed: %v; want it served by the read pool", name, err)
				}
			}
			for name, write := range writes {
				if err := write(); err == nil {
					t.Errorf("%s with the writer closed succeeded; want it sent to the writer", name)
				}
			}
			reader.Close()
			for name, read := range reads {
				if err := read(); err == nil {
					t.Errorf("%s with the reader closed succeeded; want it sent to the reader", name)
				}
			}
		})
	}
}

func TestReadPoolNil(t *testing.T) {
	writer, _ := rxtest.OpenSQL(t, "sqlite")
	if _, err := rx.WrapSQL(writer, rx.WithReadPool(nil)); err == nil || !strings.Contains(err.Error(), "WithReadPool needs an open *sql.DB") {
		t.Fatalf("WithReadPool(nil) = %v, want an error naming it", err)
	}
}

// TestReadPoolsTakeTurns: with two read pools, consecutive reads
// alternate, so with one of them closed exactly every other read fails.
func TestReadPoolsTakeTurns(t *testing.T) {
	ctx := context.Background()
	u := rxtest.FreshURL(t, "sqlite")
	writer, _ := rxtest.OpenSQLAt(t, "sqlite", u)
	r1, _ := rxtest.OpenSQLAt(t, "sqlite", u)
	r2, _ := rxtest.OpenSQLAt(t, "sqlite", u)
	db, err := rx.WrapSQL(writer, rx.WithReadPool(r1), rx.WithReadPool(r2))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateAll(ctx, &User{}); err != nil {
		t.Fatal(err)
	}
	r2.Close()
	var failed []bool
	for range 6 {
		_, err := rx.Select[User](db).All(ctx)
		failed = append(failed, err != nil)
	}
	for i := 1; i < len(failed); i++ {
		if failed[i] == failed[i-1] {
			t.Fatalf("reads failed %v with one of two read pools closed; want them to alternate", failed)
		}
	}
}
