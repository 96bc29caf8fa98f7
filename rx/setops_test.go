package rx_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type SetopsAuthor struct {
	rx.Model
	Name string
}

type SetopsPost struct {
	rx.Model
	AuthorID int64 `rx:"index"`
	EditorID *int64
	Title    string
	Votes    int
}

// SetopsNode is a tree: each node but a root has a parent.
type SetopsNode struct {
	rx.Model
	ParentID *int64 `rx:"index"`
	Name     string
}

// setopsOnce fails t unless exactly one statement was sent since the
// last call, and returns it.
func setopsOnce(t *testing.T, c *statements, what string) string {
	t.Helper()
	qs := c.take()
	if len(qs) != 1 {
		t.Errorf("%s sent %d statements, want 1: %q", what, len(qs), qs)
		return ""
	}
	return qs[0]
}

// setopsData fills authors ann, bob, cy, dee and posts ann:10, ann:2,
// bob:3, cy:7 (votes; bob's and cy's with an editor, ann's without), and
// returns the authors by name and a counter hooked to db.
func setopsData(t *testing.T, db *rx.DB) (map[string]*SetopsAuthor, *statements) {
	t.Helper()
	ctx := context.Background()
	if err := db.CreateAll(ctx, &SetopsAuthor{}, &SetopsPost{}); err != nil {
		t.Fatal(err)
	}
	byName := map[string]*SetopsAuthor{}
	for _, n := range []string{"ann", "bob", "cy", "dee"} {
		a := &SetopsAuthor{Name: n}
		if err := db.Insert(ctx, a); err != nil {
			t.Fatal(err)
		}
		byName[n] = a
	}
	ed := byName["dee"].ID
	posts := []*SetopsPost{
		{AuthorID: byName["ann"].ID, Title: "a1", Votes: 10},
		{AuthorID: byName["ann"].ID, Title: "a2", Votes: 2},
		{AuthorID: byName["bob"].ID, Title: "b1", Votes: 3, EditorID: &ed},
		{AuthorID: byName["cy"].ID, Title: "c1", Votes: 7, EditorID: &ed},
	}
	for _, p := range posts {
		if err := db.Insert(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	c := &statements{}
	db.AddQueryHook(c)
	return byName, c
}

func setopsNames(as []SetopsAuthor) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return strings.Join(out, ",")
}

func setopsVotes(ps []SetopsPost) string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprint(p.Votes))
	}
	return strings.Join(out, ",")
}

// setopsPlaceholders fails t unless, on PostgreSQL, query numbers its n
// placeholders $1…$n once each.
func setopsPlaceholders(t *testing.T, db *rx.DB, query string, n int) {
	t.Helper()
	if db.Dialect().Name() != "postgres" {
		return
	}
	for i := 1; i <= n; i++ {
		if strings.Count(query, fmt.Sprintf("$%d", i)) != 1 {
			t.Errorf("placeholder $%d is not there once in %s", i, query)
		}
	}
	if strings.Contains(query, fmt.Sprintf("$%d", n+1)) || strings.Contains(query, "?") {
		t.Errorf("more than %d placeholders, or a ?, in %s", n, query)
	}
}

