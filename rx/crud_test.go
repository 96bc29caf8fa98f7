package rx_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type User struct {
	rx.Model
	Username string `rx:"unique"`
	Email    string `rx:"index"`
	Password string
}

func TestInsertGetUpdateDelete(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}); err != nil {
			t.Fatal(err)
		}
		u := &User{Username: "ann", Email: "ann@example.com", Password: "pw"}
		if err := db.Insert(ctx, u); err != nil {
			t.Fatal(err)
		}
		if u.ID == 0 {
			t.Fatal("Insert did not set the generated ID")
		}
		got, err := rx.Get[User](ctx, db, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if *got != *u {
			t.Fatalf("Get = %+v, want %+v", got, u)
		}
		u.Email = "ann@new.example"
		if err := db.Update(ctx, u); err != nil {
			t.Fatal(err)
		}
		got, _ = rx.Get[User](ctx, db, u.ID)
		if got.Email != "ann@new.example" {
			t.Fatalf("after Update, email = %q", got.Email)
		}
		if err := db.Delete(ctx, u); err != nil {
			t.Fatal(err)
		}
		_, err = rx.Get[User](ctx, db, u.ID)
		if !errors.Is(err, rx.ErrNotFound) || !errors.Is(err, sql.ErrNoRows) {
			t.Fatalf("Get after Delete: %v, want ErrNotFound matching sql.ErrNoRows", err)
		}
		if err := db.Delete(ctx, u); !errors.Is(err, rx.ErrNotFound) {
			t.Fatalf("second Delete: %v, want ErrNotFound", err)
		}
		if err := db.Update(ctx, u); !errors.Is(err, rx.ErrNotFound) {
			t.Fatalf("Update of deleted row: %v, want ErrNotFound", err)
		}
	})
}

func TestSessionAddFlushesBatches(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}); err != nil {
			t.Fatal(err)
		}
		users := make([]*User, 2500)
		err := db.WithSession(ctx, func(s *rx.Session) error {
			for i := range users {
				users[i] = &User{Username: "u" + itoa(i), Email: "e"}
				if err := s.Add(users[i]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int64]bool{}
		for i, u := range users {
			if u.ID == 0 || seen[u.ID] {
				t.Fatalf("user %d has ID %d (zero or duplicate)", i, u.ID)
			}
			seen[u.ID] = true
			got, err := rx.Get[User](ctx, db, u.ID)
			if err != nil || got.Username != u.Username {
				t.Fatalf("row %d: id %d holds %+v (%v), want username %s", i, u.ID, got, err, u.Username)
			}
		}
		n, err := rx.Select[User](db).Count(ctx)
		if err != nil || n != 2500 {
			t.Fatalf("Count = %d, %v; want 2500", n, err)
		}
	})
}

func TestSessionRollsBackOnError(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}); err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		err := db.WithSession(ctx, func(s *rx.Session) error {
			if err := s.Insert(ctx, &User{Username: "a"}); err != nil {
				return err
			}
			s.Add(&User{Username: "b"})
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("WithSession = %v, want boom", err)
		}
		if n, _ := rx.Select[User](db).Count(ctx); n != 0 {
			t.Fatalf("%d rows after rollback, want 0", n)
		}
	})
}

func TestSelectBuilder(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &User{}); err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"ann", "bob", "cid", "dee"} {
			if err := db.Insert(ctx, &User{Username: n, Email: n + "@x"}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := rx.Select[User](db).Where(rx.Eq{"username": "ann"}).OrderBy("id").Limit(10).All(ctx)
		if err != nil || len(got) != 1 || got[0].Username != "ann" {
			t.Fatalf("All = %+v, %v", got, err)
		}
		got, err = rx.Select[User](db).Where(rx.Gt{"username": "b"}).OrderBy("-username").Offset(1).All(ctx)
		if err != nil || len(got) != 2 || got[0].Username != "cid" || got[1].Username != "bob" {
			t.Fatalf("Gt/OrderBy desc/Offset = %+v, %v", got, err)
		}
		got, err = rx.Select[User](db).Where(rx.Eq{"username": []string{}}).All(ctx)
		if err != nil || len(got) != 0 {
			t.Fatalf("empty IN = %+v, %v", got, err)
		}
		got, err = rx.Select[User](db).Where(rx.Eq{"username": []string{"bob", "dee"}}).OrderBy("username").All(ctx)
		if err != nil || len(got) != 2 || got[1].Username != "dee" {
			t.Fatalf("IN = %+v, %v", got, err)
		}
		if _, err := rx.Select[User](db).One(ctx); !errors.Is(err, rx.ErrMultipleRows) {
			t.Fatalf("One on 4 rows: %v", err)
		}
		if _, err := rx.Select[User](db).Where(rx.Eq{"username": "zed"}).First(ctx); !errors.Is(err, rx.ErrNotFound) {
			t.Fatalf("First with no match: %v", err)
		}
		ok, err := rx.Select[User](db).Where(rx.Like{"email": "%@x"}).Exists(ctx)
		if err != nil || !ok {
			t.Fatalf("Exists = %v, %v", ok, err)
		}
		_, err = rx.Select[User](db).Where(rx.Eq{"usrname": "x"}).All(ctx)
		var ce *rx.ColumnError
		if !errors.As(err, &ce) || ce.Column != "usrname" {
			t.Fatalf("unknown column: %v", err)
		}
		var names []string
		for u, err := range rx.Select[User](db).OrderBy("username").Iter(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			names = append(names, u.Username)
		}
		if len(names) != 4 || names[0] != "ann" || names[3] != "dee" {
			t.Fatalf("Iter = %v", names)
		}
		n, err := rx.Update[User](db).Set("email", "z").Where(rx.Lt{"username": "c"}).Exec(ctx)
		if err != nil || n != 2 {
			t.Fatalf("Update = %d, %v", n, err)
		}
		if _, err := rx.Delete[User](db).Exec(ctx); !errors.Is(err, rx.ErrNoWhere) {
			t.Fatalf("Delete without Where: %v", err)
		}
		n, err = rx.Delete[User](db).Where(rx.Eq{"email": "z"}).Exec(ctx)
		if err != nil || n != 2 {
			t.Fatalf("Delete = %d, %v", n, err)
		}
		_ = time.Now
	})
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

