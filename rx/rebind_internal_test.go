package rx

import (
	"database/sql"
	"strconv"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/dialect/mysqldialect"
	"github.com/rxgo/rxdb/dialect/pgdialect"
	"github.com/rxgo/rxdb/dialect/sqlitedialect"
	"github.com/rxgo/rxdb/internal/sqltext"
)

// rebindSeeds are the statements a ? rebinder gets wrong: casts, string
// literals (doubled quotes, E'…' escapes), quoted identifiers, comments
// (nested on PostgreSQL), dollar-quoted strings and jsonb operators.
var rebindSeeds = []string{
	"SELECT * FROM t WHERE a = ? AND b = ?",
	"SELECT 'a'::text, x::int FROM t WHERE y = ?::int",
	"SELECT 'what?' AS q, 'it''s ?' AS r WHERE a = ?",
	`SELECT E'it\'s ?' WHERE a = ?`,
	`SELECT "odd?name" FROM t WHERE a = ?`,
	"SELECT 1 -- why?\nWHERE a = ?",
	"SELECT /* a /* nested? */ still? */ ? AS x",
	"SELECT $$ what? $$, $tag$ it's ? $tag$, ?",
	"SELECT data ?? 'k', data ??| array['a'], data ??& array['b'] FROM t WHERE id = ?",
	"SELECT * FROM t WHERE a = $1 AND b = $2",
	"SELECT data ? 'k' FROM t WHERE id = $1",
	"SELECT * FROM t WHERE a = $1 AND b = ?",
	"INSERT INTO t VALUES (?, ?, ?)",
	"SELECT a$1 FROM t WHERE b = ?",
	"SELECT '' || ? || ''",
	"",
	"?",
	"??",
	"'unterminated ?",
}

