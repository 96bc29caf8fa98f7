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

	// ErrStatementPooler marks an error about a named prepared statement
	// that a transaction-pooling proxy (PgBouncer, RDS Proxy, Supabase's
	// or Neon's pooler) lost or mixed up between server connections: pgx's
	// statement cache is on. rx's own pools never use it; the fix is the
	// URL parameter default_query_exec_mode=cache_describe on the pool
	// (for a pool opened elsewhere and given to rx.Wrap, pgx's
	// ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeCacheDescribe).
	ErrStatementPooler = errors.New("rx: a named prepared statement does not survive this connection pooler; set default_query_exec_mode=cache_describe in the URL (rx's default) or pgx.QueryExecModeCacheDescribe on a pool passed to rx.Wrap")
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

// Hint returns err marked as kind, with kind's message after err's own,
// for a class whose message says the fix (ErrStatementPooler).
func Hint(err, kind error) error {
	if err == nil || kind == nil {
		return err
	}
	return &hintedError{markedError{kind: kind, err: err}}
}

type hintedError struct{ markedError }

func (e *hintedError) Error() string { return e.err.Error() + ": " + e.kind.Error() }
