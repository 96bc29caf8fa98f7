package sqltext

import "testing"

func TestParamsOfEachFlavor(t *testing.T) {
	cases := []struct {
		f    Flavor
		sql  string
		want Params
	}{
		{PostgreSQL, "SELECT 'a?'::text, E'b\\'?', \"c?\", $$d?$$, $t$e?$t$ /* f /* ? */ ? */ -- ?\n, ?, x ?? y", Params{Question: 1, Escaped: 1, Bare: 76}},
		{PostgreSQL, "SELECT $1, $12, a$3, data ? 'k'", Params{Question: 1, Dollar: 12, Bare: -1}},
		{PostgreSQL, "SELECT $1 WHERE b = ?", Params{Question: 1, Dollar: 1, Bare: 20}},
		{MySQL, "SELECT 'a\\'?', \"b\\\"?\", `c?` # d?\n, 1--?\n, ? -- e?\n", Params{Question: 2, Bare: 38}},
		{SQLite, "SELECT 'a?', \"b?\", [c?], `d?` -- e?\n, /* f? */ ?", Params{Question: 1, Bare: 47}},
		{SQLite, "SELECT ?1, :a, @b, $c, x::y", Params{Named: true, Numbered: true, Bare: -1}},
	}
	for _, c := range cases {
		if got := ParamsOf(c.f, c.sql); got != c.want {
			t.Errorf("ParamsOf(%d, %q) = %+v, want %+v", c.f, c.sql, got, c.want)
		}
	}
}
