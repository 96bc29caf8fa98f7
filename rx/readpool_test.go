package rx_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// servers returns the distinct servers of the statements recorded since
// the last call, and forgets them.
func (r *recorder) servers() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, ev := range r.events {
		if !slices.Contains(out, ev.Server) {
			out = append(out, ev.Server)
		}
	}
	r.events = nil
	return out
}

// readsAndWrites are the operations whose routing the read-pool tests
// check: reads may go to a read pool, writes never.
func readsAndWrites(t *testing.T, ctx context.Context, db *rx.DB) (reads, writes map[string]func() error) {
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
	reads = map[string]func() error{
		"Get":   func() error { _, err := rx.Get[User](ctx, db, ann.ID); return err },
		"All":   func() error { _, err := rx.Select[User](db).All(ctx); return err },
		"One":   func() error { _, err := rx.Select[User](db).Where(rx.Eq{"username": "ann"}).One(ctx); return err },
		"First": func() error { _, err := rx.Select[User](db).First(ctx); return err },
		"Count": func() error {
			n, err := rx.Select[User](db).Count(ctx)
			if err == nil && n < 2 {
				t.Errorf("Count = %d, want at least 2", n)
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
	writes = map[string]func() error{
		"Insert":             func() error { return db.Insert(ctx, &User{Username: "cy" + strconv.Itoa(rand.Int())}) },
		"Update":             func() error { return db.Update(ctx, ann) },
		"Update builder":     func() error { _, err := rx.Update[User](db).Set("email", "x").All().Exec(ctx); return err },
		"read-write session": func() error { return db.WithSession(ctx, func(*rx.Session) error { return nil }) },
		"ReadOnly session with Primary": func() error {
			return db.WithSession(ctx, func(s *rx.Session) error {
				_, err := rx.Get[User](ctx, s, ann.ID)
				return err
			}, rx.ReadOnly(), rx.Primary())
		},
		"raw Query": func() error {
			rows, err := db.Query(ctx, byName)
			if err == nil {
				rows.Close()
			}
			return err
		},
	}
	return reads, writes
}

// checkRoutes runs each operation and checks, through the query hook,
// which server ran all of its statements.
func checkRoutes(t *testing.T, rec *recorder, ops map[string]func() error, want string) {
	t.Helper()
	rec.servers()
	for name, op := range ops {
		if err := op(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if got := rec.servers(); len(got) != 1 || got[0] != want {
			t.Errorf("%s ran on %q, want only %q", name, got, want)
		}
	}
}

// TestReadPool wraps a writer and a reader pool on one database (on
// SQLite, one file, as applications with separate reader and writer pools
// do) and checks through the query hook where each operation runs; with
// the reader closed, reads fail (TestClosedReadPoolDoesNotFailOver).
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
			rec := &recorder{}
			db.AddQueryHook(rec)
			reads, writes := readsAndWrites(t, ctx, db)
			checkRoutes(t, rec, reads, "read pool 1")
			checkRoutes(t, rec, writes, "primary")
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
// alternate.
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
	rec := &recorder{}
	db.AddQueryHook(rec)
	servers := func() (out []string) {
		for range 6 {
			if _, err := rx.Select[User](db).All(ctx); err != nil {
				t.Fatal(err)
			}
			out = append(out, rec.servers()...)
		}
		return out
	}
	got := servers()
	for i := 1; i < len(got); i++ {
		if got[i] == got[i-1] {
			t.Fatalf("reads ran on %v; want the two read pools to alternate", got)
		}
	}
}
