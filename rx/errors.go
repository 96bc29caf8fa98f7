package rx

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// Sentinel errors. Compare with errors.Is: the errors rx returns wrap them
// together with the driver's own error, so errors.As still finds the
// driver's type (*pgconn.PgError, *pq.Error, *mysql.MySQLError,
// *sqlite.Error, sqlite3.Error).
var (
	// ErrNotFound is returned when a query that needs a row finds none.
	// It is sql.ErrNoRows itself, so code written against database/sql
	// and sqlx keeps working: the calls shaped like sqlx's Get (QueryOne,
	// and a Select's One and First) return it bare, so that even
	// err == sql.ErrNoRows holds; Get by key, Update and Delete of a
	// model wrap it with the model and key, for errors.Is.
	ErrNotFound = sql.ErrNoRows

	// ErrMultipleRows is returned by One, QueryOne and ScanOne when more
	// than one row matches.
	ErrMultipleRows = errors.New("rx: query returned more than one row")

	// ErrUniqueViolation marks an error that a unique or primary key
	// constraint raised.
	ErrUniqueViolation = dialect.ErrUniqueViolation

	// ErrForeignKeyViolation marks an error that a foreign-key constraint
	// raised: a row pointing at a parent that does not exist, or the
	// delete of a parent whose children forbid it (ondelete=restrict or no
	// action).
	ErrForeignKeyViolation = dialect.ErrForeignKeyViolation

	// ErrRetryable marks an error after which re-running the whole
	// transaction may succeed: a deadlock, a serialization failure, a lock
	// timeout or a busy SQLite database. See Retry.
	ErrRetryable = dialect.ErrRetryable

	// ErrReadOnly marks a write refused because the server is read-only
	// (a replica, a PostgreSQL hot standby, MySQL's read_only) or the
	// transaction is (ReadOnly). It is not retryable: the write must go to
	// the primary, in a read-write session.
	ErrReadOnly = dialect.ErrReadOnly

	// ErrStatementPooler marks PostgreSQL's errors about a named prepared
	// statement (42P05 already exists, 26000 does not exist), which mean
	// that pgx's statement cache met a transaction-pooling proxy such as
	// PgBouncer. rx's own pools never name statements; a pool opened with
	// pgx's defaults and given to Wrap does: set its
	// ConnConfig.DefaultQueryExecMode to pgx.QueryExecModeCacheDescribe.
	ErrStatementPooler = dialect.ErrStatementPooler

	// ErrStale is returned by Update and Delete of a model with a version
	// column (rx:"version") when another session changed the row since
	// the model was read: the write is refused rather than overwriting
	// theirs. errors.Is(ErrStale, ErrRetryable) is true, so a session with
	// Retry reads the row again and redoes its change.
	ErrStale error = staleError{}

	// ErrSessionClosed is returned when a session is used after the
	// callback that received it has returned.
	ErrSessionClosed = errors.New("rx: session used after its callback returned")

	// ErrNoWhere is returned by Update and Delete builders that have no
	// Where condition that restricts the rows and were not told All. It is
	// decided on the SQL the conditions render: one that renders nothing
	// or (1=1) counts as none, such as an empty rx.Eq{} (or any empty
	// condition map), rx.Expr(""), a Sqlizer whose ToSql returns "",
	// rx.And{} of such conditions, an empty rx.Or{} or one with any such
	// branch, and a NotEq whose lists are all empty.
	ErrNoWhere = errors.New("rx: refusing to update or delete every row without a Where condition that restricts the rows (empty conditions such as rx.Eq{} restrict nothing); call All() to mean it")

	// ErrNoDefault is returned by the package-level WithSession and
	// Default before the program has named the package-level database.
	ErrNoDefault = errors.New("rx: no package-level database: call rx.Configure(cfg) or rx.SetDefault(db) first, or use db.WithSession on the *rx.DB that rx.Open returned")

	// ErrUnsupportedFloat is returned, before sending, for a statement
	// with a float argument the database cannot store (NaN or ±Inf on
	// MySQL and MariaDB, NaN on SQLite); see dialect.FloatChecker.
	ErrUnsupportedFloat = errors.New("rx: float value the database cannot store")

	// ErrCommitInScope is returned by Commit and Rollback of a nested
	// scope (s.WithSession), and of the outer session while one of its
	// nested scopes is open: ending the transaction under the scope's
	// savepoint would leave the scope on a finished transaction.
	ErrCommitInScope = errors.New("rx: Commit and Rollback belong to the outer session, outside its nested scopes: return from the nested s.WithSession callback first (its work is kept when it returns nil)")

	// ErrIterOpen is returned for a statement on a session while an Iter
	// loop over that session is still reading its rows.
	ErrIterOpen = errors.New("rx: an Iter is still open on this session: its rows hold the connection until the loop ends, so collect them first (All) or run the statement after the loop")

	// ErrWriteInSession is returned, at once and on every database, for a
	// write through the *DB (or a new read-write db.WithSession) on the
	// goroutine running a read-write session's callback: it would run
	// outside the session's transaction and stay committed when the
	// session rolls back (on SQLite, which admits one writer at a time,
	// it would first wait for the session's own write lock). Writers on
	// other goroutines are not affected.
	ErrWriteInSession = errors.New("rx: a write through the *rx.DB inside a session's callback would run outside the session's transaction (committed even if the session rolls back; on SQLite it would wait for the session's own write lock): write through the session (pass s, not db), or run it after the callback returns")
)

