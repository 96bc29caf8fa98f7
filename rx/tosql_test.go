package rx_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

func seedTickets(t *testing.T, db *rx.DB) []*Ticket {
	t.Helper()
	ctx := context.Background()
	if err := db.CreateAll(ctx, &Ticket{}); err != nil {
		t.Fatal(err)
	}
	rows := []*Ticket{
		{Title: "alpha", OwnerName: "ann", Points: 3},
		{Title: "beta", OwnerName: "bob", Points: 5},
		{Title: "gamma", OwnerName: "ann", Points: 8},
		{Title: "delta", OwnerName: "cy", Points: 1},
		{Title: "epsilon", OwnerName: "ann", Points: 13},
	}
	if err := db.Insert(ctx, rows[0], rows[1], rows[2], rows[3], rows[4]); err != nil {
		t.Fatal(err)
	}
	return rows
}

func titles(ts []Ticket) string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Title)
	}
	return strings.Join(out, ",")
}

// Every builder's ToSQL runs unchanged through plain sqlx, so its
// placeholders are the connection's.
func TestToSQLRunsWithSQLX(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		seedTickets(t, db)
		x := db.SQLX()

		sel := rx.Select[Ticket](db).Where(rx.Eq{"owner_name": "ann"}, rx.Gt{"points": 3}).OrderBy("-points").Limit(5)
		query, args, err := sel.ToSQL()
		if err != nil {
			t.Fatal(err)
		}
		var got []Ticket
		if err := x.SelectContext(ctx, &got, query, args...); err != nil {
			t.Fatalf("sqlx.Select(%s): %v", query, err)
		}
		want, err := sel.All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if titles(got) != "epsilon,gamma" || !reflect.DeepEqual(got, want) {
			t.Fatalf("sqlx got %v, rx All %v; want epsilon,gamma from both", got, want)
		}

		query, args, err = rx.Update[Ticket](db).Set("points", rx.Expr("points + ?", 100)).Where(rx.Eq{"title": []string{"alpha", "beta"}}).ToSQL()
		if err != nil {
			t.Fatal(err)
		}
		if res, err := x.ExecContext(ctx, query, args...); err != nil {
			t.Fatalf("sqlx.Exec(%s): %v", query, err)
		} else if n, _ := res.RowsAffected(); n != 2 {
			t.Fatalf("update touched %d rows, want 2", n)
		}

		query, args, err = rx.Delete[Ticket](db).Where(rx.Lt{"points": 100}).ToSQL()
		if err != nil {
			t.Fatal(err)
		}
		if res, err := x.ExecContext(ctx, query, args...); err != nil {
			t.Fatalf("sqlx.Exec(%s): %v", query, err)
		} else if n, _ := res.RowsAffected(); n != 3 {
			t.Fatalf("delete removed %d rows, want 3", n)
		}

		query, args, err = rx.Insert(db, &Ticket{Title: "zeta", Points: 21}, &Ticket{Title: "eta", Points: 34}).ToSQL()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := x.ExecContext(ctx, query, args...); err != nil {
			t.Fatalf("sqlx.Exec(%s): %v", query, err)
		}
		query, args, err = rx.Insert(db, &Ticket{Model: rx.Model{ID: 1}, Title: "alpha again", Points: 7}).OnConflict("id").DoUpdate("title").ToSQL()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := x.ExecContext(ctx, query, args...); err != nil {
			t.Fatalf("sqlx.Exec(%s): %v", query, err)
		}
		all, err := rx.Select[Ticket](db).OrderBy("id").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if titles(all) != "alpha again,beta,zeta,eta" || all[0].Points != 103 {
			t.Fatalf("after the statements: %+v", all)
		}
	})
}

