package schema

import (
	"fmt"
	"strings"
	"time"
)

// timeDest scans a time.Time field. Drivers hand back time.Time for the
// columns rx creates; text is parsed too, because SQLite rows that earlier
// versions of rx wrote (through modernc.org/sqlite's default format) hold
// times as Time.String() text such as "2024-06-01 10:00:00.5 -0500 -0500",
// which the driver itself cannot read back.
type timeDest struct{ p *time.Time }

func (d timeDest) Scan(src any) error {
	if src == nil {
		return fmt.Errorf("rx: NULL in a time.Time field: make it *time.Time or tag it rx:\"null\"")
	}
	t, err := scanTime(src)
	if err != nil {
		return err
	}
	*d.p = t
	return nil
}

// nullTimeDest scans a *time.Time field: NULL is nil.
type nullTimeDest struct{ p **time.Time }

func (d nullTimeDest) Scan(src any) error {
	if src == nil {
		*d.p = nil
		return nil
	}
	t, err := scanTime(src)
	if err != nil {
		return err
	}
	*d.p = &t
	return nil
}

func scanTime(src any) (time.Time, error) {
	switch v := src.(type) {
	case time.Time:
		return v, nil
	case string:
		return parseTimeText(v)
	case []byte:
		return parseTimeText(string(v))
	}
	return time.Time{}, fmt.Errorf("rx: cannot scan %T into time.Time", src)
}

// timeTextLayouts are the text forms of a time that a database may hold:
// SQLite's own (which rx writes, in UTC), ISO 8601 with a T, and
// MySQL's DATETIME without parseTime. A form without an offset is UTC.
var timeTextLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04",
	"2006-01-02",
}

func parseTimeText(s string) (time.Time, error) {
	// Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST", perhaps
	// with a monotonic clock reading " m=+0.000000001" after it, and an
	// abbreviation (MST) that is the offset again for a zone without a
	// name ("-0500 -0500"). The offset alone says the instant.
	if f := strings.Fields(s); len(f) >= 3 && len(f[2]) == 5 && (f[2][0] == '+' || f[2][0] == '-') {
		if t, err := time.Parse("2006-01-02 15:04:05.999999999 -0700", f[0]+" "+f[1]+" "+f[2]); err == nil {
			return t, nil
		}
	}
	for _, layout := range timeTextLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("rx: cannot read %q as a time", s)
}