type staleError struct{}

func (staleError) Error() string {
	return "rx: row changed by another session since it was read (stale version)"
}
func (staleError) Is(target error) bool { return target == ErrRetryable }

// OpError is the error of a statement that rx built for a model's table
// and that failed in the database or while its rows were read: it names
// the operation and the table, as in "rx: select post: ...". It unwraps
// to the error underneath, so errors.Is finds rx's sentinels
// (ErrUniqueViolation, ErrRetryable, context.Canceled) and errors.As the
// driver's own error (*pgconn.PgError, *mysql.MySQLError, *sqlite.Error).
type OpError struct {
	Op    string // "select", "insert", "update" or "delete"
	Table string // the model's table
	Err   error
}

// Error names the operation and the table before the error underneath.
func (e *OpError) Error() string {
	return "rx: " + e.Op + " " + e.Table + ": " + strings.TrimPrefix(e.Err.Error(), "rx: ")
}

// Unwrap returns the error underneath.
func (e *OpError) Unwrap() error { return e.Err }

// opError wraps a failed statement's err as an *OpError. The outcomes
// that are answers rather than failures (ErrNotFound, ErrMultipleRows)
// pass unchanged, as does an error already wrapped.
func opError(op string, t *schema.Table, err error) error {
	if err == nil || err == ErrNotFound || err == ErrMultipleRows {
		return err
	}
	if _, ok := err.(*OpError); ok {
		return err
	}
	return &OpError{Op: op, Table: t.Name, Err: err}
}

// failed classifies an error that came with a statement's rows and wraps
// it as an *OpError.
func (db *DB) failed(ctx context.Context, op string, t *schema.Table, err error) error {
	return opError(op, t, db.classify(ctx, err))
}

// ModelError reports a struct that cannot be used as a model, naming the
// field at fault and the fix.
type ModelError = schema.ModelError

// ColumnError reports a column name, passed by a caller, that the model
// does not have, or an identifier that is not a plain column reference.
type ColumnError struct {
	Model  string // Go type name
	Column string // the name as the caller wrote it
	Reason string
}

func (e *ColumnError) Error() string {
	return fmt.Sprintf("rx: model %s: column %q: %s", e.Model, e.Column, e.Reason)
}

// redactedError hides a secret (a password) that a driver might have
// copied into its message, while keeping the chain intact for errors.Is.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

func redact(err error, secret string) error {
	if err == nil || secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), secret, "xxxxx"), err: err}
}

func unknownColumn(t *schema.Table, name string) error {
	return &ColumnError{Model: t.Model(), Column: name, Reason: "no such column (columns: " + sortedColumnNames(t) + ")"}
}
