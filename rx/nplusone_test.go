package rx_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type NPlusOneAuthor struct {
	rx.Model
	Name  string
	Books []NPlusOneBook
}

type NPlusOneBook struct {
	rx.Model
	Title    string
	AuthorID int64 `rx:"fk=n_plus_one_author.id"`
	Author   *NPlusOneAuthor
}

// nplusoneLog is a log whose N+1 warnings the test reads.
type nplusoneLog struct{ syncBuffer }

func (l *nplusoneLog) warnings() []string {
	var out []string
	for _, line := range strings.Split(l.String(), "\n") {
		if strings.Contains(line, "N+1") {
			out = append(out, line)
		}
	}
	return out
}

// nplusoneSeed writes n authors with a book each, and turns the detector
// on with its warnings to the returned log.
func nplusoneSeed(t *testing.T, db *rx.DB, n int, opts rx.N1Options) *nplusoneLog {
	t.Helper()
	ctx := context.Background()
	if err := db.CreateAll(ctx, &NPlusOneAuthor{}, &NPlusOneBook{}); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		a := &NPlusOneAuthor{Name: fmt.Sprint("author ", i)}
		if _, err := rx.Insert(db, a).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := rx.Insert(db, &NPlusOneBook{Title: fmt.Sprint("book ", i), AuthorID: a.ID}).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	log := &nplusoneLog{}
	opts.Logger = slog.New(slog.NewTextHandler(log, nil))
	db.SetN1(opts)
	return log
}

// nplusoneAuthorsOf Gets the author of each of the first n books, one
// statement each: the N+1 loop. It returns the line of the Get.
func nplusoneAuthorsOf(ctx context.Context, s *rx.Session, n int) (int, error) {
	books, err := rx.Select[NPlusOneBook](s).OrderBy("id").All(ctx)
	if err != nil {
		return 0, err
	}
	_, _, line, _ := runtime.Caller(0)
	for _, b := range books[:n] {
		if _, err := rx.Get[NPlusOneAuthor](ctx, s, b.AuthorID); err != nil { // line+2
			return line + 2, err
		}
	}
	return line + 2, nil
}

func TestNPlusOneWarnsOncePerSessionWithTheWith(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		log := nplusoneSeed(t, db, 12, rx.N1Options{})
		var line int
		err := db.WithSession(ctx, func(s *rx.Session) (err error) {
			line, err = nplusoneAuthorsOf(ctx, s, 10)
			return err
		})
		if err != nil || len(log.warnings()) != 0 {
			t.Fatalf("10 Gets: err %v, warnings %q; want none", err, log.warnings())
		}
		err = db.WithSession(ctx, func(s *rx.Session) (err error) {
			line, err = nplusoneAuthorsOf(ctx, s, 11)
			return err
		})
		w := log.warnings()
		if err != nil || len(w) != 1 {
			t.Fatalf("11 Gets: err %v, warnings %q; want exactly one", err, w)
		}
		site := fmt.Sprintf("site=rx/nplusone_test.go:%d", line)
		if !strings.Contains(w[0], site) || !strings.Contains(w[0], `With(\"Author\") on the query of NPlusOneBook`) ||
			!strings.Contains(w[0], "ran 11 times in one session") || !strings.Contains(w[0], "level=WARN") {
			t.Fatalf("warning %s\nwant the site %s, the With and the count", w[0], site)
		}
	})
}

// A has-many loop (the books of each author, by author_id) gets the
// parent's With, past the first statements the detector counts apart.
func TestNPlusOneHasManyHint(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		log := nplusoneSeed(t, db, 11, rx.N1Options{})
		err := db.WithSession(ctx, func(s *rx.Session) error {
			for i := range 5 {
				if _, err := rx.Select[NPlusOneBook](s).Where(rx.Expr(fmt.Sprint("id > ", i))).Count(ctx); err != nil {
					return err
				}
			}
			authors, err := rx.Select[NPlusOneAuthor](s).All(ctx)
			for _, a := range authors {
				if _, err := rx.Select[NPlusOneBook](s).Where(rx.Eq{"author_id": a.ID}).All(ctx); err != nil {
					return err
				}
			}
			return err
		})
		w := log.warnings()
		if err != nil || len(w) != 1 || !strings.Contains(w[0], `With(\"Books\") on the query of NPlusOneAuthor`) {
			t.Fatalf("err %v, warnings %q; want one naming With(\"Books\")", err, w)
		}
	})
}

