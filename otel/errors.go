package rxotel

import (
	"context"
	"errors"

	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"

	"github.com/rxgo/rxdb/rx"
)

// classes are the error classes that name an error.type, most specific
// first: ErrStale is also ErrRetryable, and a statement cut short by its
// context is reported as such whatever the driver said.
var classes = []struct {
	err  error
	name string
}{
	{context.Canceled, "context.Canceled"},
	{context.DeadlineExceeded, "context.DeadlineExceeded"},
	{rx.ErrSessionAborted, "rx.ErrSessionAborted"},
	{rx.ErrStale, "rx.ErrStale"},
	{rx.ErrUniqueViolation, "rx.ErrUniqueViolation"},
	{rx.ErrRetryable, "rx.ErrRetryable"},
	{rx.ErrNotFound, "rx.ErrNotFound"},
	{rx.ErrMultipleRows, "rx.ErrMultipleRows"},
	{rx.ErrSessionClosed, "rx.ErrSessionClosed"},
	{rx.ErrNoWhere, "rx.ErrNoWhere"},
	{rx.ErrNoDefault, "rx.ErrNoDefault"},
	{rx.ErrUnsupportedFloat, "rx.ErrUnsupportedFloat"},
	{rx.ErrIterOpen, "rx.ErrIterOpen"},
	{rx.ErrWriteInSession, "rx.ErrWriteInSession"},
}

// ErrorType is the error.type of err: the name of rx's class of the
// error when it has one ("rx.ErrUniqueViolation", "rx.ErrRetryable",
// "context.Canceled", ...), else its Go type, as semconv.ErrorType names
// it ("*pgconn.PgError"), looking inside an *rx.OpError. It is "" for
// nil.
func ErrorType(err error) string {
	if err == nil {
		return ""
	}
	for _, c := range classes {
		if errors.Is(err, c.err) {
			return c.name
		}
	}
	// rx's *OpError names the statement; the class is the error's inside.
	var op *rx.OpError
	if errors.As(err, &op) && op.Err != nil {
		return ErrorType(op.Err)
	}
	return semconv.ErrorType(err).Value.AsString()
}
