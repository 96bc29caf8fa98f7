package rx

import "time"

// utcArgs returns args with every time.Time, and the time behind every
// non-nil *time.Time, in UTC. A time is an instant to rx, but
// PostgreSQL's timestamp without time zone (and pgx's encoding of it,
// binary or text) keeps only the wall clock it is given: a New York time
// would be stored five hours off, read back as another instant and
// missed by ranges. In UTC every column type stores the instant, as
// MySQL's loc=UTC and SQLite's _timezone=UTC already make their drivers
// do; timestamptz stores the same instant either way. A driver that
// writes times in a format of the URL's choosing (dialect.TimeFormatter)
// gets them as text, through text; nil leaves them times. args is copied
// only when it holds a time to change, since it may be the caller's.
func utcArgs(args []any, text func(time.Time) any) []any {
	var out []any
	for i, a := range args {
		v, ok := utcArg(a, text)
		if !ok {
			continue
		}
		if out == nil {
			out = make([]any, len(args))
			copy(out, args)
		}
		out[i] = v
	}
	if out == nil {
		return args
	}
	return out
}

// utcArg returns a in UTC (as text when text is not nil) and true when
// a is a time to change.
func utcArg(a any, text func(time.Time) any) (any, bool) {
	var t time.Time
	switch v := a.(type) {
	case time.Time:
		if v.Location() == time.UTC && text == nil {
			return nil, false
		}
		t = v
	case *time.Time:
		if v == nil {
			return nil, false
		}
		t = *v
	default:
		return nil, false
	}
	if text != nil {
		return text(t.UTC()), true
	}
	return t.UTC(), true
}

// utcInPlace is utcArgs on a slice rx owns, such as a COPY row's values
// (PostgreSQL's, whose driver formats times itself).
func utcInPlace(vals []any) {
	for i, a := range vals {
		if v, ok := utcArg(a, nil); ok {
			vals[i] = v
		}
	}
}
