package rx_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type RebindScore struct {
	rx.Model
	Name  string
	Team  string
	Score *int
}

func rebindScores(t *testing.T, ctx context.Context, db *rx.DB) {
	t.Helper()
	if err := db.CreateAll(ctx, &RebindScore{}); err != nil {
		t.Fatal(err)
	}
	n := func(v int) *int { return &v }
	rows := []*RebindScore{
		{Name: "ann", Team: "Red", Score: n(10)}, {Name: "bob", Team: "red"}, {Name: "cy", Team: "Blue", Score: n(3)},
		{Name: "dan", Team: "blue", Score: n(8)}, {Name: "eve", Team: "Green", Score: n(12)},
	}
	if _, err := rx.Insert(db, rows...).Exec(ctx); err != nil {
		t.Fatal(err)
	}
}

func scoreNames(rows []RebindScore) string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Name)
	}
	return strings.Join(out, " ")
}

// OrderBy takes NULLS FIRST and NULLS LAST on every database (MySQL and
// MariaDB get `col IS NULL, col`), still checking the column.
func TestOrderByNulls(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		rebindScores(t, ctx, db)
		for term, want := range map[string]string{
			"score DESC NULLS LAST":         "eve ann dan cy bob",
			"-score nulls first":            "bob eve ann dan cy",
			"score NULLS FIRST":             "bob cy dan ann eve",
			"score ASC NULLS LAST":          "cy dan ann eve bob",
			"rebind_score.score NULLS LAST": "cy dan ann eve bob",
		} {
			got, err := rx.Select[RebindScore](db).OrderBy(term).All(ctx)
			if err != nil || scoreNames(got) != want {
				t.Errorf("OrderBy(%q) = %s, %v; want %s", term, scoreNames(got), err, want)
			}
		}
		type row struct {
			Name string
			S    *int
		}
		got, err := rx.Scan[row](ctx, rx.Select[RebindScore](db).Columns("name").ColumnExpr("s", "score * 2").OrderBy("s DESC NULLS LAST"))
		if err != nil || len(got) != 5 || got[0].Name != "eve" || got[4].Name != "bob" {
			t.Errorf("OrderBy(alias NULLS LAST) = %+v, %v", got, err)
		}
		got, err = rx.Scan[row](ctx, rx.Select[RebindScore](db).Columns("name").ColumnExpr("s", "score * ?", 2).OrderBy("s NULLS LAST", "name"))
		if err != nil || len(got) != 5 || got[0].Name != "cy" || got[4].Name != "bob" {
			t.Errorf("OrderBy(alias with an arg, ASC NULLS LAST) = %+v, %v", got, err)
		}
		// An aggregate's alias, which MySQL reads in no expression of ORDER BY.
		type total struct {
			Who   string
			Total *int64
		}
		for term, want := range map[string]string{"total NULLS LAST": "cy dan ann eve bob", "-total NULLS FIRST": "bob eve ann dan cy", "total NULLS FIRST": "bob cy dan ann eve"} {
			totals, err := rx.Scan[total](ctx, rx.Select[RebindScore](db).ColumnExpr("who", "name").ColumnExpr("total", "SUM(score * ?)", 2).
				Where(rx.Expr("name <> ?", "zed")).GroupBy("who").OrderBy(term))
			var names []string
			for _, r := range totals {
				names = append(names, r.Who)
			}
			if err != nil || strings.Join(names, " ") != want {
				t.Errorf("OrderBy(%q) of an aggregate alias = %v, %v; want %s", term, names, err, want)
			}
		}
		var ce *rx.ColumnError
		if _, err := rx.Select[RebindScore](db).OrderBy("nope NULLS LAST").All(ctx); !errors.As(err, &ce) || ce.Column != "nope" {
			t.Errorf("OrderBy(unknown NULLS LAST) = %v; want a ColumnError for nope", err)
		}
		if _, err := rx.Select[RebindScore](db).OrderBy("score NULLS SOMETIMES").All(ctx); !errors.As(err, &ce) {
			t.Errorf("OrderBy(score NULLS SOMETIMES) = %v; want a ColumnError", err)
		}
	})
}

