package rx_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type SoftdelAuthor struct {
	rx.Model
	Name      string
	DeletedAt *time.Time `rx:"softdelete"`
	Books     []SoftdelBook
}

type SoftdelBook struct {
	rx.Model
	AuthorID  int64 `rx:"fk=softdel_author.id"`
	Title     string
	DeletedAt *time.Time `rx:"softdelete"`
	Author    *SoftdelAuthor
}

// Delete sets the softdelete column, and every read skips the row after:
// Get, Select, Count, Exists, First, relation loads (both ways), bulk
// updates and deletes; WithDeleted reads it, HardDelete and Hard remove.
func TestSoftdelDeleteSetsAndReadsSkip(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &SoftdelAuthor{}, &SoftdelBook{}); err != nil {
			t.Fatal(err)
		}
		ann, bob := &SoftdelAuthor{Name: "ann"}, &SoftdelAuthor{Name: "bob"}
		if err := db.Insert(ctx, ann, bob); err != nil {
			t.Fatal(err)
		}
		b1, b2 := &SoftdelBook{AuthorID: ann.ID, Title: "one"}, &SoftdelBook{AuthorID: ann.ID, Title: "two"}
		b3 := &SoftdelBook{AuthorID: bob.ID, Title: "three"}
		if err := db.Insert(ctx, b1, b2, b3); err != nil {
			t.Fatal(err)
		}
		before := time.Now().UTC().Add(-time.Second)
		if err := db.Delete(ctx, b2); err != nil {
			t.Fatal(err)
		}
		if b2.DeletedAt == nil || b2.DeletedAt.Before(before) || b2.DeletedAt.Location() != time.UTC {
			t.Errorf("the model's DeletedAt after Delete: %v", b2.DeletedAt)
		}
		if err := db.Delete(ctx, b2); !errors.Is(err, rx.ErrNotFound) {
			t.Errorf("Delete of a deleted row = %v, want ErrNotFound", err)
		}
		if _, err := rx.Get[SoftdelBook](ctx, db, b2.ID); !errors.Is(err, rx.ErrNotFound) {
			t.Errorf("Get of a deleted row = %v", err)
		}
		if n, err := rx.Select[SoftdelBook](db).Count(ctx); err != nil || n != 2 {
			t.Errorf("Count = %d, %v; want 2", n, err)
		}
		if ok, err := rx.Select[SoftdelBook](db).Where(rx.Eq{"title": "two"}).Exists(ctx); err != nil || ok {
			t.Errorf("Exists of the deleted row = %v, %v", ok, err)
		}
		all, err := rx.Select[SoftdelBook](db).WithDeleted().OrderBy("id").All(ctx)
		if err != nil || len(all) != 3 || all[1].DeletedAt == nil {
			t.Errorf("WithDeleted: %+v, %v", all, err)
		}
		authors, err := rx.Select[SoftdelAuthor](db).OrderBy("id").With("Books").All(ctx)
		if err != nil || len(authors[0].Books) != 1 || authors[0].Books[0].Title != "one" {
			t.Errorf("With(Books) after a delete: %+v, %v", authors, err)
		}
		// A bulk delete soft-deletes only live rows; a bulk update skips deleted ones.
		if n, err := rx.Update[SoftdelBook](db).Set("title", "renamed").Where(rx.Eq{"author_id": ann.ID}).Exec(ctx); err != nil || n != 1 {
			t.Errorf("Update of ann's books = %d, %v; want 1 (one is deleted)", n, err)
		}
		if _, err := rx.Delete[SoftdelBook](db).Exec(ctx); !errors.Is(err, rx.ErrNoWhere) {
			t.Errorf("Delete without Where = %v, want ErrNoWhere", err)
		}
		if n, err := rx.Delete[SoftdelAuthor](db).Where(rx.Eq{"name": "bob"}).Exec(ctx); err != nil || n != 1 {
			t.Errorf("Delete of bob = %d, %v", n, err)
		}
		books, err := rx.Select[SoftdelBook](db).OrderBy("id").With("Author").All(ctx)
		if err != nil || len(books) != 2 || books[0].Author == nil || books[1].Author != nil {
			t.Errorf("belongs-to a deleted author: %+v, %v", books, err)
		}
		if err := db.HardDelete(ctx, b2); err != nil {
			t.Fatal(err)
		}
		if n, err := rx.Delete[SoftdelBook](db).Hard().Where(rx.Eq{"author_id": bob.ID}).Exec(ctx); err != nil || n != 1 {
			t.Errorf("Hard delete = %d, %v", n, err)
		}
		if n, err := rx.Select[SoftdelBook](db).WithDeleted().Count(ctx); err != nil || n != 1 {
			t.Errorf("rows left after the hard deletes = %d, %v; want 1", n, err)
		}
	})
}

// softdelete needs a nullable time column.
func TestSoftdelTagChecked(t *testing.T) {
	type SoftdelBad struct {
		rx.Model
		DeletedAt time.Time `rx:"softdelete"`
	}
	_, _, err := rx.Select[SoftdelBad](nil).ToSQL()
	var me *rx.ModelError
	if !errors.As(err, &me) || me.Field != "DeletedAt" {
		t.Errorf("a non-nullable softdelete column: %v", err)
	}
}

type SoftdelUser struct {
	rx.Model
	Email     string     `rx:"unique,live,size=100"`
	DeletedAt *time.Time `rx:"softdelete"`
}

