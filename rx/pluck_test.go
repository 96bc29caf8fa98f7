package rx_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type SlicesEvent struct {
	rx.Model
	Name  string
	At    time.Time
	Note  *string
	Score int
	Meta  map[string]int `rx:"json"`
}

// SlicesTagging points at a SlicesEvent, for a Pluck through a join.
type SlicesTagging struct {
	rx.Model
	EventID int64 `rx:"fk=slices_event.id"`
	Tag     string
}

// Pluck reads one column of a query into a slice of its field's type,
// scanned as into the model: times in UTC, NULL as nil, JSON decoded;
// Where, OrderBy, Limit and Distinct apply, and the query stays usable.
func TestSlicesPluck(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx, c := slicesSetUp(t, db, &SlicesEvent{})
		ny, err := time.LoadLocation("America/New_York")
		if err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 3, 1, 9, 30, 0, 0, ny)
		note := "n"
		events := []SlicesEvent{
			{Name: "b", At: at, Note: &note, Score: 2, Meta: map[string]int{"k": 1}},
			{Name: "a", At: at.Add(time.Hour), Score: 1},
			{Name: "c", At: at.Add(2 * time.Hour), Score: 2},
		}
		if err := db.Insert(ctx, events); err != nil {
			t.Fatal(err)
		}
		c.take()
		q := rx.Select[SlicesEvent](db).Where(rx.Gt{"score": 0}).OrderBy("name")
		names, err := rx.Pluck[string](ctx, q, "name")
		if err != nil || strings.Join(names, ",") != "a,b,c" {
			t.Fatalf("names %q, %v", names, err)
		}
		ids, err := rx.Pluck[int64](ctx, q, "id") // q is still usable
		if err != nil || len(ids) != 3 || ids[0] != events[1].ID {
			t.Fatalf("ids %v, %v: want the keys by name", ids, err)
		}
		if _, n := c.take(); n != 2 {
			t.Fatalf("two Plucks sent %d statements, want 2", n)
		}
		times, err := rx.Pluck[time.Time](ctx, rx.Select[SlicesEvent](db).OrderBy("at").Limit(2), "at")
		if err != nil || len(times) != 2 || !times[0].Equal(at) || times[0].Format("MST -0700") != "UTC +0000" {
			t.Fatalf("times %v, %v: want %v first, in UTC", times, err, at)
		}
		notes, err := rx.Pluck[*string](ctx, rx.Select[SlicesEvent](db).OrderBy("name"), "note")
		if err != nil || len(notes) != 3 || notes[0] != nil || notes[1] == nil || *notes[1] != "n" {
			t.Fatalf("notes %v, %v: want nil, n, nil", notes, err)
		}
		metas, err := rx.Pluck[map[string]int](ctx, rx.Select[SlicesEvent](db).Where(rx.Eq{"name": "b"}), "meta")
		if err != nil || len(metas) != 1 || metas[0]["k"] != 1 {
			t.Fatalf("metas %v, %v", metas, err)
		}
		scores, err := rx.Pluck[int](ctx, rx.Select[SlicesEvent](db).Distinct().OrderBy("score"), "score")
		if err != nil || len(scores) != 2 || scores[0] != 1 || scores[1] != 2 {
			t.Fatalf("distinct scores %v, %v", scores, err)
		}
		if err := db.CreateAll(ctx, &SlicesTagging{}); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, []SlicesTagging{{EventID: events[2].ID, Tag: "y"}, {EventID: events[0].ID, Tag: "x"}}); err != nil {
			t.Fatal(err)
		}
		joined, err := rx.Pluck[string](ctx, rx.Select[SlicesEvent](db).
			Join("JOIN slices_tagging ON slices_tagging.event_id = slices_event.id").
			OrderBy("slices_tagging.tag"), "slices_event.name")
		if err != nil || strings.Join(joined, ",") != "b,c" {
			t.Fatalf("through a join: %q, %v", joined, err)
		}
		tags, err := rx.Pluck[string](ctx, rx.Select[SlicesEvent](db).
			Join("JOIN slices_tagging ON slices_tagging.event_id = slices_event.id").
			OrderBy("-slices_tagging.tag"), "slices_tagging.tag")
		if err != nil || strings.Join(tags, ",") != "y,x" {
			t.Fatalf("a joined model's column: %q, %v", tags, err)
		}
		none, err := rx.Pluck[string](ctx, rx.Select[SlicesEvent](db).Where(rx.Eq{"name": "z"}), "name")
		if err != nil || none == nil || len(none) != 0 {
			t.Fatalf("no rows: %#v, %v: want an empty slice", none, err)
		}
	})
}

// Pluck refuses, before any SQL, an unknown column, a V that is not the
// field's type, and a query that selects columns of its own.
func TestSlicesPluckRefuses(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx, c := slicesSetUp(t, db, &SlicesEvent{})
		c.take()
		_, err := rx.Pluck[string](ctx, rx.Select[SlicesEvent](db), "title")
		if err == nil || !strings.Contains(err.Error(), `column "title": no such column (columns: at, id, meta, name, note, score)`) {
			t.Errorf("unknown column: %v", err)
		}
		_, err = rx.Pluck[int64](ctx, rx.Select[SlicesEvent](db), "score")
		if err == nil || !strings.Contains(err.Error(), "Pluck[int64] of a column whose field Score is of type int: write rx.Pluck[int]") {
			t.Errorf("wrong type: %v", err)
		}
		_, err = rx.Pluck[string](ctx, rx.Select[SlicesEvent](db).Columns("name"), "name")
		if err == nil || !strings.Contains(err.Error(), "Pluck selects the one column it names") {
			t.Errorf("own columns: %v", err)
		}
		_, err = rx.Pluck[string](ctx, rx.Select[SlicesEvent](db).Where(rx.Eq{"nope": 1}), "name")
		if err == nil || !strings.Contains(err.Error(), `column "nope"`) {
			t.Errorf("bad condition: %v", err)
		}
		if _, n := c.take(); n != 0 {
			t.Fatalf("refused Plucks sent %d statements, want none", n)
		}
	})
}
