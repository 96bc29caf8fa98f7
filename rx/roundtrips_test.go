package rx_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type rtItem struct {
	rx.Model
	Name string
}

// rtAuthor has two relations of one level, loaded together.
type rtAuthor struct {
	rx.Model
	Name  string
	Books []rtBook
	Notes []rtNote
}

func (rtAuthor) TableName() string { return "rt_author" }

type rtBook struct {
	rx.Model
	AuthorID int64 `rx:"fk=rt_author.id"`
	Title    string
}

func (rtBook) TableName() string { return "rt_book" }

type rtNote struct {
	rx.Model
	AuthorID int64 `rx:"fk=rt_author.id"`
	Text     string
}

func (rtNote) TableName() string { return "rt_note" }

// rtWork is issue 25's table of work, each counted in round trips.
var rtWork = []struct {
	name string
	run  func(ctx context.Context, db *rx.DB, id int64) error
}{
	{"autocommit Get", func(ctx context.Context, db *rx.DB, id int64) error {
		_, err := rx.Get[rtItem](ctx, db, id)
		return err
	}},
	{"session with no statement", func(ctx context.Context, db *rx.DB, id int64) error {
		return db.WithSession(ctx, func(*rx.Session) error { return nil })
	}},
	{"session with one Get", func(ctx context.Context, db *rx.DB, id int64) error {
		return db.WithSession(ctx, func(s *rx.Session) error { _, err := rx.Get[rtItem](ctx, s, id); return err })
	}},
	{"read-only session with one Get", func(ctx context.Context, db *rx.DB, id int64) error {
		return db.WithSession(ctx, func(s *rx.Session) error { _, err := rx.Get[rtItem](ctx, s, id); return err }, rx.ReadOnly())
	}},
	{"session with Get, Update, Get", func(ctx context.Context, db *rx.DB, id int64) error {
		return db.WithSession(ctx, func(s *rx.Session) error {
			m, err := rx.Get[rtItem](ctx, s, id)
			if err != nil {
				return err
			}
			m.Name += "!"
			if err := s.Update(ctx, m); err != nil {
				return err
			}
			_, err = rx.Get[rtItem](ctx, s, id)
			return err
		})
	}},
	{`Select.All().With("Books", "Notes")`, func(ctx context.Context, db *rx.DB, id int64) error {
		as, err := rx.Select[rtAuthor](db).With("Books", "Notes").All(ctx)
		if err == nil && (len(as) != 1 || len(as[0].Books) != 2 || len(as[0].Notes) != 1 || as[0].Notes[0].Text != "n") {
			return fmt.Errorf("loaded %+v, want one author with 2 books and 1 note", as)
		}
		return err
	}},
}

func seedAuthor(t *testing.T, db *rx.DB) {
	ctx := context.Background()
	if err := db.CreateAll(ctx, &rtAuthor{}, &rtBook{}, &rtNote{}); err != nil {
		t.Fatal(err)
	}
	err := db.WithSession(ctx, func(s *rx.Session) error {
		a := &rtAuthor{Name: "a"}
		if err := s.Insert(ctx, a); err != nil {
			return err
		}
		return s.Insert(ctx, &rtBook{AuthorID: a.ID, Title: "b1"}, &rtBook{AuthorID: a.ID, Title: "b2"}, &rtNote{AuthorID: a.ID, Text: "n"})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// rtWant are the round trips of rtWork per server. PostgreSQL sends a
// session's BEGIN with its first statement; MariaDB sends it on its own
// (see docs/design.md, "Round trips"); a read-only session on the
// primary has a connection of its own, as a read-write one has.
var rtWant = map[string][]int64{
	"postgres": {1, 0, 2, 2, 4, 2},
	"mysql":    {1, 2, 3, 3, 5, 3},
}

// TestRoundTrips counts, with a proxy in front of the server, the round
// trips of issue 25's work on one connection once it has run once (so
// that pgx has described its statements).
func TestRoundTrips(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"postgres", "mysql"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			turns, u := rxtest.CountTurns(t, rxtest.FreshURL(t, name))
			ctx := context.Background()
			db, err := rx.Open(ctx, rx.Config{DBURL: u, IgnoreEnv: true, MaxOpenConns: 1})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.CreateAll(ctx, &rtItem{}); err != nil {
				t.Fatal(err)
			}
			m := &rtItem{Name: "a"}
			if err := db.Insert(ctx, m); err != nil {
				t.Fatal(err)
			}
			seedAuthor(t, db)
			for i, w := range rtWork {
				if err := w.run(ctx, db, m.ID); err != nil {
					t.Fatalf("%s: %v", w.name, err)
				}
				start := turns.N()
				if err := w.run(ctx, db, m.ID); err != nil {
					t.Fatalf("%s: %v", w.name, err)
				}
				if got, want := turns.N()-start, rtWant[name][i]; got != want {
					t.Errorf("%s: %d round trips, want %d", w.name, got, want)
				}
			}
		})
	}
}
