package rx

import "time"

// utcArgs returns args with every time.Time, and the time behind every
// non-nil *time.Time, in UTC. A time is an instant to rx, but
// PostgreSQL's timestamp without time zone (and pgx's encoding of it,
// binary or text) keeps only the wall clock it is given: a New York time
// would be stored five hours off, read back as another instant and
// missed by ranges. In UTC every column type stores the instant, as
// MySQL's loc=UTC and SQLite's _timezone=UTC already make their drivers
// do; timestamptz stores the same instant either way. args is copied
// only when it holds a time to change, since it may be the caller's.
func utcArgs(args []any) []any {
	var out []any
	for i, a := range args {
		v, ok := utcArg(a)
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

// utcArg returns a in UTC and true when a is a time not already in UTC.
func utcArg(a any) (any, bool) {
	switch v := a.(type) {
	case time.Time:
		if v.Location() != time.UTC {
			return v.UTC(), true
		}
	case *time.Time:
		if v != nil {
			return v.UTC(), true
		}
	}
	return nil, false
}

// utcInPlace is utcArgs on a slice rx owns, such as a COPY row's values.
func utcInPlace(vals []any) {
	for i, a := range vals {
		if v, ok := utcArg(a); ok {
			vals[i] = v
		}
	}
}
