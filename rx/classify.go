package rx

import (
	"context"
	"errors"
)

// classify lets the dialect mark the error and, when the context ended,
// makes sure the context's error is what callers can test for.
func (db *DB) classify(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return db.redactSecrets(&ctxError{ctx: cerr, err: err})
	}
	// A driver may repeat connection settings in a message on reconnect.
	return db.redactSecrets(db.dialect.Classify(err))
}

// ctxError keeps both the context's error and the driver's, so
// errors.Is(err, context.Canceled) holds whatever the driver said.
type ctxError struct{ ctx, err error }

func (e *ctxError) Error() string   { return e.ctx.Error() + ": " + e.err.Error() }
func (e *ctxError) Unwrap() []error { return []error{e.ctx, e.err} }

// redactSecrets hides every password db knows of in err's message.
func (db *DB) redactSecrets(err error) error {
	err = redact(err, db.secret)
	for _, s := range db.reads.secrets {
		err = redact(err, s)
	}
	return err
}