func TestSetopsInAndExists(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		by, c := setopsData(t, db)
		popular := func() *rx.SelectQuery[SetopsPost] { // authors of a post with more than 5 votes: ann, cy
			return rx.Select[SetopsPost](db).Columns("author_id").Where(rx.Gt{"votes": 5})
		}
		authors := func(conds ...rx.Sqlizer) string {
			t.Helper()
			got, err := rx.Select[SetopsAuthor](db).Where(conds...).OrderBy("name").All(ctx)
			if err != nil {
				t.Errorf("Where(%v): %v", conds, err)
			}
			return setopsNames(got)
		}
		if got := authors(rx.In("id", popular())); got != "ann,cy" {
			t.Errorf("In = %s, want ann,cy", got)
		}
		setopsOnce(t, c, "In")
		if got := authors(rx.NotIn("id", popular())); got != "bob,dee" {
			t.Errorf("NotIn = %s, want bob,dee", got)
		}
		setopsOnce(t, c, "NotIn")
		// Placeholders before, inside and after the subquery.
		got := authors(rx.Gt{"id": 0}, rx.In("id", popular()), rx.NotEq{"name": "cy"})
		if q := setopsOnce(t, c, "In between conditions"); got != "ann" {
			t.Errorf("In between conditions = %s, want ann", got)
		} else {
			setopsPlaceholders(t, db, q, 3)
		}
		// A Limit inside IN (read through a derived table on MariaDB).
		top := rx.Select[SetopsPost](db).Columns("author_id").OrderBy("-votes").Limit(1)
		if got := authors(rx.In("id", top)); got != "ann" {
			t.Errorf("In(Limit(1)) = %s, want ann", got)
		}
		setopsOnce(t, c, "In with Limit")
		// Correlated: authors with (without) a post.
		wrote := rx.Select[SetopsPost](db).Where(rx.Eq{"author_id": rx.Col("setops_author.id")})
		if got := authors(rx.Exists(wrote.Clone())); got != "ann,bob,cy" {
			t.Errorf("Exists = %s, want ann,bob,cy", got)
		}
		setopsOnce(t, c, "Exists")
		if got := authors(rx.NotExists(wrote.Clone().Where(rx.Gt{"votes": 5}))); got != "bob,dee" {
			t.Errorf("NotExists = %s, want bob,dee", got)
		}
		setopsOnce(t, c, "NotExists")
		// rx.Col in a NotEq, next to a bound value, and an outer column in a plain comparison.
		others := rx.Select[SetopsPost](db).Where(rx.NotEq{"author_id": rx.Col("setops_author.id"), "votes": 2})
		if got := authors(rx.Exists(others), rx.Eq{"id": rx.Col("setops_author.id")}); got != "ann,bob,cy,dee" {
			t.Errorf("Exists(NotEq{Col}) = %s, want every author", got)
		}
		setopsOnce(t, c, "Exists(NotEq{Col})")
		// In an Or, and as an Expr argument.
		if got := authors(rx.Or{rx.Eq{"name": "dee"}, rx.In("id", popular())}); got != "ann,cy,dee" {
			t.Errorf("Or{Eq, In} = %s, want ann,cy,dee", got)
		}
		setopsOnce(t, c, "Or{Eq, In}")
		if got := authors(rx.Expr("id IN (?) AND name <> ?", popular(), "ann")); got != "cy" {
			t.Errorf("Expr(id IN (?), sub) = %s, want cy", got)
		}
		setopsOnce(t, c, "Expr with a subquery")
		// NOT IN over a NULL is true of no row, on every database; NotExists is the null-safe form.
		editors := rx.Select[SetopsPost](db).Columns("editor_id")
		if got := authors(rx.NotIn("id", editors)); got != "" {
			t.Errorf("NotIn(a column with NULLs) = %s, want no row", got)
		}
		c.take()
		edited := rx.Select[SetopsPost](db).Where(rx.Expr("setops_post.editor_id = setops_author.id")) // as SQL
		if got := authors(rx.NotExists(edited)); got != "ann,bob,cy" {
			t.Errorf("NotExists(editor) = %s, want ann,bob,cy", got)
		}
		c.take()
		// In an Update's Where, one statement.
		bobs := rx.Select[SetopsAuthor](db).Columns("id").Where(rx.Eq{"name": "bob"})
		if n, err := rx.Update[SetopsPost](db).Set("votes", 30).Where(rx.In("author_id", bobs)).Exec(ctx); err != nil || n != 1 {
			t.Errorf("Update Where In = %d, %v; want 1", n, err)
		}
		setopsOnce(t, c, "Update Where In")
		if p, err := rx.Select[SetopsPost](db).Where(rx.Eq{"author_id": by["bob"].ID}).One(ctx); err != nil || p.Votes != 30 {
			t.Errorf("bob's post = %+v, %v; want 30 votes", p, err)
		}
		// A Delete whose subquery reads the same table (MySQL refuses that
		// unless the subquery is a derived table; MariaDB accepts it).
		c.take()
		low := rx.Select[SetopsPost](db).Columns("id").Where(rx.Lt{"votes": 5}).OrderBy("votes").Limit(1)
		if n, err := rx.Delete[SetopsPost](db).Where(rx.In("id", low)).Exec(ctx); err != nil || n != 1 {
			t.Errorf("Delete Where In(same table, Limit) = %d, %v; want 1", n, err)
		}
		setopsOnce(t, c, "Delete Where In")
		if n, err := rx.Select[SetopsPost](db).Count(ctx); err != nil || n != 3 {
			t.Errorf("after the delete, %d posts, %v; want 3", n, err)
		}
	})
}