// A live unique index holds the rows not soft-deleted: a deleted user's
// email may be taken again, a second live one may not. MySQL/MariaDB have
// no partial index, and CreateAll says so before any DDL.
func TestSoftdelLiveUniqueIndex(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		err := db.CreateAll(ctx, &SoftdelUser{})
		if db.Dialect().Name() == "mysql" {
			if err == nil || !strings.Contains(err.Error(), "mysql has no partial indexes") {
				t.Fatalf("CreateAll on MySQL = %v", err)
			}
			if tables, _ := db.Tables(ctx); slices.Contains(tables, "softdel_user") {
				t.Error("the table was created")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		first := &SoftdelUser{Email: "a@x"}
		if err := db.Insert(ctx, first); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, &SoftdelUser{Email: "a@x"}); !errors.Is(err, rx.ErrUniqueViolation) {
			t.Fatalf("a second live a@x = %v, want ErrUniqueViolation", err)
		}
		if err := db.Delete(ctx, first); err != nil {
			t.Fatal(err)
		}
		again := &SoftdelUser{Email: "a@x"}
		if err := db.Insert(ctx, again); err != nil {
			t.Fatalf("a@x after its user was deleted: %v", err)
		}
		if n, err := rx.Select[SoftdelUser](db).WithDeleted().Where(rx.Eq{"email": "a@x"}).Count(ctx); err != nil || n != 2 {
			t.Errorf("rows of a@x = %d, %v; want 2", n, err)
		}
	})
}

// FirstOrCreate meeting a soft-deleted row says so and names the fixes.
func TestSoftdelFirstOrCreateMeetsADeletedRow(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &SoftdelAuthor{}, &SoftdelBook{}, &SoftdelTagged{}); err != nil {
			t.Fatal(err)
		}
		gone := &SoftdelTagged{Label: "go"}
		if err := db.Insert(ctx, gone); err != nil {
			t.Fatal(err)
		}
		if err := db.Delete(ctx, gone); err != nil {
			t.Fatal(err)
		}
		_, created, err := rx.FirstOrCreate(ctx, db, &SoftdelTagged{Label: "go"}, "label")
		if created || !errors.Is(err, rx.ErrNotFound) || !strings.Contains(err.Error(), "may be soft-deleted") || !strings.Contains(err.Error(), `rx:"unique,live"`) {
			t.Errorf("FirstOrCreate of a soft-deleted label = %v, %v", created, err)
		}
	})
}

type SoftdelTagged struct {
	rx.Model
	Label     string     `rx:"unique,size=50"`
	DeletedAt *time.Time `rx:"softdelete"`
}

// FirstOrCreate and an upsert on a live unique index name its predicate
// in the conflict target: the first call creates, the second finds the
// live row, and after a delete the value is created anew.
func TestSoftdelUpsertOnALiveIndex(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		err := db.CreateAll(ctx, &SoftdelUser{})
		if db.Dialect().Name() == "mysql" { // no partial index: refused (TestSoftdelLiveUniqueIndex)
			if !strings.Contains(fmt.Sprint(err), "has no partial indexes") {
				t.Fatalf("CreateAll on MySQL = %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		u, created, err := rx.FirstOrCreate(ctx, db, &SoftdelUser{Email: "b@x"}, "email")
		if err != nil || !created {
			t.Fatalf("first FirstOrCreate = %v, %v", created, err)
		}
		again, created, err := rx.FirstOrCreate(ctx, db, &SoftdelUser{Email: "b@x"}, "email")
		if err != nil || created || again.ID != u.ID {
			t.Fatalf("second FirstOrCreate = %+v, %v, %v", again, created, err)
		}
		if err := db.Delete(ctx, u); err != nil {
			t.Fatal(err)
		}
		fresh, created, err := rx.FirstOrCreate(ctx, db, &SoftdelUser{Email: "b@x"}, "email")
		if err != nil || !created || fresh.ID == u.ID {
			t.Fatalf("FirstOrCreate after the delete = %+v, %v, %v", fresh, created, err)
		}
		if n, err := rx.Insert(db, &SoftdelUser{Email: "b@x"}).OnConflict("email").DoNothing().Exec(ctx); err != nil || n != 0 {
			t.Errorf("an upsert meeting the live row = %d, %v", n, err)
		}
	})
}

// A union or a From of a soft-delete model filters in its members, which
// may leave the column out, and not again outside.
func TestSoftdelUnionAndFrom(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &SoftdelAuthor{}, &SoftdelBook{}); err != nil {
			t.Fatal(err)
		}
		ann := &SoftdelAuthor{Name: "ann"}
		if err := db.Insert(ctx, ann); err != nil {
			t.Fatal(err)
		}
		books := []*SoftdelBook{{AuthorID: ann.ID, Title: "a"}, {AuthorID: ann.ID, Title: "b"}, {AuthorID: ann.ID, Title: "c"}}
		if err := db.Insert(ctx, books[0], books[1], books[2]); err != nil {
			t.Fatal(err)
		}
		if err := db.Delete(ctx, books[1]); err != nil {
			t.Fatal(err)
		}
		titles := func(rows []SoftdelBook) (out []string) {
			for _, r := range rows {
				out = append(out, r.Title)
			}
			return out
		}
		u, err := rx.Union(rx.Select[SoftdelBook](db).Columns("id", "title").Where(rx.Eq{"title": "a"}),
			rx.Select[SoftdelBook](db).Columns("id", "title").Where(rx.NotEq{"title": "a"})).OrderBy("title").All(ctx)
		if err != nil || !slices.Equal(titles(u), []string{"a", "c"}) {
			t.Errorf("a union of Columns members: %v, %v", titles(u), err)
		}
		f, err := rx.Select[SoftdelBook](db).Columns("id", "title").From(rx.Select[SoftdelBook](db).Columns("id", "title")).OrderBy("title").All(ctx)
		if err != nil || !slices.Equal(titles(f), []string{"a", "c"}) {
			t.Errorf("From a Columns subquery: %v, %v", titles(f), err)
		}
	})
}
