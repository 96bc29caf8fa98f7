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

// KeysetItem has ties (Group, At), a nullable column (Score) and a
// unique non-nullable one (Code), to page through in every order.
type KeysetItem struct {
	rx.Model
	Group string
	Score *int
	At    time.Time
	Code  string `rx:"unique,size=16"`
}

func keysetRows(t *testing.T, ctx context.Context, db *rx.DB) {
	t.Helper()
	if err := db.CreateAll(ctx, &KeysetItem{}); err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	var items []*KeysetItem
	for i := range 23 {
		it := &KeysetItem{Group: string(rune('a' + i%3)), At: base.Add(time.Duration(i%4) * time.Minute), Code: fmt.Sprintf("c%02d", (i*7)%23)}
		if i%4 != 1 { // every fourth row has no score; scores tie too
			n := i % 5
			it.Score = &n
		}
		items = append(items, it)
	}
	if _, err := rx.Insert(db, items...).Exec(ctx); err != nil {
		t.Fatal(err)
	}
}

func keysetIDs(rows []KeysetItem) []int64 {
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return ids
}

var keysetOrders = [][]string{
	{"id"},
	{"-id"},
	{"score", "id"},
	{"-score", "id"},
	{"score", "-id"},
	{"-score", "-id"},
	{"group", "-score", "id"},
	{"-at", "group", "id"},
	{"at", "code"},
	{"-score", "code"},
}

// Paging with After, then back with Before, and with cursors, visits
// every row once, in exactly the database's own order, whatever the
// directions and wherever the database sorts NULLs; each page is one
// statement.
func TestKeysetPagesEveryRowInOrder(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		keysetRows(t, ctx, db)
		rec := &recorder{}
		db.AddQueryHook(rec)
		for _, order := range keysetOrders {
			all, err := rx.Select[KeysetItem](db).OrderBy(order...).All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			want := keysetIDs(all)
			rec.verbs()
			forward := keysetForward(t, ctx, db, order, false)
			if got := keysetIDs(forward); !slices.Equal(got, want) {
				t.Errorf("OrderBy%q, After pages: %v, want %v", order, got, want)
			}
			if verbs := rec.verbs(); verbs != strings.TrimSpace(strings.Repeat("SELECT ", 7)) {
				t.Errorf("OrderBy%q: 7 pages of 4 (the last empty) sent %q", order, verbs)
			}
			if got := keysetIDs(keysetForward(t, ctx, db, order, true)); !slices.Equal(got, want) {
				t.Errorf("OrderBy%q, AfterCursor pages: %v, want %v", order, got, want)
			}
			if got := keysetIDs(keysetBackward(t, ctx, db, order, all[len(all)-1])); !slices.Equal(got, want[:len(want)-1]) {
				t.Errorf("OrderBy%q, Before pages from the last row: %v, want %v", order, got, want[:len(want)-1])
			}
		}
	})
}