// OrderByExpr and GroupByExpr take expressions with arguments, numbered
// with Where's on PostgreSQL.
func TestOrderByExprGroupByExpr(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		rebindScores(t, ctx, db)
		if got, err := rx.Select[RebindScore](db).OrderByExpr("LOWER(name) DESC").All(ctx); err != nil || scoreNames(got) != "eve dan cy bob ann" {
			t.Errorf("OrderByExpr(LOWER(name) DESC) = %s, %v", scoreNames(got), err)
		}
		q := rx.Select[RebindScore](db).Where(rx.Expr("name <> ?", "eve")).OrderByExpr("ABS(COALESCE(score, 0) - ?)", 8).OrderBy("name")
		query, args, err := q.Clone().ToSQL()
		if err != nil || !reflect.DeepEqual(args, []any{"eve", 8}) || (db.Dialect().Name() == "postgres" && !strings.Contains(query, "ORDER BY ABS(COALESCE(score, 0) - $2), ")) {
			t.Errorf("ToSQL = %s %v, %v", query, args, err)
		}
		if b, err := q.Clone().Builder(); err != nil {
			t.Error(err)
		} else if bq, ba, err := b.ToSql(); err != nil || bq != query || !reflect.DeepEqual(ba, args) {
			t.Errorf("Builder().ToSql() = %s %v, %v; want ToSQL's %s", bq, ba, err, query)
		}
		if got, err := q.All(ctx); err != nil || scoreNames(got) != "dan ann cy bob" {
			t.Errorf("Where(Expr ?).OrderByExpr(ABS(score - ?)) = %s, %v; want dan ann cy bob", scoreNames(got), err)
		}
		type count struct{ N int64 }
		counts, err := rx.Scan[count](ctx, rx.Select[RebindScore](db).ColumnExpr("n", "COUNT(*)").
			Where(rx.Expr("name <> ?", "zed")).GroupByExpr("COALESCE(score, 0) > ?", 5).OrderBy("n"))
		if err != nil || !slices.Equal(countsOf(counts, func(c count) int64 { return c.N }), []int64{2, 3}) {
			t.Errorf("GroupByExpr(score > ?) = %+v, %v; want 2, 3", counts, err)
		}
		if _, err := rx.Select[RebindScore](db).GroupByExpr("score > ?", 5).Builder(); err == nil || !strings.Contains(err.Error(), "use ToSQL") {
			t.Errorf("Builder with GroupByExpr args = %v; want an error", err)
		}
		_, err = rx.Select[RebindScore](db).OrderByExpr("score DESC NULLS LAST").All(ctx)
		if db.Dialect().Name() == "mysql" {
			if err == nil || !strings.Contains(err.Error(), "has no NULLS FIRST or NULLS LAST") {
				t.Errorf("OrderByExpr(NULLS LAST) on MySQL = %v; want an error naming OrderBy", err)
			}
		} else if err != nil {
			t.Errorf("OrderByExpr(NULLS LAST) = %v", err)
		}
		if _, err := rx.Select[RebindScore](db).OrderByExpr("score - ?").All(ctx); err == nil || !strings.Contains(err.Error(), "rx: Expr(") {
			t.Errorf("OrderByExpr with a ? and no arg = %v", err)
		}
	})
}

func countsOf[R any](rows []R, f func(R) int64) []int64 {
	var out []int64
	for _, r := range rows {
		out = append(out, f(r))
	}
	return out
}

// GroupBy, Having and OrderBy name a ColumnExpr alias on every database
// (Having by the alias's expression, which PostgreSQL needs).
func TestGroupHavingOrderByAlias(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		rebindScores(t, ctx, db)
		type team struct {
			TeamL string
			Total int64
		}
		got, err := rx.Scan[team](ctx, rx.Select[RebindScore](db).
			ColumnExpr("team_l", "LOWER(team)").ColumnExpr("total", "SUM(COALESCE(score, 0))").
			GroupBy("team_l").Having(rx.Gt{"total": 10}).OrderBy("-total NULLS LAST"))
		if err != nil || !reflect.DeepEqual(got, []team{{"green", 12}, {"blue", 11}}) {
			t.Errorf("GroupBy/Having/OrderBy alias = %+v, %v; want green 12, blue 11", got, err)
		}
		type level struct {
			Level string
			N     int64
		}
		q := rx.Select[RebindScore](db).
			ColumnExpr("level", "CASE WHEN COALESCE(score, 0) > ? THEN 'high' ELSE 'low' END", 5).ColumnExpr("n", "COUNT(*)").
			Where(rx.Expr("name <> ?", "zed")).GroupBy("level").Having(rx.Gt{"n": 0}).OrderBy("level")
		levels, err := rx.Scan[level](ctx, q)
		if err != nil || !reflect.DeepEqual(levels, []level{{"high", 3}, {"low", 2}}) {
			t.Errorf("GroupBy(alias with an arg) = %+v, %v; want high 3, low 2", levels, err)
		}
		if n, err := rx.Select[RebindScore](db).ColumnExpr("level", "CASE WHEN COALESCE(score, 0) > ? THEN 'high' ELSE 'low' END", 5).
			GroupBy("level").Count(ctx); err != nil || n != 2 {
			t.Errorf("Count of GroupBy(alias) = %d, %v; want 2", n, err)
		}
		var ce *rx.ColumnError
		_, err = rx.Scan[team](ctx, rx.Select[RebindScore](db).ColumnExpr("team_l", "LOWER(team)").ColumnExpr("total", "SUM(score * ?)", 2).
			GroupBy("team_l").Having(rx.Gt{"total": 10}))
		if !errors.As(err, &ce) || ce.Column != "total" {
			t.Errorf("Having on an alias with arguments = %v; want a ColumnError naming total", err)
		}
		if _, err := rx.Select[RebindScore](db).GroupBy("nope").Count(ctx); !errors.As(err, &ce) || ce.Column != "nope" {
			t.Errorf("GroupBy(unknown) = %v; want a ColumnError", err)
		}
	})
}
