package dialect

import (
	"strings"

	sq "github.com/Masterminds/squirrel"

	"github.com/rxgo/rxdb/schema"
)

// Dialect carries everything that differs between databases in SQL:
// quoting, placeholders, column types, upsert, row locks, introspection
// and the classification of errors. The packages under dialect/
// implement it without importing any Go driver, so an application that
// brings its own (lib/pq, mattn/go-sqlite3) names one with WithDialect
// and links no other. Nothing outside a Dialect branches on the database.
type Dialect interface {
	// Name is the dialect's short name: "sqlite", "mysql" or "postgres".
	Name() string

	// Placeholder is the bind-parameter style.
	Placeholder() sq.PlaceholderFormat
	// Quote quotes an identifier.
	Quote(ident string) string
	// MaxParams is the largest number of bind parameters per statement.
	MaxParams() int
	// NoLimit is the LIMIT value that means "all rows", for an OFFSET
	// without LIMIT on databases whose grammar requires both; "" if none.
	// It must be an unsigned number, so that Builder's squirrel rendering
	// is the same SQL.
	NoLimit() string

	// ColumnType is the column type for c in CREATE TABLE.
	ColumnType(c *schema.Column) string
	// AutoIncrement is the clause, after NOT NULL, that makes an integer
	// primary key generate its values ("" when the type implies it).
	AutoIncrement() string
	// Returning reports whether INSERT ... RETURNING hands back generated
	// keys. When false, rx reads LastInsertId as the first key of a
	// multi-row insert and steps by IDStepQuery's answer.
	Returning() bool
	// IDStepQuery returns the query for the auto-increment step of a
	// LastInsertId dialect, or "".
	IDStepQuery() string
	// Upsert appends the conflict clause of an INSERT: conflict are the
	// quoted key columns, update the quoted columns to overwrite (none
	// means do nothing), pk the quoted first primary key column, generated
	// the quoted auto-increment key column or "". On a dialect without
	// Returning, the clause must leave LastInsertId reporting the key of
	// a single row it updates (MySQL: generated = LAST_INSERT_ID(generated)),
	// and 0 when it writes nothing: rx sets the model's key from it.
	Upsert(b *strings.Builder, conflict, update []string, pk, generated string)
	// LockClause renders a SELECT's row-locking clause, appended after
	// LIMIT and OFFSET ("FOR UPDATE SKIP LOCKED"), or "" for a database
	// whose write transactions already exclude each other (SQLite).
	LockClause(l RowLock) string
	// InList renders col IN the values of list, a slice or array of at
	// least one value (NOT IN when not is set), with ? placeholders, and
	// returns the arguments to bind. A dialect that can bind the whole
	// list as one parameter does, so that a list of any length fits the
	// statement's parameter limit; InList (the function) renders one
	// placeholder per value.
	InList(col string, list any, not bool) (string, []any)
	// ILike renders a case-insensitive LIKE of col against one ?
	// parameter (NOT LIKE when not is set), for rx.ILike: ILIKE where the
	// database has it, LOWER(col) LIKE LOWER(?) otherwise.
	ILike(col string, not bool) string
	// TablesQuery lists the tables of the current database or schema,
	// one name per row.
	TablesQuery() string

	// Classify marks server errors with ErrUniqueViolation,
	// ErrForeignKeyViolation, ErrRetryable, ErrReadOnly or
	// ErrStatementPooler (see Mark and Hint) and returns other errors
	// unchanged.
	Classify(err error) error
}

// RowLock is the row-locking clause of a SELECT, for a Dialect to render.
type RowLock struct {
	// Share takes a shared lock (FOR SHARE) instead of an exclusive one
	// (FOR UPDATE): other transactions may read-lock the rows too, but
	// not change them.
	Share bool
	// SkipLocked leaves out rows another transaction has locked, instead
	// of waiting for them: how workers claim jobs from a queue table.
	SkipLocked bool
	// NoWait fails at once when a row is locked by another transaction,
	// instead of waiting for it.
	NoWait bool
}

// SQL renders the lock in the standard form, FOR UPDATE or the given
// shared form ("FOR SHARE", MySQL's "LOCK IN SHARE MODE"), followed by
// SKIP LOCKED or NOWAIT, for a Dialect's LockClause.
func (l RowLock) SQL(share string) string {
	clause := "FOR UPDATE"
	if l.Share {
		clause = share
	}
	switch {
	case l.SkipLocked:
		clause += " SKIP LOCKED"
	case l.NoWait:
		clause += " NOWAIT"
	}
	return clause
}