func TestNPlusOneStrictFailsTheStatementAndRollsBack(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		log := nplusoneSeed(t, db, 12, rx.N1Options{})
		count := &statements{}
		db.AddQueryHook(count)
		var line int
		err := db.WithSession(ctx, func(s *rx.Session) (err error) {
			if _, err := rx.Insert(s, &NPlusOneAuthor{Name: "rolled back"}).Exec(ctx); err != nil {
				return err
			}
			line, err = nplusoneAuthorsOf(ctx, s, 12)
			return err
		}, rx.StrictN1())
		if !errors.Is(err, rx.ErrNPlusOne) || !strings.Contains(err.Error(), fmt.Sprintf("rx/nplusone_test.go:%d", line)) ||
			!strings.Contains(err.Error(), `With("Author")`) {
			t.Fatalf("strict session: %v; want ErrNPlusOne with the site and the With", err)
		}
		if q := count.take(); len(q) != 12 { // the INSERT, the books, 10 Gets: the 11th is not sent
			t.Fatalf("%d statements sent, want 12: %q", len(q), q)
		}
		if n, err := rx.Select[NPlusOneAuthor](db).Where(rx.Eq{"name": "rolled back"}).Count(ctx); err != nil || n != 0 {
			t.Fatalf("after the error: %d rows, %v; want the session rolled back", n, err)
		}
		if w := log.warnings(); len(w) != 0 {
			t.Fatalf("strict mode logged %q", w)
		}
		// A callback that goes on past the error: every later run fails too.
		fails := 0
		_ = db.WithSession(ctx, func(s *rx.Session) error {
			books, err := rx.Select[NPlusOneBook](s).OrderBy("id").All(ctx)
			if err != nil {
				return err
			}
			for _, b := range books[:12] {
				if _, err := rx.Get[NPlusOneAuthor](ctx, s, b.AuthorID); errors.Is(err, rx.ErrNPlusOne) {
					fails++
				}
			}
			return nil
		}, rx.StrictN1())
		if fails != 2 {
			t.Errorf("12 Gets past a threshold of 10 in a strict session: %d failed, want the 11th and the 12th", fails)
		}
	})
}

// Sessions count apart; nested scopes count with their session.
func TestNPlusOneSessionsCountSeparately(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		log := nplusoneSeed(t, db, 6, rx.N1Options{Strict: true})
		for range 2 {
			if err := db.WithSession(ctx, func(s *rx.Session) error {
				_, err := nplusoneAuthorsOf(ctx, s, 6)
				return err
			}); err != nil {
				t.Fatalf("6 Gets per session: %v", err)
			}
		}
		err := db.WithSession(ctx, func(s *rx.Session) error {
			if _, err := nplusoneAuthorsOf(ctx, s, 6); err != nil {
				return err
			}
			return s.WithSession(ctx, func(inner *rx.Session) error {
				_, err := nplusoneAuthorsOf(ctx, inner, 6)
				return err
			})
		})
		if !errors.Is(err, rx.ErrNPlusOne) || len(log.warnings()) != 0 {
			t.Fatalf("6 Gets and 6 in a nested scope: %v; want ErrNPlusOne (Config strict)", err)
		}
	})
}

