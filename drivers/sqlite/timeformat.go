package sqlite

import (
	"net/url"
	"time"
)

// DatetimeFrac is the value of the URL's _time_format parameter that
// stores times as SQLite's own text without a zone,
// "2006-01-02 15:04:05.999999999" in UTC: whole seconds exactly as
// DATETIME('now') and CURRENT_TIMESTAMP write them, a fraction only
// where the time has one. It is rx's, beside modernc.org/sqlite's own
// values ("sqlite", rx's default, "datetime", "string_no_monotonic"),
// for a schema whose rows and triggers already hold that text: equality
// with a value read back and the team's SQL (WHERE at = '2024-06-01
// 15:00:00') find rx's rows, and text order stays time order ('.' sorts
// before every digit, a shorter text before its longer). modernc's
// "datetime" writes the same text but drops the fraction, of the rows
// and of the bounds of a range alike.
const DatetimeFrac = "datetime_frac"

// datetimeFracLayout is DatetimeFrac's layout, trailing zeros dropped.
const datetimeFracLayout = "2006-01-02 15:04:05.999999999"

// TimeFormat implements dialect.TimeFormatter: under
// _time_format=datetime_frac rx writes the text itself, which modernc
// cannot; otherwise the driver formats times (nil).
func (Driver) TimeFormat(u *url.URL) func(time.Time) any {
	if u.Query().Get("_time_format") != DatetimeFrac {
		return nil
	}
	return func(t time.Time) any { return t.UTC().Format(datetimeFracLayout) }
}

// driverTimeFormat is the _time_format value modernc is given for the
// URL's: its own "datetime" for DatetimeFrac (whose times rx sends as
// text already), any other value as it is.
func driverTimeFormat(v string) string {
	if v == DatetimeFrac {
		return "datetime"
	}
	return v
}
