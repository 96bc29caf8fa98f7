package pgdialect_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/rxgo/rxdb/dialect/pgdialect"
	"github.com/rxgo/rxdb/rx"
)

// pqError has the shape of lib/pq's *pq.Error: a SQLState method.
type pqError struct{ code string }

func (e *pqError) Error() string    { return "pq: " + e.code }
func (e *pqError) SQLState() string { return e.code }

func TestClassify(t *testing.T) {
	tests := []struct {
		code string
		want error // nil: not classified
	}{
		{"23505", rx.ErrUniqueViolation},     // unique_violation
		{"40001", rx.ErrRetryable},           // serialization_failure
		{"40P01", rx.ErrRetryable},           // deadlock_detected
		{"55P03", rx.ErrRetryable},           // lock_not_available
		{"23503", rx.ErrForeignKeyViolation}, // foreign_key_violation
		{"42P01", nil},                       // undefined_table
	}
	for _, tt := range tests {
		for _, drv := range []error{&pgconn.PgError{Code: tt.code}, &pqError{tt.code}} {
			t.Run(fmt.Sprintf("%s/%T", tt.code, drv), func(t *testing.T) {
				err := pgdialect.Dialect{}.Classify(fmt.Errorf("query: %w", drv))
				for _, kind := range []error{rx.ErrUniqueViolation, rx.ErrForeignKeyViolation, rx.ErrRetryable} {
					if got := errors.Is(err, kind); got != (kind == tt.want) {
						t.Errorf("errors.Is(%v, %v) = %v", err, kind, got)
					}
				}
				if !errors.Is(err, drv) {
					t.Errorf("the driver's error is lost: %v", err)
				}
			})
		}
	}
}
