package adoption

import (
	"context"
	"slices"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// chinookTrack and pgTrack read Chinook's Track, as its MySQL and SQLite
// scripts and its PostgreSQL script name it.
type chinookTrack struct {
	TrackID  int64   `db:"TrackId" rx:"pk"`
	Name     string  `db:"Name"`
	Composer *string `db:"Composer"`
}

func (chinookTrack) TableName() string { return "Track" }

type pgTrack struct {
	TrackID  int64   `db:"track_id" rx:"pk"`
	Name     string  `db:"name"`
	Composer *string `db:"composer"`
}

func (pgTrack) TableName() string { return "track" }

// Keyset pagination over a schema rx did not create, with its data:
// Chinook's 3,503 tracks by composer, descending (some hundreds have
// none: NULL, which the databases sort at opposite ends), then key, both
// ways, in pages of 250, give every track once in the database's own
// order.
func TestChinookKeysetPages(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			db := rxtest.OpenURL(t, loadChinook(t, d))
			if d == "postgres" {
				keysetPages(t, db, []string{"-composer", "track_id"}, func(r pgTrack) int64 { return r.TrackID })
			} else {
				keysetPages(t, db, []string{"-Composer", "TrackId"}, func(r chinookTrack) int64 { return r.TrackID })
			}
		})
	}
}

func keysetPages[T any](t *testing.T, db *rx.DB, order []string, id func(T) int64) {
	ctx := context.Background()
	all, err := rx.Select[T](db).OrderBy(order...).All(ctx)
	if err != nil || len(all) != 3503 {
		t.Fatalf("%d tracks, %v", len(all), err)
	}
	nulls, err := rx.Select[T](db).Where(rx.Eq{order[0][1:]: nil}).Count(ctx)
	if err != nil || nulls < 100 {
		t.Fatalf("%d tracks without a composer, %v; the test is for NULLs in the order", nulls, err)
	}
	var got []T
	var last *T
	for range 20 {
		q := rx.Select[T](db).OrderBy(order...).Limit(250)
		if last != nil {
			q = q.After(last)
		}
		page, err := q.All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		got, last = append(got, page...), &page[len(page)-1]
	}
	ids := func(rows []T) []int64 {
		out := make([]int64, len(rows))
		for i, r := range rows {
			out[i] = id(r)
		}
		return out
	}
	if !slices.Equal(ids(got), ids(all)) {
		t.Fatalf("After pages: %d tracks, not the %d of the order", len(got), len(all))
	}
	first := all[len(all)-1]
	var back []T
	for range 20 {
		page, err := rx.Select[T](db).OrderBy(order...).Before(&first).Limit(250).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		back, first = append(page, back...), page[0]
	}
	if !slices.Equal(ids(back), ids(all[:len(all)-1])) {
		t.Fatalf("Before pages: %d tracks, want %d in order", len(back), len(all)-1)
	}
}