func TestSetopsFromAndJoinQuery(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		_, c := setopsData(t, db)
		// A derived table, read as SetopsPost's table.
		over2 := rx.Select[SetopsPost](db).Where(rx.Gt{"votes": 2})
		got, err := rx.Select[SetopsPost](db).From(over2.Clone()).Where(rx.Lt{"votes": 10}).OrderBy("votes").All(ctx)
		if q := setopsOnce(t, c, "From"); err != nil || setopsVotes(got) != "3,7" {
			t.Errorf("From(derived) = %s, %v; want 3,7", setopsVotes(got), err)
		} else {
			setopsPlaceholders(t, db, q, 2)
		}
		if n, err := rx.Select[SetopsPost](db).From(over2.Clone()).Count(ctx); err != nil || n != 3 {
			t.Errorf("From(derived).Count = %d, %v; want 3", n, err)
		}
		setopsOnce(t, c, "From Count")
		// A grouped derived table in a join.
		type total struct {
			Name  string
			Total int64
		}
		totals := rx.Select[SetopsPost](db).Columns("author_id").ColumnExpr("total", "SUM(votes)").
			Where(rx.Gt{"votes": 1}).GroupBy("author_id")
		rows, err := rx.Scan[total](ctx, rx.Select[SetopsAuthor](db).Columns("name").ColumnExpr("total", "t.total").
			JoinQuery(totals.Clone(), "t", "t.author_id = setops_author.id AND t.total > ?", 4).
			Where(rx.NotEq{"name": "zed"}).OrderBy("-total"))
		if q := setopsOnce(t, c, "JoinQuery"); err != nil || fmt.Sprint(rows) != "[{ann 12} {cy 7}]" {
			t.Errorf("JoinQuery = %v, %v; want ann 12, cy 7", rows, err)
		} else {
			setopsPlaceholders(t, db, q, 3)
		}
		rows, err = rx.Scan[total](ctx, rx.Select[SetopsAuthor](db).Columns("name").ColumnExpr("total", "COALESCE(t.total, 0)").
			LeftJoinQuery(totals.Clone(), "t", "t.author_id = setops_author.id").OrderBy("name"))
		if err != nil || fmt.Sprint(rows) != "[{ann 12} {bob 3} {cy 7} {dee 0}]" {
			t.Errorf("LeftJoinQuery = %v, %v; want every author with a total", rows, err)
		}
		setopsOnce(t, c, "LeftJoinQuery")
	})
}

