package pgdialect

import (
	"strconv"
	"time"
)

// appendTime writes t as an array element that the server reads as pgx
// binds a single time: truncated to the microsecond (the server would
// round the digits beyond, so that .9999995 would become the next
// second), at t's own wall clock and whole offset, seconds included (a
// zone's local mean time has them: +00:19:32 in Amsterdam before 1835),
// so that a timestamptz element is the same instant and a timestamp
// element the same wall clock. Years before 1 are PostgreSQL's BC years
// (Go's year 0 is 1 BC); years after 9999 are written in full.
func appendTime(b []byte, t time.Time) []byte {
	t = t.Truncate(time.Microsecond) // floor, as pgx's microseconds
	b = append(b, '"')
	year, bc := t.Year(), false
	if year <= 0 {
		year, bc = 1-year, true
	}
	b = appendPadded(b, year, 4)
	b = t.AppendFormat(b, "-01-02 15:04:05.999999")
	_, off := t.Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b = append(b, sign)
	b = appendPadded(b, off/3600, 2)
	b = append(b, ':')
	b = appendPadded(b, off/60%60, 2)
	b = append(b, ':')
	b = appendPadded(b, off%60, 2)
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
