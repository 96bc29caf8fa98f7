package rx_test

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// SlicesCode has a natural key: FirstOrCreate cannot tell a created row
// by a generated key.
type SlicesCode struct {
	Code string `rx:"pk,size=64"`
	Name string
}

// SlicesMember has a composite unique key.
type SlicesMember struct {
	rx.Model
	Org    int64 `rx:"unique=ux_slices_member"`
	Person int64 `rx:"unique=ux_slices_member"`
	Role   string
	Nick   *string `rx:"unique,size=32"`
}

// SlicesColor is SlicesTag with a value that FirstOrCreate does not look
// the row up by.
type SlicesColor struct {
	rx.Model
	Label string `rx:"unique,size=64"`
	Color string
}

// FirstOrCreate inserts the row once and then finds it, by a generated
// key's model, a natural key's and a composite unique key, on a *DB and in
// a session: one statement when it creates, two when it finds.
func TestSlicesFirstOrCreate(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx, c := slicesSetUp(t, db, &SlicesColor{}, &SlicesCode{}, &SlicesMember{})
		c.take()
		blue := &SlicesColor{Label: "go", Color: "blue"}
		got, created, err := rx.FirstOrCreate(ctx, db, blue, "label")
		if err != nil || !created || got != blue || blue.ID == 0 {
			t.Fatalf("first call: %+v, %v, %v: want the row given, created, its key set", got, created, err)
		}
		if _, n := c.take(); n != 1 {
			t.Fatalf("creating sent %d statements, want 1", n)
		}
		red := &SlicesColor{Label: "go", Color: "red"}
		got, created, err = rx.FirstOrCreate(ctx, db, red, "label")
		if err != nil || created || got.ID != blue.ID || got.Color != "blue" || red.ID != 0 || red.Color != "red" {
			t.Fatalf("second call: %+v, %v, %v (row given %+v): want the stored row, not created, the row given untouched", got, created, err, red)
		}
		if _, n := c.take(); n != 2 {
			t.Fatalf("finding sent %d statements, want 2", n)
		}
		err = db.WithSession(ctx, func(s *rx.Session) error {
			for i, want := range []bool{true, false} {
				code, created, err := rx.FirstOrCreate(ctx, s, &SlicesCode{Code: "EUR", Name: "euro"}, "code")
				if err != nil || created != want || code.Name != "euro" {
					t.Errorf("code call %d: %+v, %v, %v: want created=%v", i, code, created, err, want)
				}
				m, created, err := rx.FirstOrCreate(ctx, s, &SlicesMember{Org: 1, Person: 2, Role: "admin"}, "person", "org")
				if err != nil || created != want || m.ID == 0 || m.Role != "admin" {
					t.Errorf("member call %d: %+v, %v, %v: want created=%v", i, m, created, err, want)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := rx.Select[SlicesMember](db).Count(ctx); n != 1 || err != nil {
			t.Fatalf("%d members, %v: want 1", n, err)
		}
	})
}

// Sixteen goroutines calling FirstOrCreate on one key at once: exactly one
// creates the row, and every one returns it. On a *DB (autocommit) and in
// sessions, with a generated key and with a natural one.
func TestSlicesFirstOrCreateConcurrent(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx, _ := slicesSetUp(t, db, &SlicesColor{}, &SlicesCode{})
		calls := map[string]func(q rx.Querier, key string) (string, bool, error){
			"generated key": func(q rx.Querier, key string) (string, bool, error) {
				row, created, err := rx.FirstOrCreate(ctx, q, &SlicesColor{Label: key}, "label")
				if err != nil {
					return "", false, err
				}
				return strconv.FormatInt(row.ID, 10), created, nil
			},
			"natural key": func(q rx.Querier, key string) (string, bool, error) {
				row, created, err := rx.FirstOrCreate(ctx, q, &SlicesCode{Code: key, Name: "n"}, "code")
				if err != nil || row.Name != "n" {
					return "", false, err
				}
				return row.Code, created, nil
			},
		}
		for name, call := range calls {
			for _, inSession := range []bool{false, true} {
				key := fmt.Sprintf("%s, session %v", name, inSession)
				keys, created := slicesRace(t, 16, func() (string, bool, error) {
					if !inSession {
						return call(db, key)
					}
					var got string
					var made bool
					err := db.WithSession(ctx, func(s *rx.Session) error {
						var err error
						got, made, err = call(s, key)
						return err
					})
					return got, made, err
				})
				if created != 1 || len(keys) != 1 {
					t.Errorf("%s: %d calls created the row, keys returned %v: want exactly 1, and one key", key, created, keys)
				}
			}
		}
	})
}

// slicesRace runs call n times at once and returns the distinct keys
// returned and how many calls reported a row created.
func slicesRace(t *testing.T, n int, call func() (string, bool, error)) (map[string]bool, int) {
	t.Helper()
	var (
		mu      sync.Mutex
		keys    = map[string]bool{}
		created int
		wg      sync.WaitGroup
		start   = make(chan struct{})
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			key, made, err := call()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				t.Errorf("call %d: %v", i, err)
				return
			}
			keys[key] = true
			if made {
				created++
			}
		}()
	}
	close(start)
	wg.Wait()
	return keys, created
}