func TestSetopsCTE(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		_, c := setopsData(t, db)
		popular := rx.CTE("popular", rx.Select[SetopsPost](db).Columns("author_id").Where(rx.Gt{"votes": 5}))
		got, err := rx.Select[SetopsAuthor](db).WithCTE(popular).Where(rx.NotEq{"name": "cy"}, rx.In("id", popular)).All(ctx)
		if q := setopsOnce(t, c, "WithCTE In"); err != nil || setopsNames(got) != "ann" {
			t.Errorf("WithCTE + In(cte) = %s, %v; want ann", setopsNames(got), err)
		} else if !strings.HasPrefix(q, "WITH ") {
			t.Errorf("WithCTE sent %s", q)
		} else {
			setopsPlaceholders(t, db, q, 2)
		}
		big := rx.CTE("big", rx.Select[SetopsPost](db).Where(rx.GtOrEq{"votes": 3}))
		posts, err := rx.Select[SetopsPost](db).WithCTE(big).From(big).Where(rx.Lt{"votes": 10}).OrderBy("-votes").All(ctx)
		if err != nil || setopsVotes(posts) != "7,3" {
			t.Errorf("WithCTE + From(cte) = %s, %v; want 7,3", setopsVotes(posts), err)
		}
		setopsOnce(t, c, "From(cte)")
		// Two CTEs, the second joining the first by name.
		tops := rx.CTE("tops", rx.Select[SetopsPost](db).Columns("author_id").Join("JOIN popular ON popular.author_id = setops_post.author_id").Where(rx.Lt{"votes": 5}))
		got, err = rx.Select[SetopsAuthor](db).WithCTE(popular, tops).Where(rx.In("id", tops)).All(ctx)
		if err != nil || setopsNames(got) != "ann" {
			t.Errorf("two CTEs = %s, %v; want ann", setopsNames(got), err)
		}
		setopsOnce(t, c, "two CTEs")
	})
}

func TestSetopsRecursiveCTE(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &SetopsNode{}); err != nil {
			t.Fatal(err)
		}
		ids := map[string]int64{}
		for _, n := range [][2]string{{"root", ""}, {"a", "root"}, {"b", "root"}, {"a1", "a"}, {"x", ""}, {"x1", "x"}, {"a1i", "a1"}} {
			node := &SetopsNode{Name: n[0]}
			if n[1] != "" {
				p := ids[n[1]]
				node.ParentID = &p
			}
			if err := db.Insert(ctx, node); err != nil {
				t.Fatal(err)
			}
			ids[n[0]] = node.ID
		}
		c := &statements{}
		db.AddQueryHook(c)
		tree := rx.CTE("tree", rx.UnionAll(
			rx.Select[SetopsNode](db).Where(rx.Eq{"id": ids["a"]}),
			rx.Select[SetopsNode](db).Join("JOIN tree ON tree.id = setops_node.parent_id").Where(rx.NotEq{"name": "nobody"})))
		nodes, err := rx.Select[SetopsNode](db).WithRecursive(tree).From(tree).OrderBy("name").All(ctx)
		var names []string
		for _, n := range nodes {
			names = append(names, n.Name)
		}
		q := setopsOnce(t, c, "WithRecursive")
		if err != nil || !slices.Equal(names, []string{"a", "a1", "a1i"}) {
			t.Errorf("tree walk from a = %v, %v; want a, a1, a1i (%s)", names, err, q)
		} else if !strings.HasPrefix(q, "WITH RECURSIVE ") {
			t.Errorf("WithRecursive sent %s", q)
		} else {
			setopsPlaceholders(t, db, q, 2)
		}
		if nodes[1].ParentID == nil || *nodes[1].ParentID != ids["a"] {
			t.Errorf("a1's parent = %v, want %d", nodes[1].ParentID, ids["a"])
		}
	})
}

