package rx_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type SlicesNote struct {
	rx.Model
	Title string
}

type SlicesTag struct {
	rx.Model
	Label string `rx:"unique"`
}

// slicesCounter counts the statements rx sends, by their first word.
type slicesCounter struct {
	mu    sync.Mutex
	verbs map[string]int
	all   int
}

func (c *slicesCounter) BeforeQuery(ctx context.Context, _ *rx.QueryEvent) context.Context {
	return ctx
}

func (c *slicesCounter) AfterQuery(_ context.Context, ev *rx.QueryEvent) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.verbs == nil {
		c.verbs = map[string]int{}
	}
	verb, _, _ := strings.Cut(strings.TrimSpace(ev.Query), " ")
	c.verbs[strings.ToUpper(verb)]++
	c.all++
}

// take returns the counts since the last call and resets them.
func (c *slicesCounter) take() (map[string]int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, n := c.verbs, c.all
	c.verbs, c.all = nil, 0
	if v == nil {
		v = map[string]int{}
	}
	return v, n
}

// slicesSetUp creates the models' tables and counts db's statements.
func slicesSetUp(t *testing.T, db *rx.DB, models ...any) (context.Context, *slicesCounter) {
	t.Helper()
	ctx := context.Background()
	if err := db.CreateAll(ctx, models...); err != nil {
		t.Fatal(err)
	}
	c := &slicesCounter{}
	db.AddQueryHook(c)
	return ctx, c
}

func slicesNotes(prefix string, n int) []SlicesNote {
	out := make([]SlicesNote, n)
	for i := range out {
		out[i].Title = prefix + string(rune('a'+i%26)) + strings.Repeat("x", i/26)
	}
	return out
}

// slicesCheckKeys fails unless every row has a distinct key under which
// the database holds its title.
func slicesCheckKeys(ctx context.Context, t *testing.T, db *rx.DB, rows []*SlicesNote) {
	t.Helper()
	seen := map[int64]bool{}
	for i, r := range rows {
		if r.ID == 0 || seen[r.ID] {
			t.Fatalf("row %d (%q) has key %d: want a distinct generated key on every element", i, r.Title, r.ID)
		}
		seen[r.ID] = true
	}
	all, err := rx.Select[SlicesNote](db).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]string{}
	for _, r := range all {
		byID[r.ID] = r.Title
	}
	for i, r := range rows {
		if byID[r.ID] != r.Title {
			t.Fatalf("row %d: key %d holds %q in the database, want %q", i, r.ID, byID[r.ID], r.Title)
		}
	}
}

func ptrsOf[T any](rows []T) []*T {
	out := make([]*T, len(rows))
	for i := range rows {
		out[i] = &rows[i]
	}
	return out
}

// Session.Add takes []*T, []T (by value: its backing array is updated),
// pointers to both, and mixes them with single rows; the rows of one
// model still go out in one INSERT, and every element gets its key.
func TestSlicesAddSetsEveryKey(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx, c := slicesSetUp(t, db, &SlicesNote{}, &SlicesTag{})
		single := &SlicesNote{Title: "single"}
		ptrs := ptrsOf(slicesNotes("p", 3))
		vals := slicesNotes("v", 4)
		pvals := slicesNotes("w", 2)
		pptrs := ptrsOf(slicesNotes("q", 2))
		tags := []SlicesTag{{Label: "go"}, {Label: "sql"}}
		c.take()
		err := db.WithSession(ctx, func(s *rx.Session) error {
			return s.Add(single, ptrs, vals, &pvals, tags, &pptrs, []SlicesNote{})
		})
		if err != nil {
			t.Fatal(err)
		}
		verbs, _ := c.take()
		if verbs["INSERT"] != 2 {
			t.Fatalf("statements %v: want 2 INSERTs, one per model", verbs)
		}
		rows := append([]*SlicesNote{single}, ptrs...)
		rows = append(rows, ptrsOf(vals)...)
		rows = append(rows, ptrsOf(pvals)...)
		rows = append(rows, pptrs...)
		slicesCheckKeys(ctx, t, db, rows)
		if tags[0].ID == 0 || tags[1].ID == 0 || tags[0].ID == tags[1].ID {
			t.Fatalf("tags %+v: want their keys set in the slice", tags)
		}
	})
}