func TestRebindTable(t *testing.T) {
	pg := &DB{dialect: pgdialect.Dialect{}}
	cases := []struct {
		in   string
		args int
		want string // "" with err: an error containing err
		err  string
	}{
		{"SELECT * FROM t WHERE a = ? AND b = ?", 2, "SELECT * FROM t WHERE a = $1 AND b = $2", ""},
		{"SELECT 'a'::text, x::int FROM t WHERE y = ?::int", 1, "SELECT 'a'::text, x::int FROM t WHERE y = $1::int", ""},
		{"SELECT 'what?', 'it''s ?' WHERE a = ?", 1, "SELECT 'what?', 'it''s ?' WHERE a = $1", ""},
		{`SELECT E'it\'s ?' WHERE a = ?`, 1, `SELECT E'it\'s ?' WHERE a = $1`, ""},
		{`SELECT "odd?" FROM t WHERE a = ?`, 1, `SELECT "odd?" FROM t WHERE a = $1`, ""},
		{"SELECT 1 -- why?\nWHERE a = ?", 1, "SELECT 1 -- why?\nWHERE a = $1", ""},
		{"SELECT /* a /* b? */ c? */ ?", 1, "SELECT /* a /* b? */ c? */ $1", ""},
		{"SELECT $$ what? $$, $t$ ? $t$, ?", 1, "SELECT $$ what? $$, $t$ ? $t$, $1", ""},
		{"SELECT d ?? 'k', d ??| array['a'], d ??& array['b'] WHERE id = ?", 1, "SELECT d ? 'k', d ?| array['a'], d ?& array['b'] WHERE id = $1", ""},
		{"SELECT * FROM t WHERE a = $1 AND b = $2", 2, "SELECT * FROM t WHERE a = $1 AND b = $2", ""},
		{"SELECT $1::int + $1", 1, "SELECT $1::int + $1", ""},
		{"SELECT data ? 'k', data ?| array['a'] FROM t WHERE id = $1", 1, "SELECT data ? 'k', data ?| array['a'] FROM t WHERE id = $1", ""},
		{"SELECT * FROM t WHERE a = $1 AND b = ?", 2, "", "mixes ? and $n placeholders"},
		{"INSERT INTO t VALUES ($1, ?)", 2, "", "mixes ? and $n placeholders"},
		{"SELECT * FROM t WHERE a = ? AND b = ?", 1, "", "has 2 placeholder(s) (?) and 1 argument(s)"},
		{"SELECT * FROM t WHERE a = $1 AND b = $3", 3, "SELECT * FROM t WHERE a = $1 AND b = $3", ""},
		{"SELECT * FROM t WHERE a = $2", 1, "", "has 2 placeholder(s) ($n) and 1 argument(s)"},
		{"SELECT data ? 'k' FROM t WHERE id = ?", 1, "", "has 2 placeholder(s) (?) and 1 argument(s)"},
		{"SELECT * FROM t WHERE a = ?1", 1, "", "SQLite's numbered ?NNN"},
		{"SELECT d ? 'a', d ?| array['b'] FROM t", 0, "SELECT d ? 'a', d ?| array['b'] FROM t", ""},
		{"SELECT d ?? 'a', d ? 'b', '??' FROM t", 0, "SELECT d ? 'a', d ? 'b', '??' FROM t", ""},
		{"SELECT * FROM t WHERE d ? 'a' AND id = ?", 0, "", "has 2 placeholder(s) (?) and 0 argument(s)"},
	}
	for _, c := range cases {
		args := make([]any, c.args)
		got, err := pg.rawQuery(c.in, args)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("rawQuery(%q) = %q, %v; want an error with %q", c.in, got, err, c.err)
		case c.err == "" && (err != nil || got != c.want):
			t.Errorf("rawQuery(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

// On SQLite and MySQL the text is sent unchanged, and only the count is
// checked, by each database's own literal rules.
func TestRebindQuestionDatabases(t *testing.T) {
	my, lite := &DB{dialect: mysqldialect.Dialect{}}, &DB{dialect: sqlitedialect.Dialect{}}
	cases := []struct {
		db   *DB
		in   string
		args []any
		err  string
	}{
		{my, `SELECT 'it\'s ?', "a?" FROM t WHERE a = ?`, []any{1}, ""},
		{my, "SELECT 1 # why?\nFROM t WHERE a = ? -- and?\n", []any{1}, ""},
		{my, "SELECT `a?` FROM t WHERE a = ? AND b = ?", []any{1}, "has 2 placeholder(s) (?) and 1 argument(s)"},
		{lite, "SELECT 'a?', [b?] FROM t WHERE a = ?", []any{1}, ""},
		{lite, "SELECT * FROM t WHERE a = ?1 AND b = ?1", []any{1}, ""},
		{lite, "SELECT * FROM t WHERE a = :a AND b = @b", []any{sql.Named("a", 1), sql.Named("b", 2)}, ""},
		{lite, "SELECT * FROM t WHERE a = ?", nil, "has 1 placeholder(s) (?) and 0 argument(s)"},
	}
	for _, c := range cases {
		got, err := c.db.rawQuery(c.in, c.args)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: rawQuery(%q) = %v; want an error with %q", c.db.dialect.Name(), c.in, err, c.err)
		case c.err == "" && (err != nil || got != c.in):
			t.Errorf("%s: rawQuery(%q) = %q, %v; want it unchanged", c.db.dialect.Name(), c.in, got, err)
		}
	}
}

// FuzzRebind checks, for any statement rawQuery numbers for PostgreSQL,
// that the output without its $n is the input without its placeholders
// (?? read as ?), and that it has one $n per ? of the input outside
// literals, identifiers and comments, numbered 1, 2, … in order.
func FuzzRebind(f *testing.F) {
	for _, s := range rebindSeeds {
		f.Add(s)
	}
	pg := &DB{dialect: pgdialect.Dialect{}}
	f.Fuzz(func(t *testing.T, in string) {
		p := sqltext.ParamsOf(sqltext.PostgreSQL, in)
		n := p.Question
		if p.Dollar > 0 {
			n = p.Dollar
		}
		out, err := pg.rawQuery(in, make([]any, n))
		if err != nil {
			if !p.Numbered && (p.Dollar == 0 || p.Bare < 0) {
				t.Fatalf("rawQuery(%q) with %d args: %v", in, n, err)
			}
			return // mixed, or ?NNN
		}
		if p.Dollar > 0 {
			if out != in {
				t.Fatalf("a $n statement was changed: %q -> %q", in, out)
			}
			return
		}
		if adjacent(in) {
			return // a?, 1? and ?$ become a$1, 1$1 and $1$, which PostgreSQL reads as other tokens
		}
		stripped, nums := stripDollars(out)
		if want := stripQuestions(in); stripped != want {
			t.Fatalf("rawQuery(%q) = %q: without placeholders %q, want %q", in, out, stripped, want)
		}
		if len(nums) != p.Question {
			t.Fatalf("rawQuery(%q) = %q: %d $n, want %d", in, out, len(nums), p.Question)
		}
		for i, k := range nums {
			if k != i+1 {
				t.Fatalf("rawQuery(%q) = %q: $n in order %v", in, out, nums)
			}
		}
	})
}

// stripQuestions is in without its ? placeholders and with each ?? as ?.
func stripQuestions(in string) string {
	var b strings.Builder
	for i := 0; i < len(in); {
		if j := sqltext.Skip(in, i); j > i {
			b.WriteString(in[i:j])
			i = j
			continue
		}
		switch {
		case strings.HasPrefix(in[i:], "??"):
			b.WriteByte('?')
			i += 2
		case in[i] == '?':
			i++
		default:
			b.WriteByte(in[i])
			i++
		}
	}
	return b.String()
}

// stripDollars is out without the $n outside its literals, and the n.
// Only those rx wrote are there: a $n statement is left alone.
func stripDollars(out string) (string, []int) {
	var b strings.Builder
	var nums []int
	for i := 0; i < len(out); {
		if j := sqltext.Skip(out, i); j > i {
			b.WriteString(out[i:j])
			i = j
			continue
		}
		if out[i] == '$' && i+1 < len(out) && out[i+1] >= '0' && out[i+1] <= '9' && (i == 0 || !sqltext.IdentByte(out[i-1])) {
			j := i + 1
			for j < len(out) && out[j] >= '0' && out[j] <= '9' {
				j++
			}
			k, _ := strconv.Atoi(out[i+1 : j])
			nums = append(nums, k)
			i = j
			continue
		}
		b.WriteByte(out[i])
		i++
	}
	return b.String(), nums
}

// adjacent reports whether a ? of in touches an identifier's byte before
// it or a $ after it.
func adjacent(in string) bool {
	for i := 0; i < len(in); i++ {
		if in[i] == '?' && ((i > 0 && sqltext.IdentByte(in[i-1])) || (i+1 < len(in) && in[i+1] == '$')) {
			return true
		}
	}
	return false
}