// Bad calls are refused before any SQL, naming the column and the fix.
func TestSlicesFirstOrCreateRefuses(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx, c := slicesSetUp(t, db, &SlicesColor{}, &SlicesMember{})
		c.take()
		cases := []struct {
			call func() error
			want string
		}{
			{func() error { _, _, err := rx.FirstOrCreate(ctx, db, &SlicesColor{}, "color"); return err }, `column "color": FirstOrCreate needs a unique key on exactly these columns`},
			{func() error { _, _, err := rx.FirstOrCreate(ctx, db, &SlicesColor{}, "label", "color"); return err }, "(unique keys: id; label)"},
			{func() error { _, _, err := rx.FirstOrCreate(ctx, db, &SlicesMember{}, "org"); return err }, "(unique keys: id; nick; org, person)"},
			{func() error { _, _, err := rx.FirstOrCreate(ctx, db, &SlicesColor{}, "colour"); return err }, `column "colour": no such column`},
			{func() error { _, _, err := rx.FirstOrCreate(ctx, db, &SlicesColor{}); return err }, "needs the columns of a unique key"},
			{func() error { _, _, err := rx.FirstOrCreate[SlicesColor](ctx, db, nil, "label"); return err }, "nil row"},
			{func() error { _, _, err := rx.FirstOrCreate(ctx, db, &SlicesMember{}, "nick"); return err }, `column "nick": FirstOrCreate looks the row up by this column, which is NULL`},
		}
		for i, tc := range cases {
			if err := tc.call(); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("case %d: %v, want %q", i, err, tc.want)
			}
		}
		if _, n := c.take(); n != 0 {
			t.Fatalf("refused calls sent %d statements, want none", n)
		}
		// A conflict on another unique key than the one named: the row
		// cannot be found by it, and the error says why.
		nick := "n"
		if _, _, err := rx.FirstOrCreate(ctx, db, &SlicesMember{Org: 1, Person: 1, Nick: &nick}, "org", "person"); err != nil {
			t.Fatal(err)
		}
		_, _, err := rx.FirstOrCreate(ctx, db, &SlicesMember{Org: 2, Person: 2, Nick: &nick}, "org", "person")
		if err == nil || !strings.Contains(err.Error(), "conflicted on another unique key") && !errors.Is(err, rx.ErrUniqueViolation) {
			t.Fatalf("conflict on another key: %v", err)
		}
	})
}

// FirstOrCreate reads the row it did not create on the primary, never on
// a read pool, which may not have it yet; Pluck, a plain read, goes to
// the read pool.
func TestSlicesFirstOrCreateReadsPrimary(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			u := rxtest.FreshURL(t, d)
			writer, _ := rxtest.OpenSQLAt(t, d, u)
			reader, _ := rxtest.OpenSQLAt(t, d, u)
			db, err := rx.WrapSQL(writer, rx.WithReadPool(reader))
			if err != nil {
				t.Fatal(err)
			}
			ctx, _ := slicesSetUp(t, db, &SlicesColor{}, &SlicesCode{})
			rec := &recorder{}
			db.AddQueryHook(rec)
			ops := map[string]func() error{
				"FirstOrCreate": func() error {
					for range 2 {
						if _, _, err := rx.FirstOrCreate(ctx, db, &SlicesColor{Label: "p"}, "label"); err != nil {
							return err
						}
						if _, _, err := rx.FirstOrCreate(ctx, db, &SlicesCode{Code: "p"}, "code"); err != nil {
							return err
						}
					}
					return nil
				},
			}
			checkRoutes(t, rec, ops, "primary")
			checkRoutes(t, rec, map[string]func() error{"Pluck": func() error {
				labels, err := rx.Pluck[string](ctx, rx.Select[SlicesColor](db), "label")
				if err == nil && len(labels) != 1 {
					t.Errorf("labels %q, want one", labels)
				}
				return err
			}}, "read pool 1")
		})
	}
}

// In a REPEATABLE READ session whose snapshot predates a row another
// transaction committed, FirstOrCreate still ends with that row: on MySQL
// the locking read sees it (a plain read would not); on PostgreSQL the
// conflict is a serialization failure, ErrRetryable, and the retried
// callback finds it. SQLite has no concurrent writer to race with: a
// read-write session holds the write lock from its BEGIN.
func TestSlicesFirstOrCreateAfterSnapshot(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		if db.Dialect().Name() == "sqlite" {
			t.Skip("a SQLite read-write session excludes every other writer from its BEGIN")
		}
		ctx, _ := slicesSetUp(t, db, &SlicesColor{})
		attempts, created := 0, true
		var got *SlicesColor
		err := db.WithSession(ctx, func(s *rx.Session) error {
			attempts++
			if _, err := rx.Select[SlicesColor](s).Count(ctx); err != nil { // the snapshot
				return err
			}
			if attempts == 1 {
				done := make(chan error)
				go func() { done <- db.Insert(ctx, &SlicesColor{Label: "snap", Color: "theirs"}) }()
				if err := <-done; err != nil {
					return err
				}
			}
			var err error
			got, created, err = rx.FirstOrCreate(ctx, s, &SlicesColor{Label: "snap", Color: "ours"}, "label")
			return err
		}, rx.Isolation(sql.LevelRepeatableRead), rx.Retry(1))
		if err != nil {
			t.Fatal(err)
		}
		if created || got.Color != "theirs" {
			t.Fatalf("%+v, created %v: want the row the other transaction committed", got, created)
		}
		want := map[string]int{"mysql": 1, "postgres": 2}[db.Dialect().Name()]
		if attempts != want {
			t.Fatalf("%d attempts, want %d", attempts, want)
		}
	})
}