func TestSetopsUnion(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		by, c := setopsData(t, db)
		over5 := func() *rx.SelectQuery[SetopsPost] { return rx.Select[SetopsPost](db).Where(rx.Gt{"votes": 5}) }
		bobs := rx.Select[SetopsPost](db).Where(rx.Eq{"author_id": by["bob"].ID})
		got, err := rx.Union(over5(), bobs.Clone()).OrderBy("-votes").Limit(2).All(ctx)
		if q := setopsOnce(t, c, "Union"); err != nil || setopsVotes(got) != "10,7" {
			t.Errorf("Union.OrderBy.Limit = %s, %v; want 10,7", setopsVotes(got), err)
		} else {
			setopsPlaceholders(t, db, q, 2)
		}
		if n, err := rx.Union(over5(), bobs.Clone(), over5()).Count(ctx); err != nil || n != 3 {
			t.Errorf("Union of three.Count = %d, %v; want 3", n, err)
		}
		setopsOnce(t, c, "Union Count")
		if n, err := rx.UnionAll(over5(), over5()).Count(ctx); err != nil || n != 4 {
			t.Errorf("UnionAll.Count = %d, %v; want 4", n, err)
		}
		setopsOnce(t, c, "UnionAll Count")
		// Members keep their own OrderBy and Limit.
		most := rx.Select[SetopsPost](db).OrderBy("-votes").Limit(1)
		least := rx.Select[SetopsPost](db).Where(rx.Gt{"votes": 0}).OrderBy("votes").Limit(1)
		got, err = rx.UnionAll(most, least).OrderBy("votes").All(ctx)
		if err != nil || setopsVotes(got) != "2,10" {
			t.Errorf("UnionAll of limited members = %s, %v; want 2,10", setopsVotes(got), err)
		}
		setopsOnce(t, c, "UnionAll of limited members")
		// The same projection on each side.
		type author struct{ AuthorID int64 }
		ids, err := rx.Scan[author](ctx, rx.Union(
			rx.Select[SetopsPost](db).Columns("author_id").Where(rx.Gt{"votes": 5}),
			rx.Select[SetopsPost](db).Columns("author_id").Where(rx.Lt{"votes": 3})).OrderBy("-author_id"))
		if err != nil || fmt.Sprint(ids) != fmt.Sprintf("[{%d} {%d}]", by["cy"].ID, by["ann"].ID) {
			t.Errorf("Union of projections = %v, %v; want cy's and ann's ids", ids, err)
		}
		setopsOnce(t, c, "Union of projections")
		// A union as a subquery of In.
		authors, err := rx.Select[SetopsAuthor](db).Where(rx.In("id", rx.Union(
			rx.Select[SetopsPost](db).Columns("author_id").Where(rx.Eq{"votes": 3}),
			rx.Select[SetopsPost](db).Columns("author_id").Where(rx.Eq{"votes": 7})))).OrderBy("name").All(ctx)
		if err != nil || setopsNames(authors) != "bob,cy" {
			t.Errorf("In(Union) = %s, %v; want bob,cy", setopsNames(authors), err)
		}
		setopsOnce(t, c, "In(Union)")
	})
}

