package dialect

import "errors"

// The classes of server errors a Dialect's Classify marks (with Mark).
// Package rx re-exports them under the same names; applications test
// for them there, with errors.Is.
var (
	// ErrUniqueViolation marks an error that a unique or primary key
	// constraint raised.
	ErrUniqueViolation = errors.New("rx: unique constraint violated")

	// ErrForeignKeyViolation marks an error that a foreign-key constraint
	// raised: a row pointing at a parent that does not exist, or the delete
	// of a parent whose children forbid it (ondelete=restrict or no action).
	ErrForeignKeyViolation = errors.New("rx: foreign key constraint violated")

	// ErrRetryable marks an error after which re-running the whole
	// transaction may succeed: a deadlock, a serialization failure, a lock
	// timeout or a busy SQLite database. See rx.Retry.
	ErrRetryable = errors.New("rx: transaction conflict, retry the transaction")

	// ErrReadOnly marks a write refused because the server is read-only
	// (a replica, a PostgreSQL hot standby, MySQL's read_only) or the
	// transaction is (ReadOnly). It is not retryable: the write must go to
	// the primary, in a read-write session.
	ErrReadOnly = errors.New("rx: write refused by a read-only server or transaction; send it to the primary in a read-write session")
)

// Mark returns err marked as kind (ErrUniqueViolation,
// ErrForeignKeyViolation, ErrRetryable or ErrReadOnly), so
// that errors.Is(result, kind) holds while errors.As still reaches err.
// Dialects call it when they classify server errors.
func Mark(err, kind error) error {
	if err == nil || kind == nil {
		return err
	}
	return &markedError{kind: kind, err: err}
}

type markedError struct{ kind, err error }

func (e *markedError) Error() string   { return e.err.Error() }
func (e *markedError) Unwrap() []error { return []error{e.kind, e.err} }