// The relation loads of With are never counted: here each parent query
// is its own statement, the books' load the same one each time.
func TestNPlusOneWithLoadsNeverCount(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		nplusoneSeed(t, db, 12, rx.N1Options{Strict: true})
		count := &statements{}
		db.AddQueryHook(count)
		err := db.WithSession(ctx, func(s *rx.Session) error {
			for i := 1; i <= 12; i++ {
				a, err := rx.Select[NPlusOneAuthor](s).Where(rx.Expr(fmt.Sprint("id = ", i))).With("Books").One(ctx)
				if err != nil {
					return err
				}
				if len(a.Books) != 1 {
					return fmt.Errorf("author %d: %d books, want 1", i, len(a.Books))
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("12 queries With(\"Books\"): %v; want no ErrNPlusOne", err)
		}
		if q := count.take(); len(q) != 24 {
			t.Fatalf("%d statements, want 24 (12 authors, 12 loads)", len(q))
		}
	})
}

// With N1Options.Autocommit the *DB's own statements count too.
func TestNPlusOneAutocommit(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		log := nplusoneSeed(t, db, 11, rx.N1Options{Threshold: 3})
		for i := 1; i <= 11; i++ {
			if _, err := rx.Get[NPlusOneAuthor](ctx, db, i); err != nil {
				t.Fatal(err)
			}
		}
		if w := log.warnings(); len(w) != 0 {
			t.Fatalf("autocommit counted without the option: %q", w)
		}
		db.SetN1(rx.N1Options{Threshold: 3, Autocommit: true, Strict: true})
		var err error
		for i := 1; i <= 4 && err == nil; i++ {
			_, err = rx.Get[NPlusOneAuthor](ctx, db, i)
		}
		if !errors.Is(err, rx.ErrNPlusOne) || !strings.Contains(err.Error(), "outside sessions") {
			t.Fatalf("4th autocommit Get with Threshold 3: %v; want ErrNPlusOne", err)
		}
	})
}

// The detector adds no allocation to a statement it has nothing to
// report: a Get in a session that has run it before, and an autocommit
// Get, allocate as much with the detector on as off. Not parallel:
// AllocsPerRun counts the whole program's allocations.
func TestHotPathNPlusOneAllocs(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) { nplusoneAllocs(t, d, rxtest.Open(t, d)) })
	}
}

func nplusoneAllocs(t *testing.T, dialect string, db *rx.DB) {
	ctx := context.Background()
	nplusoneSeed(t, db, 1, rx.N1Options{})
	get := func(q rx.Querier) {
		if _, err := rx.Get[NPlusOneAuthor](ctx, q, 1); err != nil {
			t.Fatal(err)
		}
	}
	session := func() {
		if err := db.WithSession(ctx, func(s *rx.Session) error { get(s); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	// The mean over many runs, not AllocsPerRun's whole number: the MySQL
	// driver allocates on some statements only, so that the floor of
	// the mean moves between runs.
	// The least of three, as the drivers' and the pools' goroutines
	// allocate too, now and then.
	mean := func(runs int, f func()) float64 {
		f()
		least := math.Inf(1)
		for range 3 {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for range runs {
				f()
			}
			runtime.ReadMemStats(&after)
			least = min(least, float64(after.Mallocs-before.Mallocs)/float64(runs))
		}
		return least
	}
	allocs := func(opts rx.N1Options) (inSession, autocommit, whole float64) {
		db.SetN1(opts)
		err := db.WithSession(ctx, func(s *rx.Session) error {
			get(s)
			inSession = mean(400, func() { get(s) })
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return inSession, mean(400, func() { get(db) }), mean(50, session)
	}
	offS, offA, offW := allocs(rx.N1Options{Threshold: -1})
	onS, onA, onW := allocs(rx.N1Options{Threshold: 1 << 30, Autocommit: true})
	// One allocation more per statement or session is 1; the drivers
	// vary by up to half of one per statement, SQLite's by more than one
	// per session (41 or 42.5 from one run to the next, either way), and
	// the race detector's own allocations by more.
	if !raceEnabled && (onS > offS+0.75 || onA > offA+0.75 || onW > offW+0.75 && dialect != "sqlite") {
		t.Fatalf("allocations with the detector on/off: %.2f/%.2f per Get in a session, %.2f/%.2f autocommit, %.2f/%.2f per session", onS, offS, onA, offA, onW, offW)
	}
	t.Logf("allocations per Get, detector on/off: %.2f/%.2f in a session, %.2f/%.2f autocommit; per session with one Get: %.2f/%.2f", onS, offS, onA, offA, onW, offW)
}