func keysetForward(t *testing.T, ctx context.Context, db *rx.DB, order []string, cursors bool) []KeysetItem {
	t.Helper()
	var out []KeysetItem
	var last *KeysetItem
	token := ""
	for range 10 {
		q := rx.Select[KeysetItem](db).OrderBy(order...).Limit(4)
		switch {
		case cursors:
			q = q.AfterCursor(token)
		case last != nil:
			q = q.After(last)
		}
		page, err := q.All(ctx)
		if err != nil {
			t.Fatalf("OrderBy%q: %v", order, err)
		}
		if len(page) == 0 {
			return out
		}
		out = append(out, page...)
		last = &page[len(page)-1]
		if token, err = rx.Select[KeysetItem](db).OrderBy(order...).Cursor(last); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("OrderBy%q: no end after 10 pages", order)
	return nil
}

// keysetBackward pages with Before from first, each page still in the
// query's order, and returns the rows before first.
func keysetBackward(t *testing.T, ctx context.Context, db *rx.DB, order []string, first KeysetItem) []KeysetItem {
	t.Helper()
	var out []KeysetItem
	for range 10 {
		page, err := rx.Select[KeysetItem](db).OrderBy(order...).Before(&first).Limit(4).All(ctx)
		if err != nil {
			t.Fatalf("OrderBy%q: %v", order, err)
		}
		if len(page) == 0 {
			return out
		}
		out = append(page, out...)
		first = page[0]
	}
	t.Fatalf("OrderBy%q: no start after 10 pages", order)
	return nil
}

// Keyset pagination composes with Where, Count and First: the condition
// is the query's own, and Before's First is the nearest row before.
func TestKeysetComposes(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		keysetRows(t, ctx, db)
		q := func() *rx.SelectQuery[KeysetItem] {
			return rx.Select[KeysetItem](db).Where(rx.Eq{"group": "b"}).OrderBy("-score", "id")
		}
		all, err := q().All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		mid := all[3]
		n, err := q().After(&mid).Count(ctx)
		if err != nil || n != int64(len(all)-4) {
			t.Errorf("Count after the 4th of %d = %d, %v", len(all), n, err)
		}
		prev, err := q().Before(&mid).First(ctx)
		if err != nil || prev.ID != all[2].ID {
			t.Errorf("First before the 4th = %d, %v; want %d", prev.ID, err, all[2].ID)
		}
		next, err := q().After(&mid).First(ctx)
		if err != nil || next.ID != all[4].ID {
			t.Errorf("First after the 4th = %d, %v; want %d", next.ID, err, all[4].ID)
		}
	})
}

// Orders that would skip rows, and cursors that belong elsewhere, are
// refused before any SQL with what to do instead.
func TestKeysetRefusesWhatWouldSkipRows(t *testing.T) {
	t.Parallel()
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		keysetRows(t, ctx, db)
		row := &KeysetItem{Model: rx.Model{ID: 3}}
		other, err := rx.Select[KeysetItem](db).OrderBy("id").Cursor(row)
		if err != nil {
			t.Fatal(err)
		}
		rec := &recorder{}
		db.AddQueryHook(rec)
		for _, tc := range []struct {
			q    *rx.SelectQuery[KeysetItem]
			want string
			is   error
		}{
			{rx.Select[KeysetItem](db).After(row), `rx: Select[KeysetItem].After: keyset pagination needs an OrderBy of the model's own columns that ends in a unique key: add one, such as OrderBy("id")`, nil},
			{rx.Select[KeysetItem](db).OrderBy("score").After(row), `rows that tie on score would be skipped; add the primary key last, as OrderBy("score", "id")`, nil},
			{rx.Select[KeysetItem](db).OrderBy("-group").Before(row), `add the primary key last, as OrderBy("-group", "id")`, nil},
			{rx.Select[KeysetItem](db).ColumnExpr("n", "id * 2").OrderBy("n", "id").After(row), `is not a plain column of KeysetItem`, nil},
			{rx.Select[KeysetItem](db).OrderBy("score NULLS LAST", "id").After(row), `OrderBy term 1 (`, nil},
			{rx.Select[KeysetItem](db).OrderBy("id").OrderByExpr("LOWER(?)", "x").After(row), `OrderBy term 2 (`, nil},
			{rx.Select[KeysetItem](db).OrderBy("id").After(nil), "After(nil): pass the row to continue from", nil},
			{rx.Select[KeysetItem](db).OrderBy("-id").AfterCursor(other), `it was made for OrderBy["id"], the query orders by ["-id"]`, rx.ErrBadCursor},
			{rx.Select[KeysetItem](db).OrderBy("id").BeforeCursor("not a cursor"), "(it does not decode)", rx.ErrBadCursor},
		} {
			_, err := tc.q.All(ctx)
			if err == nil || !strings.Contains(err.Error(), tc.want) || tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("got %v, want an error with %q (is %v)", err, tc.want, tc.is)
			}
		}
		if _, err := rx.Select[KeysetItem](db).OrderBy("id").After(row).Builder(); err == nil || !strings.Contains(err.Error(), "use ToSQL") {
			t.Errorf("Builder with After = %v", err)
		}
		if verbs := rec.verbs(); verbs != "" {
			t.Errorf("the refused queries sent %q", verbs)
		}
	})
}
