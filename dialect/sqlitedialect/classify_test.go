package sqlitedialect_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/rxgo/rxdb/dialect/sqlitedialect"
	"github.com/rxgo/rxdb/rx"
)

// Error shapes of the two SQLite drivers: modernc.org/sqlite's *Error has
// a Code method; mattn/go-sqlite3's Error is a value with code fields.
type (
	moderncError struct{ code int }
	mattnError   struct{ Code, ExtendedCode int }
)

func (e *moderncError) Error() string { return "sqlite" }
func (e *moderncError) Code() int     { return e.code }
func (e mattnError) Error() string    { return "sqlite3" }

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		code int // extended result code
		want error
	}{
		{"CONSTRAINT_UNIQUE", 2067, rx.ErrUniqueViolation},
		{"CONSTRAINT_PRIMARYKEY", 1555, rx.ErrUniqueViolation},
		{"BUSY", 5, rx.ErrRetryable},
		{"BUSY_SNAPSHOT", 517, rx.ErrRetryable},
		{"LOCKED", 6, rx.ErrRetryable},
		{"LOCKED_SHAREDCACHE", 262, rx.ErrRetryable},
		{"CONSTRAINT_FOREIGNKEY", 787, rx.ErrForeignKeyViolation},
		{"CONSTRAINT_NOTNULL", 1299, nil},
		{"ERROR", 1, nil},
	}
	for _, tt := range tests {
		for _, drv := range []error{&moderncError{tt.code}, mattnError{Code: tt.code & 0xff, ExtendedCode: tt.code}} {
			t.Run(fmt.Sprintf("%s/%T", tt.name, drv), func(t *testing.T) {
				err := sqlitedialect.Dialect{}.Classify(fmt.Errorf("exec: %w", drv))
				for _, kind := range []error{rx.ErrUniqueViolation, rx.ErrForeignKeyViolation, rx.ErrRetryable} {
					if got := errors.Is(err, kind); got != (kind == tt.want) {
						t.Errorf("errors.Is(%v, %v) = %v", err, kind, got)
					}
				}
			})
		}
	}
}