type Widget struct {
	rx.Model
	Label string `rx:"index"`
}

// ManyIndexes has 65 indexes, one more than MySQL allows on a table, so its
// table is created and then its last index fails.
type ManyIndexes struct {
	rx.Model
	C00 int `rx:"index"`
	C01 int `rx:"index"`
	C02 int `rx:"index"`
	C03 int `rx:"index"`
	C04 int `rx:"index"`
	C05 int `rx:"index"`
	C06 int `rx:"index"`
	C07 int `rx:"index"`
	C08 int `rx:"index"`
	C09 int `rx:"index"`
	C10 int `rx:"index"`
	C11 int `rx:"index"`
	C12 int `rx:"index"`
	C13 int `rx:"index"`
	C14 int `rx:"index"`
	C15 int `rx:"index"`
	C16 int `rx:"index"`
	C17 int `rx:"index"`
	C18 int `rx:"index"`
	C19 int `rx:"index"`
	C20 int `rx:"index"`
	C21 int `rx:"index"`
	C22 int `rx:"index"`
	C23 int `rx:"index"`
	C24 int `rx:"index"`
	C25 int `rx:"index"`
	C26 int `rx:"index"`
	C27 int `rx:"index"`
	C28 int `rx:"index"`
	C29 int `rx:"index"`
	C30 int `rx:"index"`
	C31 int `rx:"index"`
	C32 int `rx:"index"`
	C33 int `rx:"index"`
	C34 int `rx:"index"`
	C35 int `rx:"index"`
	C36 int `rx:"index"`
	C37 int `rx:"index"`
	C38 int `rx:"index"`
	C39 int `rx:"index"`
	C40 int `rx:"index"`
	C41 int `rx:"index"`
	C42 int `rx:"index"`
	C43 int `rx:"index"`
	C44 int `rx:"index"`
	C45 int `rx:"index"`
	C46 int `rx:"index"`
	C47 int `rx:"index"`
	C48 int `rx:"index"`
	C49 int `rx:"index"`
	C50 int `rx:"index"`
	C51 int `rx:"index"`
	C52 int `rx:"index"`
	C53 int `rx:"index"`
	C54 int `rx:"index"`
	C55 int `rx:"index"`
	C56 int `rx:"index"`
	C57 int `rx:"index"`
	C58 int `rx:"index"`
	C59 int `rx:"index"`
	C60 int `rx:"index"`
	C61 int `rx:"index"`
	C62 int `rx:"index"`
	C63 int `rx:"index"`
	C64 int `rx:"index"`
}

func TestCreateAllIsIdempotentAndAtomic(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		// Make the index creation fail after the table was created: an
		// index name taken in the schema (SQLite, PostgreSQL), a TEXT
		// column that MySQL cannot index without a prefix length.
		failing := "widget"
		if db.Dialect().Name() == "mysql" {
			failing = "many_indexes"
			if err := db.CreateAll(ctx, &ManyIndexes{}); err == nil || !strings.Contains(err.Error(), "creating table many_indexes") {
				t.Fatalf("CreateAll = %v, want a failure naming the table", err)
			}
		} else {
			if _, err := db.Exec(ctx, `CREATE TABLE other (x INTEGER)`); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(ctx, `CREATE INDEX ix_widget_label ON other (x)`); err != nil {
				t.Fatal(err)
			}
			if err := db.CreateAll(ctx, &Widget{}); err == nil || !strings.Contains(err.Error(), "creating table widget of model Widget") {
				t.Fatalf("CreateAll = %v, want a failure naming the table", err)
			}
		}
		tables, err := db.Tables(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range tables {
			if n == failing {
				t.Fatal("a failed CreateAll left the table behind")
			}
		}
		if db.Dialect().Name() != "mysql" {
			if _, err := db.Exec(ctx, `DROP INDEX ix_widget_label`); err != nil {
				t.Fatal(err)
			}
		}
		for i := 0; i < 2; i++ {
			if err := db.CreateAll(ctx, &Widget{}); err != nil {
				t.Fatalf("CreateAll run %d: %v", i+1, err)
			}
		}
		if err := db.Insert(ctx, &Widget{Label: "w"}); err != nil {
			t.Fatal(err)
		}
	})
}
