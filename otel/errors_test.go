package rxotel_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/rxgo/rxdb/dialect"
	rxotel "github.com/rxgo/rxdb/otel"
	"github.com/rxgo/rxdb/rx"
)

type customError struct{}

func (*customError) Error() string { return "custom" }

// The most specific class names an error, however it is wrapped; other
// errors are named by their Go type.
func TestErrorType(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{nil, ""},
		{fmt.Errorf("rx: update post: %w", rx.ErrStale), "rx.ErrStale"},
		{dialect.Mark(errors.New("deadlock"), rx.ErrRetryable), "rx.ErrRetryable"},
		{dialect.Mark(errors.New("duplicate"), rx.ErrUniqueViolation), "rx.ErrUniqueViolation"},
		{fmt.Errorf("rx: Todo with key [1]: %w", rx.ErrNotFound), "rx.ErrNotFound"},
		{errors.Join(context.Canceled, dialect.Mark(errors.New("x"), rx.ErrRetryable)), "context.Canceled"},
		{rx.ErrSessionAborted, "rx.ErrSessionAborted"},
		{rx.ErrWriteInSession, "rx.ErrWriteInSession"},
		{fmt.Errorf("wrapped: %w", &customError{}), "*rxotel_test.customError"},
		{fmt.Errorf("rx: session: %w", &rx.OpError{Op: "select", Table: "post", Err: &customError{}}), "*rxotel_test.customError"},
		{&rx.OpError{Op: "insert", Table: "post", Err: dialect.Mark(&customError{}, rx.ErrUniqueViolation)}, "rx.ErrUniqueViolation"},
	} {
		if got := rxotel.ErrorType(c.err); got != c.want {
			t.Errorf("ErrorType(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
