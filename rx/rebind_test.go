package rx_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type RebindNote struct {
	rx.Model
	Title string
	Body  string
}

// Raw SQL takes ? on every database: on PostgreSQL rx numbers it $1, $2,
// …, leaving casts, literals, identifiers and comments alone.
func TestRawQuestionPlaceholders(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &RebindNote{}); err != nil {
			t.Fatal(err)
		}
		rec := &recorder{}
		db.AddQueryHook(rec)
		_, err := db.Exec(ctx, `INSERT INTO rebind_note (title, body) VALUES (?, 'what? -- no comment'), (?, ?) /* a ? */`, "a", "b", "c?")
		if err != nil {
			t.Fatal(err)
		}
		if q := rec.last().Query; db.Dialect().Name() == "postgres" && !strings.Contains(q, "VALUES ($1, 'what? -- no comment'), ($2, $3) /* a ? */") {
			t.Errorf("sent %s", q)
		}
		notes, err := rx.Query[RebindNote](ctx, db, "SELECT * FROM rebind_note WHERE title <> 'who?' -- or ?\n AND title IN (?, ?) ORDER BY title", "a", "b")
		if err != nil || len(notes) != 2 || notes[0].Body != "what? -- no comment" || notes[1].Body != "c?" {
			t.Fatalf("Query with ? = %+v, %v", notes, err)
		}
		type row struct {
			N int64
			S string
		}
		cast := map[string]string{
			"postgres": "SELECT ?::int + 1 AS n, 'a?'::text || ? AS s",
			"mysql":    "SELECT CAST(? AS SIGNED) + 1 AS n, CONCAT('a?', ?) AS s",
			"sqlite":   "SELECT CAST(? AS INTEGER) + 1 AS n, 'a?' || ? AS s",
		}[db.Dialect().Name()]
		if r, err := rx.QueryOne[row](ctx, db, cast, 41, "b"); err != nil || *r != (row{42, "a?b"}) {
			t.Errorf("QueryOne(%s) = %+v, %v; want 42 a?b", cast, r, err)
		}
		err = db.WithSession(ctx, func(s *rx.Session) error {
			res, err := s.Exec(ctx, "UPDATE rebind_note SET body = ? WHERE title = ?", "new?", "a")
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				t.Errorf("Session.Exec updated %d rows", n)
			}
			rows, err := s.Query(ctx, "SELECT body FROM rebind_note WHERE title = ?", "a")
			if err != nil {
				return err
			}
			defer rows.Close()
			var body string
			if !rows.Next() || rows.Scan(&body) != nil || body != "new?" {
				t.Errorf("Session.Query read %q, %v", body, rows.Err())
			}
			return rows.Close()
		})
		if err != nil {
			t.Fatal(err)
		}
		if db.Dialect().Name() == "postgres" {
			pgOnly(t, ctx, db)
		}
		refusedBeforeSQL(t, ctx, db, rec)
	})
}

// pgOnly checks what only PostgreSQL has: $n still valid, E'…' and
// dollar-quoted strings, and the jsonb operators written ??, ??| and ??&.
func pgOnly(t *testing.T, ctx context.Context, db *rx.DB) {
	if n, err := rx.Query[RebindNote](ctx, db, "SELECT * FROM rebind_note WHERE title = $1 OR title = $1", "b"); err != nil || len(n) != 1 {
		t.Errorf("Query with $1 = %+v, %v", n, err)
	}
	type row struct {
		A, B, C bool
		S       string
	}
	q := `SELECT '{"a":1}'::jsonb ?? 'a' AS a, '{"a":1}'::jsonb ??| array['x', 'a'] AS b, '{"a":1}'::jsonb ??& array['x'] AS c, ` +
		`E'it\'s ?' || $$ and? $$ || ? AS s`
	if r, err := rx.QueryOne[row](ctx, db, q, "end"); err != nil || *r != (row{true, true, false, "it's ? and? end"}) {
		t.Errorf("QueryOne(jsonb ??, E'', $$) = %+v, %v", r, err)
	}
	if r, err := rx.QueryOne[row](ctx, db, `SELECT '{"a":1}'::jsonb ? 'a' AS a, false AS b, false AS c, $1::text AS s`, "x"); err != nil || !r.A {
		t.Errorf("QueryOne($1 with the jsonb ? as PostgreSQL writes it) = %+v, %v", r, err)
	}
	// A Builder's SQL is numbered already, its ?? written ?: sent as it is.
	b, err := rx.Select[RebindNote](db).Where(rx.Expr(`'{"a":1}'::jsonb ?? ?`, "a"), rx.Eq{"title": "b"}).Builder()
	if err != nil {
		t.Fatal(err)
	}
	if q, a, err := b.ToSql(); err != nil {
		t.Error(err)
	} else if n, err := rx.Query[RebindNote](ctx, db, q, a...); err != nil || len(n) != 1 {
		t.Errorf("Query(Builder's %s) = %+v, %v", q, n, err)
	}
	if r, err := rx.QueryOne[row](ctx, db, `SELECT '{"a":1}'::jsonb ? 'a' AS a, '{"a":1}'::jsonb ?| array['b'] AS b, false AS c, 'x' AS s`); err != nil || !r.A || r.B {
		t.Errorf("QueryOne(no args, the jsonb ? as PostgreSQL writes it) = %+v, %v", r, err)
	}
}