func TestInsertToSQLRefusesWhatIsNotOneStatement(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		if _, _, err := rx.Insert[Ticket](db).ToSQL(); err == nil {
			t.Error("ToSQL of an insert without rows must fail")
		}
		mixed := []*Ticket{{Title: "new"}, {Model: rx.Model{ID: 9}, Title: "keyed"}}
		if _, _, err := rx.Insert(db, mixed...).ToSQL(); err == nil || !strings.Contains(err.Error(), "key set") {
			t.Errorf("ToSQL of rows with and without keys: %v", err)
		}
		many := make([]*Ticket, 1001)
		for i := range many {
			many[i] = &Ticket{}
		}
		if _, _, err := rx.Insert(db, many...).ToSQL(); err == nil || !strings.Contains(err.Error(), "more than one statement") {
			t.Errorf("ToSQL of 1001 rows: %v", err)
		}
	})
}

// Builder gives the same rows as All, and takes what rx does not wrap.
func TestBuilderIsEquivalent(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		seedTickets(t, db)
		q := db.Dialect().Quote
		queries := map[string]*rx.SelectQuery[Ticket]{
			"where or":    rx.Select[Ticket](db).Where(rx.Or{rx.Eq{"owner_name": "bob"}, rx.Gt{"points": 7}}, rx.Expr("points <> ? OR title = ?", 8, "gamma")).OrderBy("title"),
			"page":        rx.Select[Ticket](db).OrderBy("points DESC").Limit(2).Offset(1),
			"offset only": rx.Select[Ticket](db).OrderBy("id").Offset(3),
			"columns":     rx.Select[Ticket](db).Columns("title", "points").Where(rx.Like{"title": "%a"}).OrderBy("-title"),
			"distinct":    rx.Select[Ticket](db).Columns("owner_name").Distinct().OrderBy("owner_name"),
			"group having": rx.Select[Ticket](db).Columns("owner_name").GroupBy("owner_name").
				Having(rx.Expr("COUNT(*) > ?", 1)).OrderBy("owner_name"),
			"join": rx.Select[Ticket](db).Join("JOIN "+q("ticket")+" other ON other.points > "+q("ticket")+".points AND other.title = ?", "epsilon").
				Where(rx.Lt{"ticket.points": 5}).OrderBy("ticket.title"),
			"in list and limit": rx.Select[Ticket](db).Where(rx.Eq{"owner_name": []string{"ann", "cy"}}).OrderBy("-points").Limit(3),
		}
		for name, q := range queries {
			// One renderer in effect: the builder's SQL is All's, to the letter.
			b0, err := q.Clone().Builder()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			bq, bargs, err := b0.ToSql()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			tq, targs, err := q.Clone().ToSQL()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if bq != tq || !reflect.DeepEqual(bargs, targs) {
				t.Errorf("%s: Builder renders %s %v, ToSQL %s %v", name, bq, bargs, tq, targs)
			}
			want, err := q.Clone().All(ctx)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			b, err := q.Builder()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			query, args, err := b.ToSql()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got := []Ticket{}
			if err := db.SQLX().SelectContext(ctx, &got, query, args...); err != nil {
				t.Fatalf("%s: sqlx.Select(%s): %v", name, query, err)
			}
			if len(want) == 0 || !reflect.DeepEqual(got, want) {
				t.Errorf("%s: Builder gave %v, All %v", name, titles(got), titles(want))
			}
		}
		// Something rx does not wrap: a column expression and a suffix.
		b, err := rx.Select[Ticket](db).Where(rx.Eq{"owner_name": "ann"}).Builder()
		if err != nil {
			t.Fatal(err)
		}
		query, args, err := b.RemoveColumns().Column("SUM(points) AS total").ToSql()
		if err != nil {
			t.Fatal(err)
		}
		var total int
		if err := db.SQLX().GetContext(ctx, &total, query, args...); err != nil || total != 24 {
			t.Fatalf("sum through Builder = %d (%v), want 24", total, err)
		}
		if _, err := rx.Select[Ticket](db).OrderBy("nope").Builder(); err == nil {
			t.Fatal("Builder must report the query's invalid column")
		}
	})
}

