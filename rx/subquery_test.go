package rx_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// A Builder() subquery inside rx.Expr composes with the outer query on
// every database: its placeholders are numbered once, for the whole
// statement (squirrel numbers each part from $1 on PostgreSQL).
func TestSubqueryInExprNumbersPlaceholdersOnce(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}, &Post{}); err != nil {
			t.Fatal(err)
		}
		users := []*User{{Username: "ann"}, {Username: "bob"}, {Username: "cy"}, {Username: "zed"}}
		if _, err := rx.Insert(db, users...).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		votes := []int{10, 3, 7, 9}
		for i, u := range users {
			if _, err := rx.Insert(db, &Post{UserID: u.ID, Title: "p", Votes: votes[i]}).Exec(ctx); err != nil {
				t.Fatal(err)
			}
		}
		popular := func() rx.Sqlizer { // authors of a post with more than 5 votes: ann, cy, zed
			b, err := rx.Select[Post](db).Columns("user_id").Where(rx.Gt{"votes": 5}).Builder()
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		names := func(us []User) []string {
			var out []string
			for _, u := range us {
				out = append(out, u.Username)
			}
			slices.Sort(out)
			return out
		}
		where := rx.Expr("id >= ? AND id IN (?) AND username <> ?", 1, popular(), "zed")
		if got, err := rx.Select[User](db).Where(where).All(ctx); err != nil || !slices.Equal(names(got), []string{"ann", "cy"}) {
			t.Errorf("Where(Expr(outer, subquery, outer)) = %v, %v; want ann, cy", names(got), err)
		}
		// A ? in a string literal is no placeholder.
		lit := rx.Expr("username <> 'who?' AND id IN (?) AND username <> ?", popular(), "cy")
		if got, err := rx.Select[User](db).Where(lit).All(ctx); err != nil || !slices.Equal(names(got), []string{"ann", "zed"}) {
			t.Errorf("Where(Expr with '?' literal) = %v, %v; want ann, zed", names(got), err)
		}
		// In an Or, next to rx's own conditions.
		or := rx.Or{rx.Eq{"username": "bob"}, rx.Expr("id IN (?) AND id < ?", popular(), users[2].ID)}
		if got, err := rx.Select[User](db).Where(rx.Gt{"id": 0}, or).All(ctx); err != nil || !slices.Equal(names(got), []string{"ann", "bob"}) {
			t.Errorf("Where(Or{Eq, Expr(subquery)}) = %v, %v; want ann, bob", names(got), err)
		}
		// In the select list.
		count, err := rx.Select[Post](db).ColumnExpr("n", "COUNT(*)").Where(rx.Gt{"votes": 5}).Builder()
		if err != nil {
			t.Fatal(err)
		}
		type row struct {
			Username string
			Big      int64
		}
		rows, err := rx.Scan[row](ctx, rx.Select[User](db).Columns("username").
			ColumnExpr("big", "? + (?) + ?", 100, count, 1000).
			Where(rx.Expr("id IN (?) AND username <> ?", popular(), "zed")).OrderBy("username"))
		if err != nil || len(rows) != 2 || rows[0] != (row{"ann", 1103}) || rows[1] != (row{"cy", 1103}) {
			t.Errorf("ColumnExpr(outer, subquery, outer) = %+v, %v; want ann and cy with 1103", rows, err)
		}
		// In an Update's Set and Where.
		n, err := rx.Update[Post](db).Set("votes", rx.Expr("votes + ? + (?)", 1, count)).
			Where(rx.Expr("user_id IN (?) AND title = ?", popular(), "p")).Exec(ctx)
		if err != nil || n != 3 {
			t.Fatalf("Update with subqueries = %d, %v; want 3", n, err)
		}
		if p, err := rx.Select[Post](db).Where(rx.Eq{"user_id": users[0].ID}).One(ctx); err != nil || p.Votes != 14 {
			t.Errorf("ann's post has %+v, %v; want 10 + 1 + 3 votes", p, err)
		}
		// A subquery of a subquery, and Builder's own SQL run as a raw query.
		inner, err := rx.Select[User](db).Columns("id").Where(rx.Expr("username <> ? AND id IN (?)", "cy", popular())).Builder()
		if err != nil {
			t.Fatal(err)
		}
		outer, err := rx.Select[User](db).Where(rx.Gt{"id": 0}, rx.Expr("id IN (?) AND username <> ?", inner, "zed")).OrderBy("username").Builder()
		if err != nil {
			t.Fatal(err)
		}
		if q, a, err := outer.ToSql(); err != nil {
			t.Errorf("Builder with nested subqueries: %v", err)
		} else if got, err := rx.Query[User](ctx, db, q, a...); err != nil || !slices.Equal(names(got), []string{"ann"}) {
			t.Errorf("Builder with nested subqueries = %v, %v; want ann (%s %v)", names(got), err, q, a)
		}
		// On PostgreSQL each placeholder is numbered once, in order.
		query, args, err := rx.Select[User](db).Where(where).ToSQL()
		if err != nil {
			t.Fatal(err)
		}
		if db.Dialect().Name() == "postgres" && (!strings.Contains(query, "$3") || strings.Count(query, "$1") != 1 || len(args) != 3) {
			t.Errorf("ToSQL = %s %v; want $1, $2, $3 once each", query, args)
		}
	})
}