// refusedBeforeSQL checks that a placeholder count that is not the
// arguments', and a statement mixing ? and $n, send nothing.
func refusedBeforeSQL(t *testing.T, ctx context.Context, db *rx.DB, rec *recorder) {
	rec.verbs()
	if _, err := db.Exec(ctx, "UPDATE rebind_note SET body = ? WHERE title = ?", "x"); err == nil || !strings.Contains(err.Error(), "has 2 placeholder(s) (?) and 1 argument(s)") {
		t.Errorf("Exec with 2 ? and 1 arg: %v", err)
	}
	if _, err := rx.Query[RebindNote](ctx, db, "SELECT * FROM rebind_note WHERE title = 'a?'"); err != nil {
		t.Errorf("Query with a ? only in a literal: %v", err)
	}
	if _, err := rx.QueryOne[RebindNote](ctx, db, "SELECT * FROM rebind_note WHERE id = ?"); err == nil || !strings.Contains(err.Error(), "has 1 placeholder(s) (?) and 0 argument(s)") {
		t.Errorf("QueryOne with 1 ? and no arg: %v", err)
	}
	if db.Dialect().Name() == "postgres" {
		if _, err := db.Query(ctx, "SELECT * FROM rebind_note WHERE title = $1 AND body = ?", "a", "b"); err == nil || !strings.Contains(err.Error(), "mixes ? and $n placeholders") {
			t.Errorf("Query mixing $1 and ?: %v", err)
		}
	}
	if got := rec.verbs(); got != "SELECT" {
		t.Errorf("statements sent: %q; want only the valid SELECT", got)
	}
}

// rx.Expr takes ? or $1, $2, … on every database, numbered with the
// whole statement's, and refuses a count of args that is not its
// placeholders'.
func TestExprPlaceholders(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &RebindNote{}); err != nil {
			t.Fatal(err)
		}
		if _, err := rx.Insert(db, &RebindNote{Title: "a", Body: "x"}, &RebindNote{Title: "b", Body: "b"}, &RebindNote{Title: "c", Body: "c"}).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		got, err := rx.Select[RebindNote](db).Where(rx.NotEq{"title": "c"}, rx.Expr("title = $1 OR body = $1 OR title = $2", "b", "a")).
			Where(rx.Expr("body <> 'y?' AND body <> ?", "z")).OrderBy("title").All(ctx)
		if err != nil || len(got) != 2 || got[0].Title != "a" || got[1].Title != "b" {
			t.Errorf("Where(Expr with $1 twice and $2) = %+v, %v; want a, b", got, err)
		}
		for _, e := range []rx.Sqlizer{rx.Expr("title = ? AND body = ?", "a"), rx.Expr("title = $1 AND body = ?", "a", "b"), rx.Expr("title = $2", "a")} {
			if _, err := rx.Select[RebindNote](db).Where(e).All(ctx); err == nil || !strings.Contains(err.Error(), "rx: Expr(") {
				t.Errorf("Where(%v) = %v; want an Expr placeholder error", e, err)
			}
		}
	})
}
