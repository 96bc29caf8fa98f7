package pgdialect_test

import (
	"testing"
	"time"

	"github.com/rxgo/rxdb/dialect/pgdialect"
)

// Times in an IN list are written as rx binds one time: truncated to
// the microsecond, in UTC (a zone's offset in seconds included), BC
// years as PostgreSQL spells them.
func TestInListTimeLiteral(t *testing.T) {
	lmt := time.FixedZone("LMT", 19*60+32)
	west := time.FixedZone("W", -(3*3600 + 30*60 + 5))
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2024, 6, 1, 12, 0, 0, 999_999_999, time.UTC), `"2024-06-01 12:00:00.999999+00:00"`},
		{time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC), `"2024-06-01 12:00:00+00:00"`},
		{time.Date(1, 3, 4, 5, 6, 7, 891_011_121, lmt), `"0001-03-04 04:46:35.891011+00:00"`},
		{time.Date(1999, 12, 31, 23, 59, 59, 1_500, west), `"2000-01-01 03:30:04.000001+00:00"`},
		{time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), `"0001-01-01 00:00:00+00:00 BC"`},
		{time.Date(-43, 3, 15, 12, 0, 0, 500, time.UTC), `"0044-03-15 12:00:00+00:00 BC"`},
		{time.Date(12345, 1, 2, 3, 4, 5, 6_000, time.UTC), `"12345-01-02 03:04:05.000006+00:00"`},
	} {
		_, args := pgdialect.Dialect{}.InList("at", []time.Time{c.at}, false)
		if got := args[0].(string); got != "{"+c.want+"}" {
			t.Errorf("%v: %s, want {%s}", c.at, got, c.want)
		}
	}
}
