package rx_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, on machines without a zone database

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type event struct {
	rx.Model
	Name string
	At   time.Time
	Seen *time.Time
}

func mustParse(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Times in different zones (an offset parsed from JSON, named zones on
// both sides of a DST change, UTC, Local) are stored as instants: they
// read back equal, and Gt, Lt, Eq and OrderBy follow time, not text.
func TestTimesCompareAsInstants(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("RX_TEST_LOCAL_ZONE") != "" {
		if _, off := time.Now().Zone(); off == 0 {
			t.Fatal("TZ=America/New_York did not set time.Local")
		}
	}
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &event{}); err != nil {
			t.Fatal(err)
		}
		parsed := mustParse(t, "2024-06-01T10:00:00.5-05:00") // 15:00:00.5Z
		seen := time.Now().Round(time.Microsecond)            // Local, with a monotonic reading
		rows := []*event{
			{Name: "parsed", At: parsed, Seen: &seen},
			{Name: "utc", At: time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)},
			{Name: "kolkata", At: time.Date(2024, 6, 1, 20, 0, 0, 250_000_000, kolkata)}, // 14:30:00.25Z
			{Name: "ny-summer", At: time.Date(2024, 6, 1, 9, 0, 0, 0, ny)},               // EDT, 13:00Z
			{Name: "ny-winter", At: time.Date(2024, 1, 15, 9, 0, 0, 0, ny)},              // EST, 14:00Z
			{Name: "local", At: time.Date(2024, 6, 1, 15, 0, 0, 0, time.UTC).Local()},    // 15:00Z
		}
		for _, r := range rows {
			if err := db.Insert(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range rows {
			got, err := rx.Get[event](ctx, db, r.ID)
			if err != nil {
				t.Fatalf("%s: %v", r.Name, err)
			}
			if !got.At.Equal(r.At) {
				t.Errorf("%s: stored %v, read back %v", r.Name, r.At, got.At)
			}
			if (got.Seen == nil) != (r.Seen == nil) || r.Seen != nil && !got.Seen.Equal(*r.Seen) {
				t.Errorf("%s: Seen stored %v, read back %v", r.Name, r.Seen, got.Seen)
			}
		}
		names := func(q *rx.SelectQuery[event]) string {
			t.Helper()
			evs, err := q.OrderBy("at", "id").All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, e := range evs {
				out = append(out, e.Name)
			}
			return strings.Join(out, ",")
		}
		cases := []struct {
			q    *rx.SelectQuery[event]
			want string
		}{
			{rx.Select[event](db), "ny-winter,utc,ny-summer,kolkata,local,parsed"},
			{rx.Select[event](db).Where(rx.Gt{"at": time.Date(2024, 6, 1, 10, 0, 0, 0, ny)}), "kolkata,local,parsed"}, // > 14:00Z
			{rx.Select[event](db).Where(rx.Lt{"at": parsed.In(kolkata)}), "ny-winter,utc,ny-summer,kolkata,local"},
			{rx.Select[event](db).Where(rx.Eq{"at": parsed.In(ny)}), "parsed"},
			{rx.Select[event](db).Where(rx.Eq{"at": time.Date(2024, 6, 1, 11, 0, 0, 0, ny)}), "local"}, // 15:00Z
		}
		for i, c := range cases {
			if got := names(c.q); got != c.want {
				t.Errorf("case %d: %s, want %s", i, got, c.want)
			}
		}
	})
}

// TestTimesCompareAsInstants again, in a process whose time.Local is
// New York (DST included) rather than the machine's zone, which is often
// UTC.
func TestTimesCompareAsInstantsInLocalZone(t *testing.T) {
	if os.Getenv("RX_TEST_LOCAL_ZONE") != "" {
		t.Skip("already the child process")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestTimesCompareAsInstants$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "TZ=America/New_York", "RX_TEST_LOCAL_ZONE=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestTimesCompareAsInstants") {
		t.Fatalf("with time.Local in New York: %v\n%s", err, out)
	}
}

// Rows that earlier versions wrote on SQLite as Time.String() text, in
// any zone and with a monotonic clock reading, still read back.
func TestSQLiteReadsTimesInTheOldFormat(t *testing.T) {
	db := rxtest.Open(t, "sqlite")
	ctx := context.Background()
	if err := db.CreateAll(ctx, &event{}); err != nil {
		t.Fatal(err)
	}
	old := map[string]string{
		"offset":    "2024-06-01 10:00:00.5 -0500 -0500",
		"utc":       "2024-06-01 15:00:00.5 +0000 UTC",
		"named":     "2024-06-01 11:00:00.5 -0400 EDT",
		"monotonic": "2024-06-01 15:00:00.5 +0000 UTC m=+0.000123457",
		"offset-m":  "2024-06-01 20:30:00.5 +0530 +0530 m=+12.5",
	}
	for name, text := range old {
		if _, err := db.Exec(ctx, "INSERT INTO event (name, at, seen) VALUES (?, ?, ?)", name, text, text); err != nil {
			t.Fatal(err)
		}
	}
	want := mustParse(t, "2024-06-01T15:00:00.5Z")
	evs, err := rx.Select[event](db).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != len(old) {
		t.Fatalf("read %d rows, want %d", len(evs), len(old))
	}
	for _, e := range evs {
		if !e.At.Equal(want) || e.Seen == nil || !e.Seen.Equal(want) {
			t.Errorf("%s (%q): read %v, %v; want %v", e.Name, old[e.Name], e.At, e.Seen, want)
		}
	}
}
