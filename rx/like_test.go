package rx_test

import (
	"context"
	"slices"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type likeRow struct {
	rx.Model
	S string `rx:"size=40"`
}

func (likeRow) TableName() string { return "like_row" }

// Like, NotLike, ILike and NotILike take \ as their escape on every
// database, and rx.EscapeLike makes user input match itself.
func TestLikeEscapeIsPortable(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &likeRow{}); err != nil {
			t.Fatal(err)
		}
		values := []string{"50%", "50x", "a_b", "axb", `back\slash`, "backslash", "ABC"}
		rows := make([]*likeRow, len(values))
		for i, v := range values {
			rows[i] = &likeRow{S: v}
		}
		if _, err := rx.Insert(db, rows...).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		checkLikes(t, ctx, db)
		// Like keeps the database's case rule (MySQL's is the
		// column's collation, the server's choice).
		want := map[string]int64{"sqlite": 1, "postgres": 0}
		if w, ok := want[db.Dialect().Name()]; ok {
			if n, err := rx.Select[likeRow](db).Where(rx.Like{"s": "abc"}).Count(ctx); err != nil || n != w {
				t.Errorf("Like abc found %d, %v; want %d", n, err, w)
			}
		}
		if db.Dialect().Name() != "mysql" {
			return
		}
		// Under NO_BACKSLASH_ESCAPES a '\' literal would mean something
		// else to MySQL and MariaDB: the escape must still be \.
		err := db.WithSession(ctx, func(s *rx.Session) error {
			if _, err := s.Exec(ctx, "SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')"); err != nil {
				return err
			}
			defer s.Exec(ctx, "SET SESSION sql_mode = DEFAULT")
			checkLikes(t, ctx, s)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func checkLikes(t *testing.T, ctx context.Context, q rx.Querier) {
	t.Helper()
	cases := []struct {
		name string
		cond rx.Sqlizer
		want []string
	}{
		{`Like 50\%`, rx.Like{"s": `50\%`}, []string{"50%"}},
		{`Like 50%`, rx.Like{"s": "50%"}, []string{"50%", "50x"}},
		{`Like a\_b`, rx.Like{"s": `a\_b`}, []string{"a_b"}},
		{`Like EscapeLike(50%)`, rx.Like{"s": rx.EscapeLike("50%")}, []string{"50%"}},
		{`Like %EscapeLike(k\s)%`, rx.Like{"s": "%" + rx.EscapeLike(`k\s`) + "%"}, []string{`back\slash`}},
		{`NotLike 50\%`, rx.And{rx.NotLike{"s": `50\%`}, rx.Like{"s": "5%"}}, []string{"50x"}},
		{`ILike A\_B`, rx.ILike{"s": `A\_B`}, []string{"a_b"}},
		{`ILike abc`, rx.ILike{"s": "abc"}, []string{"ABC"}},
		{`NotILike %\_%`, rx.And{rx.NotILike{"s": `%\_%`}, rx.ILike{"s": "A%"}}, []string{"ABC", "axb"}},
	}
	for _, c := range cases {
		got, err := rx.Select[likeRow](q).Where(c.cond).All(ctx)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var ss []string
		for _, r := range got {
			ss = append(ss, r.S)
		}
		slices.Sort(ss)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(ss, want) {
			t.Errorf("%s found %q, want %q", c.name, ss, want)
		}
	}
}

func TestEscapeLike(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"": "", "plain": "plain", "50%": `50\%`, "a_b": `a\_b`, `c:\dir`: `c:\\dir`, `%_\`: `\%\_\\`} {
		if got := rx.EscapeLike(in); got != want {
			t.Errorf("EscapeLike(%q) = %q, want %q", in, got, want)
		}
	}
}
