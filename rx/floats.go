package rx

import "fmt"

// FloatChecker is an optional interface for a Dialect whose database
// cannot store every float64: MySQL and MariaDB refuse NaN and ±Inf (and
// with interpolated parameters the driver would send NaN as a bare
// word, read as a column name), SQLite stores NaN as NULL. rx calls
// CheckFloat for every float argument of every statement before sending
// it, and refuses the statement with ErrUnsupportedFloat when it returns
// an error.
type FloatChecker interface {
	// CheckFloat says why the database cannot take f, or returns nil.
	CheckFloat(f float64) error
}

// checkFloats refuses a statement with a float argument the database
// cannot take. It runs on every statement of such a dialect, so it
// looks at each argument only by its type.
func (db *DB) checkFloats(args []any) error {
	if db.floats == nil {
		return nil
	}
	for i, a := range args {
		var f float64
		switch v := a.(type) {
		case float64:
			f = v
		case float32:
			f = float64(v)
		case *float64:
			if v == nil {
				continue
			}
			f = *v
		case *float32:
			if v == nil {
				continue
			}
			f = float64(*v)
		default:
			continue
		}
		if err := db.floats.CheckFloat(f); err != nil {
			return fmt.Errorf("%w: argument %d of the statement is %v: %v; store NULL (a *float64 field) or a finite value instead", ErrUnsupportedFloat, i+1, f, err)
		}
	}
	return nil
}
