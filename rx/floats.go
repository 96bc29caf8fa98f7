package rx

import "fmt"

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
