package dialect_test

import (
	"testing"

	"github.com/rxgo/rxdb/dialect"
)

// Only a ? in the code of a statement is a placeholder.
func TestDollarSkipsLiteralsAndComments(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"a = ? AND b = ?":                      "a = $1 AND b = $2",
		"no placeholders":                      "no placeholders",
		"s = 'what?' AND t = ?":                "s = 'what?' AND t = $1",
		"s = 'it''s?' AND t = ?":               "s = 'it''s?' AND t = $1",
		`s = E'it\'s?' AND t = ?`:              `s = E'it\'s?' AND t = $1`,
		`s LIKE ? ESCAPE E'\\' AND t = ?`:      `s LIKE $1 ESCAPE E'\\' AND t = $2`,
		`"odd?col" = ?`:                        `"odd?col" = $1`,
		"x = $$a?b$$ AND y = ?":                "x = $$a?b$$ AND y = $1",
		"x = $q$a?$b$q$ AND y = ?":             "x = $q$a?$b$q$ AND y = $1",
		"x = ? -- why?\nAND y = ?":             "x = $1 -- why?\nAND y = $2",
		"x = ? /* a /* b? */ c? */ AND y = ?":  "x = $1 /* a /* b? */ c? */ AND y = $2",
		"doc ?? 'k' AND doc ??| ? AND a$b = ?": "doc ? 'k' AND doc ?| $1 AND a$b = $2",
		"unterminated 'x?":                     "unterminated 'x?",
	}
	for in, want := range cases {
		got, err := dialect.Dollar.ReplacePlaceholders(in)
		if err != nil || got != want {
			t.Errorf("Dollar(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