// Bad subqueries, CTEs and unions fail before any SQL, naming the fix.
func TestSetopsBadInput(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		_, c := setopsData(t, db)
		posts := func() *rx.SelectQuery[SetopsPost] { return rx.Select[SetopsPost](db) }
		cases := []struct {
			name string
			err  error
			want string
		}{
			{"In of two columns", setopsRun(rx.Select[SetopsAuthor](db).Where(rx.In("id", posts().Columns("id", "author_id")))), "returns 2 columns"},
			{"In of every column", setopsRun(rx.Select[SetopsAuthor](db).Where(rx.In("id", posts()))), `give it one column, as in rx.Select[Post](db).Columns("user_id")`},
			{"In of an unknown column", setopsRun(rx.Select[SetopsAuthor](db).Where(rx.In("nope", posts().Columns("author_id")))), "nope"},
			{"In of a bad subquery", setopsRun(rx.Select[SetopsAuthor](db).Where(rx.In("id", posts().Columns("nope")))), "nope"},
			{"Col of an unknown table", setopsRun(rx.Select[SetopsAuthor](db).Where(rx.Exists(posts().Where(rx.Eq{"author_id": rx.Col("nope.id")})))), `table "nope" is not the table of a model`},
			{"Col of an unknown column", setopsRun(rx.Select[SetopsAuthor](db).Where(rx.Exists(posts().Where(rx.NotEq{"author_id": rx.Col("setops_author.nope")})))), "nope"},
			{"a subquery in Eq", setopsRun(rx.Select[SetopsAuthor](db).Where(rx.Eq{"id": posts().Columns("author_id")})), `write rx.In("id", sub)`},
			{"Col in Lt", setopsRun(posts().Where(rx.Lt{"votes": rx.Col("id")})), "write rx.Expr"},
			{"a subquery in Gt", setopsRun(posts().Where(rx.Gt{"votes": posts().Columns("votes")})), "use rx.In, rx.NotIn or rx.Exists"},
			{"Exists(nil)", setopsRun(rx.Select[SetopsAuthor](db).Where(rx.Exists(nil))), "rx.Exists(nil)"},
			{"CTE name", setopsRun(rx.Select[SetopsAuthor](db).WithCTE(rx.CTE(`x"; DROP TABLE setops_post; --`, posts()))), "a CTE name must be letters"},
			{"CTE name with a digit first", setopsRun(rx.Select[SetopsAuthor](db).WithCTE(rx.CTE("1tree", posts()))), `as in rx.CTE("tree", q)`},
			{"CTE twice", setopsRun(rx.Select[SetopsAuthor](db).WithCTE(rx.CTE("p", posts()), rx.CTE("p", posts()))), "already in the WITH clause"},
			{"From a CTE not in WITH", setopsRun(posts().From(rx.CTE("p", posts()))), "add .WithCTE(cte)"},
			{"From another CTE of a WITH's name", setopsRun(posts().WithCTE(rx.CTE("p", posts())).From(rx.CTE("p", posts().Where(rx.Gt{"votes": 1})))), "has another CTE of that name"},
			{"JoinQuery alias", setopsRun(posts().JoinQuery(posts(), "t t", "1=1")), "the alias must be letters"},
			{"Union of mismatched columns", setopsRun(rx.Union(posts().Columns("id"), posts().Columns("id", "votes"))), "query 2 returns 2 columns and query 1 returns 1"},
			{"Union of a projection and every column", setopsRun(rx.UnionAll(posts(), posts().Columns("id"))), "give each the same Columns"},
			{"subquery with With", setopsRun(rx.Select[SetopsAuthor](db).Where(rx.Exists(rx.Select[relUser](db).With("Profile")))), "drop the With (put it on the outer query)"},
			{"subquery with a lock", setopsRun(rx.Select[SetopsAuthor](db).Where(rx.Exists(posts().ForUpdate()))), "put ForUpdate or ForShare on the outer query"},
			{"Builder of a union", setopsBuilderErr(rx.Union(posts(), posts())), "use ToSQL"},
		}
		for _, tc := range cases {
			if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
				t.Errorf("%s: err = %v; want one containing %q", tc.name, tc.err, tc.want)
			}
		}
		if qs := c.take(); len(qs) != 0 {
			t.Errorf("bad input sent %q", qs)
		}
		_ = ctx
	})
}

func setopsRun[T any](q *rx.SelectQuery[T]) error {
	_, err := q.All(context.Background())
	return err
}

func setopsBuilderErr[T any](q *rx.SelectQuery[T]) error {
	_, err := q.Builder()
	return err
}

