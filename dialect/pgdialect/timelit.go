package pgdialect

import (
	"strconv"
	"time"
)

// appendTime writes t as an array element that the server reads as rx
// binds a single time: truncated to the microsecond (the server would
// round the digits beyond, so that .9999995 would become the next
// second), in UTC, so that a timestamptz element is the same instant
// and a timestamp (without time zone) element the UTC wall clock, which
// is what rx stores there: a timestamp keeps the wall clock it is given
// and drops the offset. Years before 1 are PostgreSQL's BC years (Go's
// year 0 is 1 BC); years after 9999 are written in full.
func appendTime(b []byte, t time.Time) []byte {
	t = t.UTC().Truncate(time.Microsecond) // floor, as pgx's microseconds
	b = append(b, '"')
	year, bc := t.Year(), false
	if year <= 0 {
		year, bc = 1-year, true
	}
	b = appendPadded(b, year, 4)
	b = t.AppendFormat(b, "-01-02 15:04:05.999999")
	b = append(b, "+00:00"...)
	if bc {
		b = append(b, " BC"...)
	}
	return append(b, '"')
}

// appendPadded writes n >= 0 with at least width digits.
func appendPadded(b []byte, n, width int) []byte {
	for d := len(strconv.Itoa(n)); d < width; d++ {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}
