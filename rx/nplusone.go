package rx

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/jmoiron/sqlx"
)

// DefaultN1Threshold is the number of times a statement may run in one
// session before the N+1 detector reports it (see N1Options).
const DefaultN1Threshold = 10

// ErrNPlusOne is returned, wrapped with the call site and the With that
// would replace the loop, by every statement that runs one statement
// shape more than the threshold's times in one session when the detector
// is strict (StrictN1, N1Options.Strict). Those statements are not sent.
var ErrNPlusOne = errors.New("rx: N+1 queries")

// N1Options configures the N+1 detector: in a session, the same
// statement (the same SQL text, which rx builds with placeholders, so
// that only the arguments differ) run more than Threshold times is
// reported once per statement and session, as a warning on the DB's
// Logger naming the first caller outside rx (file:line) and, for a
// SELECT of a related model, the With that would load it in one query.
// BEGIN, COMMIT, ROLLBACK, COPY, rx's own catalog lookups and the
// relation loads of With are not counted. The zero value is the
// default: warnings after DefaultN1Threshold, in sessions only.
type N1Options struct {
	// Threshold is how many times a statement may run; 0 means
	// DefaultN1Threshold, a negative value turns the detector off.
	Threshold int
	// Strict makes the statement that crosses the threshold fail with
	// ErrNPlusOne instead of logging, for tests (see also StrictN1).
	Strict bool
	// Autocommit counts the statements the *DB runs outside sessions
	// too, over the DB's whole life: for a test's own DB, not for a
	// server's, where every statement repeats.
	Autocommit bool
	// Logger receives the warnings; nil means the DB's (Config.Logger).
	Logger *slog.Logger
}

// StrictN1 makes the session's N+1 detector strict: the statement that
// runs one statement shape more than the threshold's times fails with
// ErrNPlusOne (and the session rolls back, as on any error the callback
// returns), instead of a warning.
func StrictN1() SessionOption { return func(c *sessionConfig) { c.strictN1 = true } }

// SetN1 configures db's N+1 detector (Open applies Config.N1). Call it
// before sharing db between goroutines; sessions begun before keep
// counting as they were.
func (db *DB) SetN1(opts N1Options) {
	db.n1 = n1Config{threshold: opts.Threshold, strict: opts.Strict, logger: opts.Logger}
	if db.n1.threshold == 0 {
		db.n1.threshold = DefaultN1Threshold
	}
	if opts.Autocommit && db.n1.threshold > 0 {
		db.n1.autocommit = &n1Counts{locked: true}
	}
}

// n1Config is a DB's detector; the zero value (Wrap) is the default.
type n1Config struct {
	threshold  int // 0 until SetN1: DefaultN1Threshold
	strict     bool
	logger     *slog.Logger
	autocommit *n1Counts // the DB's own counts, with N1Options.Autocommit
}

// n1Counts counts a session's statements (shared by its nested scopes),
// or a DB's autocommit ones (locked).
type n1Counts struct {
	mu     sync.Mutex
	locked bool
	strict bool
	// By SQL text: the first statements in few, the others in seen,
	// made at the first that few has no room for, so that a session of
	// a few statements allocates nothing for them.
	few  [4]n1Entry
	nfew int
	seen map[string]n1Shape
}

// n1Shape is one statement's count and the table it reads, for the hint.
type n1Shape struct {
	n     int
	table string // a SELECT's model table, else ""
}

type n1Entry struct {
	query string
	n1Shape
}

// count adds one to query's count and returns it.
func (c *n1Counts) count(query, table string) int {
	for i := range c.nfew {
		if e := &c.few[i]; e.query == query {
			e.n++
			return e.n
		}
	}
	if c.seen == nil && c.nfew < len(c.few) {
		c.few[c.nfew] = n1Entry{query, n1Shape{1, table}}
		c.nfew++
		return 1
	}
	if c.seen == nil {
		c.seen = make(map[string]n1Shape)
	}
	sh := c.seen[query]
	sh.n++
	sh.table = table
	c.seen[query] = sh
	return sh.n
}

// n1Of returns the counts s shares with the scopes it is nested in: an
// outer session's own.
func (s *Session) n1Of() *n1Counts {
	if s.n1 == nil {
		s.n1own.strict = s.n1strict
		s.n1 = &s.n1own
	}
	return s.n1
}

// countN1 is the pipeline's N+1 stage: it counts st and, the time it
// crosses the threshold, reports it; a strict detector fails st and every
// later run of its shape. The call site is looked up only then.
func (db *DB) countN1(ctx context.Context, st *stmt) error {
	switch st.kind {
	case execKind, rowsKind, scanKind: // the statements a program sends
	default:
		return nil // BEGIN, COMMIT, ROLLBACK, COPY
	}
	if st.quiet || st.w.uncounted || db.n1.threshold < 0 {
		return nil
	}
	var c *n1Counts
	if se, ok := st.ex.(*sessionExec); ok {
		c = se.s.n1Of()
	} else if _, pool := st.ex.(*sqlx.DB); !pool || db.n1.autocommit == nil {
		return nil // a transaction of s.Tx's, a read-only guard's connection
	} else {
		c = db.n1.autocommit
	}
	limit := db.n1.threshold
	if limit == 0 { // a DB of Wrap's, which Open's SetN1 did not see
		limit = DefaultN1Threshold
	}
	strict := c.strict || db.n1.strict
	table := ""
	if st.w.op == "SELECT" {
		table = st.w.table
	}
	if c.locked {
		c.mu.Lock()
	}
	n := c.count(st.query, table)
	report := n == limit+1 || strict && n > limit
	hint := ""
	if report {
		hint = c.hint(db, st)
	}
	if c.locked {
		c.mu.Unlock() // before logging: a handler may write through db
	}
	if !report {
		return nil
	}
	return db.reportN1(ctx, st, n, strict, hint)
}

// reportN1 warns of st's shape run n times, or returns the error.
func (db *DB) reportN1(ctx context.Context, st *stmt, n int, strict bool, hint string) error {
	site := callSite()
	where := "in one session"
	if _, ok := st.ex.(*sessionExec); !ok {
		where = "outside sessions"
	}
	if strict {
		return fmt.Errorf("%w: %s ran %d times %s, at %s: %s", ErrNPlusOne, st.query, n, where, site, hint)
	}
	logger := db.n1.logger
	if logger == nil {
		logger = db.logger
	}
	logger.LogAttrs(ctx, slog.LevelWarn, "rx: N+1 queries: the same statement ran "+fmt.Sprint(n)+" times "+where,
		slog.String("sql", st.query), slog.String("site", site), slog.String("hint", hint))
	return nil
}