// Subqueries compose with the rest of the builder: With on a union, a
// correlated scalar subquery in the select list, In in Having, and
// subqueries built on a Session inside its transaction.
func TestSetopsComposes(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		by, c := setopsData(t, db)
		if err := db.CreateAll(ctx, &relProfile{}, &relUser{}); err != nil {
			t.Fatal(err)
		}
		err := db.WithSession(ctx, func(s *rx.Session) error { // ann has a profile, bob none
			writer := &relUser{Login: "ann"}
			if err := s.Add(writer, &relUser{Login: "bob"}); err != nil {
				return err
			}
			if err := s.Flush(ctx); err != nil {
				return err
			}
			return s.Add(&relProfile{UserID: writer.ID, Bio: "writes"})
		})
		if err != nil {
			t.Fatal(err)
		}
		c.take()
		users, err := rx.Union(rx.Select[relUser](db).Where(rx.Eq{"login": "ann"}), rx.Select[relUser](db).Where(rx.Eq{"login": "bob"})).
			OrderBy("login").With("Profile").All(ctx)
		if err != nil || len(users) != 2 || users[0].Profile == nil || users[0].Profile.Bio != "writes" || users[1].Profile != nil {
			t.Errorf("Union.With(Profile) = %+v, %v; want ann with her profile, bob without", users, err)
		}
		if qs := c.take(); len(qs) != 2 {
			t.Errorf("Union.With sent %d statements, want 2 (the union, the profiles): %q", len(qs), qs)
		}
		// A correlated scalar subquery in the select list.
		type posts struct {
			Name  string
			Posts int64
		}
		count := rx.Select[SetopsPost](db).ColumnExpr("n", "COUNT(*)").Where(rx.Eq{"author_id": rx.Col("setops_author.id")}, rx.Gt{"votes": 2})
		rows, err := rx.Scan[posts](ctx, rx.Select[SetopsAuthor](db).Columns("name").ColumnExpr("posts", "(?) + ?", count, 100).
			Where(rx.NotEq{"name": "dee"}).OrderBy("name"))
		if q := setopsOnce(t, c, "scalar subquery"); err != nil || fmt.Sprint(rows) != "[{ann 101} {bob 101} {cy 101}]" {
			t.Errorf("ColumnExpr(scalar subquery) = %v, %v; want 101 each", rows, err)
		} else {
			setopsPlaceholders(t, db, q, 3)
		}
		// In in Having.
		type group struct{ AuthorID int64 }
		groups, err := rx.Scan[group](ctx, rx.Select[SetopsPost](db).Columns("author_id").GroupBy("author_id").
			Having(rx.In("author_id", rx.Select[SetopsAuthor](db).Columns("id").Where(rx.Eq{"name": "cy"}))))
		if err != nil || len(groups) != 1 || groups[0].AuthorID != by["cy"].ID {
			t.Errorf("Having(In) = %v, %v; want cy's group", groups, err)
		}
		c.take()
		// On a Session: the subquery reads the transaction's own writes.
		err = db.WithSession(ctx, func(s *rx.Session) error {
			if err := s.Add(&SetopsPost{AuthorID: by["dee"].ID, Title: "d1", Votes: 50}); err != nil {
				return err
			}
			if err := s.Flush(ctx); err != nil {
				return err
			}
			got, err := rx.Select[SetopsAuthor](s).Where(rx.In("id", rx.Select[SetopsPost](s).Columns("author_id").Where(rx.Gt{"votes": 40}))).All(ctx)
			if err != nil || setopsNames(got) != "dee" {
				t.Errorf("In on a Session = %s, %v; want dee", setopsNames(got), err)
			}
			return errors.New("roll back")
		})
		if err == nil || err.Error() != "roll back" {
			t.Errorf("WithSession = %v", err)
		}
	})
}

// GroupBy of a ColumnExpr alias on a union of projections groups by the
// alias's position after the projection's columns, which the union's
// "t".* stands for in the select list.
func TestSetopsGroupByAliasOfAUnion(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		setopsData(t, db)
		u := rx.Union(rx.Select[SetopsPost](db).Columns("author_id", "title").Where(rx.Gt{"votes": 5}),
			rx.Select[SetopsPost](db).Columns("author_id", "title").Where(rx.Lt{"votes": 5}))
		query, _, err := u.ColumnExpr("one", "1").GroupBy("one").ToSQL()
		if err != nil || !strings.HasSuffix(query, " GROUP BY 3") {
			t.Errorf("GroupBy(\"one\") after a union of two columns: %s, %v; want GROUP BY 3", query, err)
		}
	})
}