func TestQueryScansHandWrittenSQL(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		seedTickets(t, db)
		q := db.SQLX().Rebind // hand-written SQL is in the database's own style
		got, err := rx.Query[Ticket](ctx, db, q(`SELECT points, title, id FROM ticket WHERE owner_name = ? ORDER BY points`), "ann")
		if err != nil {
			t.Fatal(err)
		}
		if titles(got) != "alpha,gamma,epsilon" || got[0].Points != 3 || got[0].ID == 0 || got[0].OwnerName != "" {
			t.Fatalf("Query = %+v", got)
		}
		none, err := rx.Query[Ticket](ctx, db, q(`SELECT * FROM ticket WHERE points > ?`), 1000)
		if err != nil || none == nil || len(none) != 0 {
			t.Fatalf("Query with no rows = %#v, %v; want an empty slice", none, err)
		}
		one, err := rx.QueryOne[Ticket](ctx, db, q(`SELECT * FROM ticket WHERE title = ?`), "beta")
		if err != nil || one.OwnerName != "bob" || one.Points != 5 {
			t.Fatalf("QueryOne = %+v, %v", one, err)
		}
		if _, err := rx.QueryOne[Ticket](ctx, db, q(`SELECT * FROM ticket WHERE title = ?`), "omega"); !errors.Is(err, rx.ErrNotFound) {
			t.Fatalf("QueryOne of no row: %v, want ErrNotFound", err)
		}
		if _, err := rx.QueryOne[Ticket](ctx, db, `SELECT * FROM ticket`); !errors.Is(err, rx.ErrMultipleRows) {
			t.Fatalf("QueryOne of many rows: %v, want ErrMultipleRows", err)
		}
		_, err = rx.Query[Ticket](ctx, db, `SELECT id, points * 2 AS doubled FROM ticket`)
		var ce *rx.ColumnError
		if !errors.As(err, &ce) || ce.Column != "doubled" || ce.Model != "Ticket" {
			t.Fatalf("Query with a column the model lacks: %v, want a ColumnError naming doubled", err)
		}
		// Inside a session, Query sees the session's uncommitted rows.
		err = db.WithSession(ctx, func(s *rx.Session) error {
			if err := s.Add(&Ticket{Title: "staged", OwnerName: "dan"}); err != nil {
				return err
			}
			if err := s.Flush(ctx); err != nil {
				return err
			}
			got, err := rx.Query[Ticket](ctx, s, q(`SELECT * FROM ticket WHERE owner_name = ?`), "dan")
			if err != nil || titles(got) != "staged" {
				t.Errorf("Query in a session = %v, %v", got, err)
			}
			return errors.New("roll back")
		})
		if err == nil {
			t.Fatal("session error lost")
		}
	})
}

// Plain sqlx scans rx models, the embedded rx.Model included, on a *DB
// that rx opened.
func TestSQLXScansModels(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Account{}); err != nil {
			t.Fatal(err)
		}
		nick := "b"
		in := []*Account{
			{DisplayName: "Ann", CreatedAt: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC), IsAdmin: true},
			{DisplayName: "Bob", CreatedAt: time.Date(2025, 6, 7, 8, 9, 10, 0, time.UTC), Nickname: &nick},
		}
		if err := db.Insert(ctx, in[0], in[1]); err != nil {
			t.Fatal(err)
		}
		var users []Account
		if err := db.SQLX().SelectContext(ctx, &users, `SELECT * FROM account ORDER BY id`); err != nil {
			t.Fatal(err)
		}
		if len(users) != 2 || !sameAccount(users[0], *in[0]) || !sameAccount(users[1], *in[1]) || users[0].ID == 0 {
			t.Fatalf("sqlx Select = %+v, want %+v and %+v", users, *in[0], *in[1])
		}
		var one Account
		if err := db.SQLX().GetContext(ctx, &one, db.SQLX().Rebind(`SELECT * FROM account WHERE id = ?`), in[1].ID); err != nil || !sameAccount(one, *in[1]) {
			t.Fatalf("sqlx Get = %+v, %v", one, err)
		}
	})
}
