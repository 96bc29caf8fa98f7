package postgres_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/drivers/postgres"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type Gadget struct {
	ID    int64
	Name  string `rx:"unique"`
	Price uint32
	Tags  []string `rx:"json"`
}

// seen records the statements that take the native path. The tests of
// this file do not run in parallel: the hook is the package's.
type seen struct {
	mu sync.Mutex
	qs []string
}

func watch(t *testing.T) *seen {
	s := &seen{}
	postgres.SetNativeSeen(func(q string) {
		s.mu.Lock()
		s.qs = append(s.qs, q)
		s.mu.Unlock()
	})
	t.Cleanup(func() { postgres.SetNativeSeen(nil) })
	return s
}

// took returns the statements seen since the last call.
func (s *seen) took() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	qs := s.qs
	s.qs = nil
	return qs
}

// TestNativePath: rx's statements on a pool it opened with pgx run on
// pgx's native interface, in autocommit and in a read-write session, and
// come back as they did through database/sql.
func TestNativePath(t *testing.T) {
	ctx := context.Background()
	db := rxtest.Open(t, "postgres")
	if err := db.CreateAll(ctx, &Gadget{}); err != nil {
		t.Fatal(err)
	}
	s := watch(t)
	expect := func(what string, n int, prefix string) {
		t.Helper()
		qs := s.took()
		if len(qs) != n {
			t.Fatalf("%s: %d statements took the native path (%q), want %d", what, len(qs), qs, n)
		}
		for _, q := range qs {
			if !strings.HasPrefix(q, prefix) {
				t.Fatalf("%s: native statement %q, want %s", what, q, prefix)
			}
		}
	}

	g := &Gadget{Name: "a", Price: 4000000000, Tags: []string{"x", "y"}}
	if err := db.Insert(ctx, g); err != nil {
		t.Fatal(err)
	}
	expect("Insert", 1, "INSERT")
	if g.ID == 0 {
		t.Fatal("Insert set no key")
	}
	got, err := rx.Get[Gadget](ctx, db, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	expect("Get", 1, "SELECT")
	if got.Name != "a" || got.Price != 4000000000 || len(got.Tags) != 2 || got.Tags[1] != "y" {
		t.Fatalf("Get = %+v, want %+v", got, g)
	}
	if _, err := rx.Get[Gadget](ctx, db, g.ID+100); !errors.Is(err, rx.ErrNotFound) {
		t.Fatalf("Get of a missing key = %v, want ErrNotFound", err)
	}
	expect("Get missing", 1, "SELECT")
	g.Price = 7
	if err := db.Update(ctx, g); err != nil {
		t.Fatal(err)
	}
	expect("Update", 1, "UPDATE")
	all, err := rx.Select[Gadget](db).OrderBy("id").All(ctx)
	if err != nil || len(all) != 1 || all[0].Price != 7 {
		t.Fatalf("All = %+v, %v; want the one gadget with price 7", all, err)
	}
	expect("All", 1, "SELECT")
	if _, err := rx.Select[Gadget](db).Where(rx.Eq{"name": "none"}).First(ctx); !errors.Is(err, rx.ErrNotFound) {
		t.Fatalf("First of nothing = %v, want ErrNotFound", err)
	}
	expect("First", 1, "SELECT")
	if _, err := rx.Select[Gadget](db).Where(rx.Eq{"name": "a"}).One(ctx); err != nil {
		t.Fatal(err)
	}
	expect("One", 1, "SELECT")
	type nameOnly struct{ Name string }
	names, err := rx.Query[nameOnly](ctx, db, `SELECT name FROM gadget WHERE price = $1`, 7)
	if err != nil || len(names) != 1 || names[0].Name != "a" {
		t.Fatalf("Query = %+v, %v; want [{a}]", names, err)
	}
	expect("Query", 1, "SELECT")
	if _, err := rx.QueryOne[nameOnly](ctx, db, `SELECT name, price FROM gadget`); err == nil || !strings.Contains(err.Error(), "price") {
		t.Fatalf("QueryOne of a column without a field = %v, want an error naming it", err)
	}
	expect("QueryOne", 1, "SELECT")
	if _, err := rx.QueryOne[nameOnly](ctx, db, `SELECT name FROM gadget WHERE false`); !errors.Is(err, rx.ErrNotFound) {
		t.Fatalf("QueryOne of nothing = %v, want ErrNotFound", err)
	}
	expect("QueryOne", 1, "SELECT")

	err = db.Insert(ctx, &Gadget{Name: "a"})
	if code, _ := dialect.ServerCodeOf(err); !errors.Is(err, rx.ErrUniqueViolation) || code.SQLState != "23505" {
		t.Fatalf("duplicate Insert = %v (code %v), want ErrUniqueViolation, 23505", err, code)
	}
	expect("duplicate Insert", 1, "INSERT")

	err = db.WithSession(ctx, func(se *rx.Session) error {
		if err := se.Insert(ctx, &Gadget{Name: "b"}); err != nil {
			return err
		}
		_, err := rx.Select[Gadget](se).All(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	expect("session", 2, "")

	if err := db.Delete(ctx, g); err != nil {
		t.Fatal(err)
	}
	expect("Delete", 1, "DELETE")
}

// TestNativePathFallback: where rx cannot reach the connection, a
// transaction joined with JoinTx, its statements go through database/sql;
// a read-only session on the primary has a connection of its own, as a
// read-write one has, and takes the native path.
func TestNativePathFallback(t *testing.T) {
	ctx := context.Background()
	db := rxtest.Open(t, "postgres")
	if err := db.CreateAll(ctx, &Gadget{}); err != nil {
		t.Fatal(err)
	}
	s := watch(t)
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	err = db.JoinSQLTx(ctx, tx, func(se *rx.Session) error {
		g := &Gadget{Name: "joined"}
		if err := se.Insert(ctx, g); err != nil {
			return err
		}
		_, err := rx.Get[Gadget](ctx, se, g.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if qs := s.took(); len(qs) != 0 {
		t.Fatalf("a joined transaction sent %q on the native path, want database/sql", qs)
	}
	err = db.WithSession(ctx, func(se *rx.Session) error {
		_, err := rx.Select[Gadget](se).All(ctx)
		return err
	}, rx.ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	if qs := s.took(); len(qs) != 1 || !strings.HasPrefix(qs[0], "SELECT") {
		t.Fatalf("a read-only session sent %q on the native path, want its SELECT", qs)
	}
}

// TestNativeKilledConnection: an autocommit statement that meets a
// connection the server ended fails or is retried, and the dead
// connection is not lent again: the next statement runs on a new one.
func TestNativeKilledConnection(t *testing.T) {
	ctx := context.Background()
	u := rxtest.FreshURL(t, "postgres")
	db, admin := rxtest.OpenURL(t, u), rxtest.OpenURL(t, u)
	if err := db.CreateAll(ctx, &Gadget{}); err != nil {
		t.Fatal(err)
	}
	db.SQL().SetMaxOpenConns(1)
	s := watch(t)
	type backend struct{ Pid int64 }
	pid := func() (int64, error) {
		b, err := rx.QueryOne[backend](ctx, db, "SELECT pg_backend_pid() AS pid")
		if err != nil {
			return 0, err
		}
		return b.Pid, nil
	}
	before, err := pid()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, "SELECT pg_terminate_backend($1, 10000)", before); err != nil {
		t.Fatal(err)
	}
	_, err = rx.Select[Gadget](db).All(ctx)
	t.Logf("the statement on the killed connection: %v", err)
	after, err := pid()
	if err != nil {
		t.Fatalf("the statement after the one on the killed connection: %v", err)
	}
	if after == before {
		t.Fatalf("backend %d was killed, yet the next statement ran on it", before)
	}
	if qs := s.took(); len(qs) < 3 {
		t.Fatalf("statements on the native path: %q, want the three", qs)
	}
}

// servers records QueryEvent.Server of every statement.
type servers struct {
	mu  sync.Mutex
	got []string
}

func (s *servers) BeforeQuery(ctx context.Context, _ *rx.QueryEvent) context.Context { return ctx }
func (s *servers) AfterQuery(_ context.Context, ev *rx.QueryEvent) {
	s.mu.Lock()
	s.got = append(s.got, ev.Server)
	s.mu.Unlock()
}

// TestNativeReadPool: on a pool wrapped with a pgx read pool, autocommit
// reads take the native path on the read pool, and when the read pool
// cannot be reached they go on to the primary, natively too, as
// database/sql reads do. A read pool its owner closed does not fail
// over: the read returns its error.
func TestNativeReadPool(t *testing.T) {
	ctx := context.Background()
	u := rxtest.FreshURL(t, "postgres")
	writer, _ := rxtest.OpenSQLAt(t, "postgres", u)
	reader, _ := rxtest.OpenSQLAt(t, "postgres", u)
	dead, _ := rxtest.OpenSQLAt(t, "postgres", "postgresql://postgres@127.0.0.1:1/rx")
	db, err := rx.WrapSQL(writer, rx.WithReadPool(reader))
	if err != nil {
		t.Fatal(err)
	}
	down, err := rx.WrapSQL(writer, rx.WithReadPool(dead))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateAll(ctx, &Gadget{}); err != nil {
		t.Fatal(err)
	}
	g := &Gadget{Name: "r"}
	if err := db.Insert(ctx, g); err != nil {
		t.Fatal(err)
	}
	rec := &servers{}
	db.AddQueryHook(rec)
	down.AddQueryHook(rec)
	s := watch(t)
	if _, err := rx.Get[Gadget](ctx, db, g.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := rx.Get[Gadget](ctx, down, g.ID); err != nil {
		t.Fatalf("Get with the read pool unreachable: %v, want the primary to answer", err)
	}
	want := []string{"read pool 1", "read pool 1", "primary"}
	rec.mu.Lock()
	got := strings.Join(rec.got, ",")
	rec.mu.Unlock()
	if got != strings.Join(want, ",") {
		t.Fatalf("reads ran on %s, want %q", got, want)
	}
	if qs := s.took(); len(qs) != 2 {
		t.Fatalf("native statements: %q, want the read on the read pool and the one on the primary", qs)
	}
	reader.Close()
	if _, err := rx.Get[Gadget](ctx, db, g.ID); err == nil || !strings.Contains(err.Error(), "database is closed") {
		t.Fatalf("Get with the read pool closed: %v, want its error", err)
	}
}