// DB.Insert, Session.Insert and rx.Insert write a slice in the existing
// batches (one INSERT per chunk of at most 1,000 rows), setting the key
// of every element; on PostgreSQL a large Add goes through COPY.
func TestSlicesInsertBatches(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx, c := slicesSetUp(t, db, &SlicesNote{})
		c.take()
		vals := slicesNotes("db", 2500)
		if err := db.Insert(ctx, vals); err != nil {
			t.Fatal(err)
		}
		if verbs, n := c.take(); verbs["INSERT"] != 3 || n != 3 && db.Dialect().Name() != "mysql" {
			t.Fatalf("db.Insert of 2500 rows: statements %v (%d): want 3 INSERTs", verbs, n)
		}
		ptrs := ptrsOf(slicesNotes("rx", 1200))
		if _, err := rx.Insert(db, ptrs...).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if verbs, _ := c.take(); verbs["INSERT"] != 2 {
			t.Fatalf("rx.Insert of 1200 rows: statements %v: want 2 INSERTs", verbs)
		}
		svals := slicesNotes("s", 1001)
		sptrs := ptrsOf(slicesNotes("t", 300))
		err := db.WithSession(ctx, func(s *rx.Session) error {
			if err := s.Insert(ctx, &svals); err != nil {
				return err
			}
			return s.Add(sptrs)
		})
		if err != nil {
			t.Fatal(err)
		}
		verbs, _ := c.take()
		want := map[string]int{"INSERT": 3}
		if db.Dialect().Name() == "postgres" {
			want = map[string]int{"INSERT": 2, "COPY": 1} // 300 rows of Add: one COPY
		}
		if verbs["INSERT"] != want["INSERT"] || verbs["COPY"] != want["COPY"] {
			t.Fatalf("session: statements %v: want %v", verbs, want)
		}
		rows := append(ptrsOf(vals), ptrs...)
		rows = append(rows, ptrsOf(svals)...)
		rows = append(rows, sptrs...)
		slicesCheckKeys(ctx, t, db, rows)
	})
}

// Bad arguments are refused before any SQL, naming the argument (and
// element) and the fix, and nothing of the call is staged or written.
func TestSlicesBadArguments(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx, c := slicesSetUp(t, db, &SlicesNote{})
		var nilSlice *[]SlicesNote
		cases := []struct {
			args []any
			want string
		}{
			{[]any{&SlicesNote{}, []*SlicesNote{{}, {}, nil}}, "models[1][2] is a nil *rx_test.SlicesNote"},
			{[]any{[]any{&SlicesNote{}}}, "models[0] is a []interface {}, not a slice of models: pass a slice typed by its model"},
			{[]any{&SlicesNote{}, []int{1}}, "models[1] is a []int, not a slice of models"},
			{[]any{[]struct{ X int }{{}}}, "models[0] is a []struct { X int }"},
			{[]any{SlicesNote{}}, "models[0] is a rx_test.SlicesNote, not a pointer to one: pass &row"},
			{[]any{&SlicesNote{}, nilSlice}, "models[1] is a nil *[]rx_test.SlicesNote"},
			{[]any{nil}, "models[0] is nil"},
		}
		c.take()
		for _, tc := range cases {
			err := db.Insert(ctx, tc.args...)
			if err == nil || !strings.Contains(err.Error(), "rx: Insert: "+tc.want) {
				t.Errorf("db.Insert(%T...): %v, want %q", tc.args[len(tc.args)-1], err, tc.want)
			}
			err = db.WithSession(ctx, func(s *rx.Session) error {
				if err := s.Add(tc.args...); err == nil || !strings.Contains(err.Error(), "rx: Add: "+tc.want) {
					t.Errorf("s.Add(%T...): %v, want %q", tc.args[len(tc.args)-1], err, tc.want)
				}
				return nil // the first, good argument must not have been staged
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		// Empty slices are no rows: no statement, no error.
		if err := db.Insert(ctx, []SlicesNote{}, []*SlicesNote(nil), &[]SlicesNote{}); err != nil {
			t.Fatal(err)
		}
		if verbs, _ := c.take(); verbs["INSERT"] != 0 {
			t.Fatalf("bad or empty arguments sent %v: want no INSERT", verbs)
		}
		if n, err := rx.Select[SlicesNote](db).Count(ctx); n != 0 || err != nil {
			t.Fatalf("%d rows, %v: want none written", n, err)
		}
	})
}

type SlicesAuthor struct {
	rx.Model
	Name string
}

type SlicesBook struct {
	rx.Model
	Title    string
	AuthorID int64 `rx:"fk=slices_author.id"`
	Author   *SlicesAuthor
}

// Slices take part in the flush's ordering: books pointing at elements of
// a []SlicesAuthor are written after them, with their keys copied.
func TestSlicesAddFollowsBelongsTo(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx, c := slicesSetUp(t, db, &SlicesAuthor{}, &SlicesBook{})
		authors := []SlicesAuthor{{Name: "a"}, {Name: "b"}}
		books := []SlicesBook{{Title: "x", Author: &authors[1]}, {Title: "y", Author: &authors[0]}}
		c.take()
		err := db.WithSession(ctx, func(s *rx.Session) error { return s.Add(books, authors) })
		if err != nil {
			t.Fatal(err)
		}
		if verbs, _ := c.take(); verbs["INSERT"] != 2 {
			t.Fatalf("statements %v: want 2 INSERTs, one per model", verbs)
		}
		if books[0].AuthorID != authors[1].ID || books[1].AuthorID != authors[0].ID || authors[0].ID == 0 || authors[1].ID == 0 {
			t.Fatalf("books %+v, authors %+v: want the authors' keys copied into the books", books, authors)
		}
		got, err := rx.Get[SlicesBook](ctx, db, books[0].ID)
		if err != nil || got.AuthorID != authors[1].ID {
			t.Fatalf("stored %+v, %v", got, err)
		}
	})
}
