package rx_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type listedTime struct {
	rx.Model
	Name string
	At   time.Time
}

// An IN list finds exactly the rows Eq finds for each of its times, and
// a NOT IN list the others: PostgreSQL gets an IN list as one array
// parameter, whose times must be written as a single time parameter is
// bound (truncated to the microsecond, at their full offset), not
// rounded by the server or cut to an offset of whole minutes. The times
// are one with nanoseconds next to the microsecond it would round to,
// and year 1 in Amsterdam, whose zone then is local mean time, +00:19:32;
// on PostgreSQL also a year BC and one after 9999.
func TestTimesInListsMatchEq(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &listedTime{}); err != nil {
			t.Fatal(err)
		}
		rows := []*listedTime{
			{Name: "nanos", At: time.Date(2024, 6, 1, 12, 0, 0, 123_456_789, time.UTC)},
			{Name: "rounded", At: time.Date(2024, 6, 1, 12, 0, 0, 123_457_000, time.UTC)},
			{Name: "lmt", At: time.Date(1, 3, 4, 5, 6, 7, 891_011_121, ams)},
			{Name: "lmt-next", At: time.Date(1, 3, 4, 5, 6, 8, 0, ams)},
			{Name: "amsterdam", At: time.Date(2024, 3, 31, 3, 30, 0, 999_999_999, ams)},
		}
		if db.Dialect().Name() == "postgres" {
			rows = append(rows,
				&listedTime{Name: "bc", At: time.Date(-43, 3, 15, 12, 0, 0, 500, time.UTC)},
				&listedTime{Name: "far", At: time.Date(12345, 1, 2, 3, 4, 5, 6_000, ams)})
		}
		for _, r := range rows {
			if err := db.Insert(ctx, r); err != nil {
				t.Fatalf("%s: %v", r.Name, err)
			}
		}
		names := func(c rx.Sqlizer) string {
			t.Helper()
			got, err := rx.Select[listedTime](db).Where(c).OrderBy("id").All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, r := range got {
				out = append(out, r.Name)
			}
			return strings.Join(out, ",")
		}
		for _, r := range rows {
			read, err := rx.Get[listedTime](ctx, db, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			// The time as written, as read back, and in a zone with an
			// offset in seconds.
			for _, at := range []time.Time{r.At, read.At, read.At.In(ams)} {
				eq, notEq := names(rx.Eq{"at": at}), names(rx.NotEq{"at": at})
				if eq != r.Name {
					t.Errorf("%s at %v: Eq finds %q", r.Name, at, eq)
				}
				for _, list := range []any{[]time.Time{at}, []any{at, &at}, []*time.Time{&at}} {
					if in, notIn := names(rx.Eq{"at": list}), names(rx.NotEq{"at": list}); in != eq || notIn != notEq {
						t.Errorf("%s at %v: In %T finds %q, NotIn %q; Eq finds %q, NotEq %q", r.Name, at, list, in, notIn, eq, notEq)
					}
				}
			}
		}
	})
}
