package dialect

import (
	"context"
	"net/url"
	"time"
)

// The optional interfaces below add to a Dialect or a Driver what only
// some databases need or can do. rx looks for them with a type assertion
// when it opens a database, so implementing one is all it takes.

// OneRowLastInsertID is an optional interface of a Dialect that uses
// RETURNING for multi-row inserts but whose driver also reports the key of
// a single-row INSERT through sql.Result.LastInsertId, as SQLite's does:
// rx then inserts one row with Exec, which costs less than opening and
// reading a result set for its key.
type OneRowLastInsertID interface {
	OneRowLastInsertID()
}

// FulltextIndexer is implemented by dialects whose database has FULLTEXT
// indexes (MySQL and MariaDB): a model's rx:"fulltext" index is created
// there and left out elsewhere.
type FulltextIndexer interface {
	FulltextIndex()
}

// ReadOnlyGuard is implemented by dialects whose driver does not itself
// refuse writes in a read-only transaction (SQLite): rx pins a connection,
// runs On before the transaction and Off after it, so that the guard
// never outlives the session. A connection that already refuses writes
// (ReadOnlyState answers true: the application set it so) is left as it
// is, so that the session does not lift the application's own guard.
type ReadOnlyGuard interface {
	ReadOnlyOn() string
	ReadOnlyOff() string
	// ReadOnlyState is a query whose one value is true when the
	// connection already refuses writes.
	ReadOnlyState() string
}

// FloatChecker is an optional interface for a Dialect whose database
// cannot store every float64: MySQL and MariaDB refuse NaN and ±Inf (and
// with interpolated parameters the driver would send NaN as a bare
// word, read as a column name), SQLite stores NaN as NULL. rx calls
// CheckFloat for every float argument of every statement before sending
// it, and refuses the statement with ErrUnsupportedFloat when it returns
// an error.
type FloatChecker interface {
	// CheckFloat says why the database cannot take f, or returns nil.
	CheckFloat(f float64) error
}

// LikeEscaper is an optional interface of a Dialect that names \ as the
// escape character of LIKE, so that rx's Like, NotLike, ILike and NotILike
// read a pattern the same way on every database. rx appends LikeEscape's
// clause after each LIKE pattern. Without it a pattern takes the
// database's own default, which on SQLite is no escape at all.
type LikeEscaper interface {
	// LikeEscape returns the clause, with its leading space, such as
	// ` ESCAPE '\'`, written so that it holds under every setting of the
	// database's string literals.
	LikeEscape() string
}

// WriteSerializer is an optional interface for a Driver whose database
// admits one writing transaction at a time, as SQLite does. rx then queues
// the writers of each pool in Go, in order and promptly, ending the wait
// with the context; the database's own busy handler polls with growing
// sleeps instead, and under many concurrent writers can starve one past
// its timeout, which the caller sees as "database is locked".
type WriteSerializer interface {
	// WriteQueueWait returns how long a writer waits in rx's queue before it
	// tries the database anyway (where its busy handling takes over), or 0
	// when the database at u needs no queue.
	WriteQueueWait(u *url.URL) time.Duration
}

// TimeFormatter is an optional interface of a Driver that lets its URL
// choose a text format for times which the driver's own connection
// cannot write (SQLite's text times, to match the rows a schema already
// holds). rx formats every time it binds with the function, in UTC.
type TimeFormatter interface {
	// TimeFormat returns what a time in UTC is bound as for the database
	// at u, or nil when the driver's own conversion applies.
	TimeFormat(u *url.URL) func(time.Time) any
}

// EndpointDriver is an optional interface of a Driver whose URLs name
// the database in another way than scheme://host:port/database.
type EndpointDriver interface {
	Endpoint(u *url.URL) Endpoint
}

// BulkCopier is an optional interface of a Driver whose connections load
// rows faster than multi-row INSERT can: PostgreSQL's COPY ... FROM STDIN.
// A session flushing many staged rows of one model on such a database
// reserves their generated keys with ReserveKeysQuery, sets them on the
// models and streams the rows with CopyFrom, on the connection that
// database/sql lends through sql.Conn.Raw.
type BulkCopier interface {
	// CopyFrom writes the rows of src into table's columns (unquoted
	// names) on driverConn, the driver's connection as sql.Conn.Raw hands
	// it out, and returns the rows written. It runs inside whatever
	// transaction is open on the connection. It must not return an error
	// that is driver.ErrBadConn: database/sql would close the connection
	// under the open transaction.
	CopyFrom(ctx context.Context, driverConn any, table string, columns []string, src CopySource) (int64, error)
	// ReserveKeysQuery returns a query, in the dialect's placeholder
	// style, that takes the quoted table name, the column name and a row
	// count n, draws n values from the sequence behind that generated key
	// column in one round trip and returns them one per row, in the order
	// drawn, or a NULL when the column has no sequence.
	ReserveKeysQuery() string
}

// ReturningRefuser is an optional interface of a BulkCopier whose
// database refuses INSERT ... RETURNING on some tables: PostgreSQL on a
// table with ON INSERT DO INSTEAD rules, as inherited partitions have
// (SQLSTATE 0A000, which also aborts the transaction, so that rx must
// know before it sends the INSERT). rx asks once per table and pool, and
// inserts into such a table with keys drawn by ReserveKeysQuery, set on
// the models, and an INSERT without RETURNING.
type ReturningRefuser interface {
	// RefusesReturningQuery returns a query, in the dialect's placeholder
	// style, that takes the quoted table name and returns one boolean:
	// whether the database would refuse INSERT ... RETURNING on it.
	RefusesReturningQuery() string
}

// CopyChecker is an optional interface of a BulkCopier whose COPY cannot
// carry every string that INSERT can: INSERT sends a string as text for
// the server to parse, while PostgreSQL's binary COPY needs the driver to
// encode it, which it cannot for a NUMERIC "1e5", an INTERVAL "P1Y2M",
// a braced UUID or an enum. Before a COPY, rx asks which columns take
// which strings, and writes the rows with INSERT when a string value
// would not be read as INSERT reads it.
type CopyChecker interface {
	// CopyStrings returns, for each of table's columns (unquoted names),
	// nil when COPY carries any string for it as INSERT does, or else a
	// function that reports whether it carries s so. It runs on
	// driverConn, inside whatever transaction is open there, and must not
	// return driver.ErrBadConn.
	CopyStrings(ctx context.Context, driverConn any, table string, columns []string) ([]func(s string) bool, error)
}

// CopySource is the rows a BulkCopier writes, one Values slice per Next.
// It has the method set of pgx's CopyFromSource. Values' slice is reused
// by the next call; Next and Values may run on another goroutine than
// CopyFrom's caller, but never after CopyFrom has returned.
type CopySource interface {
	Next() bool
	Values() ([]any, error)
	Err() error
}

// NativeConn is an optional interface of a Driver whose connections have
// a faster interface than database/sql's: pgx's on PostgreSQL, which
// decodes each column straight into its destination instead of into a
// driver.Value first. rx runs its statements through it on the
// connection that database/sql lends through sql.Conn.Raw, so the pool,
// Wrap, SQL() and SQLX() stay database/sql's.
//
// Both methods run while database/sql holds the connection for rx, and
// the rows are read and closed before Raw returns. An error that is, or
// wraps, driver.ErrBadConn means the statement was not sent and the
// connection is unusable: outside a transaction rx lets database/sql
// discard the connection and tries another, as database/sql does.
type NativeConn interface {
	// NativeQuery sends query with args on driverConn, the driver's
	// connection as sql.Conn.Raw hands it out, and returns its rows, the
	// first of them already received so that a server error comes back
	// here rather than from the rows.
	NativeQuery(ctx context.Context, driverConn any, query string, args []any) (NativeRows, error)
	// NativeExec sends a statement without result rows and returns the
	// rows it affected.
	NativeExec(ctx context.Context, driverConn any, query string, args []any) (int64, error)
}

// NativeBatcher is a NativeConn that sends several queries in one round
// trip, as rx loads the relations of one level of With.
type NativeBatcher interface {
	// NativeQueryBatch sends queries, args[i] the arguments of
	// queries[i], on driverConn and hands each one's rows to scan, in
	// order, the first row already received. It returns how many queries
	// scan saw, and the first error: the server's for query done, or
	// scan's.
	NativeQueryBatch(ctx context.Context, driverConn any, queries []string, args [][]any, scan func(i int, rows NativeRows) error) (done int, err error)
}

// NativeRows is the result of NativeConn.NativeQuery. Scan takes the
// destinations database/sql's Rows.Scan would (pointers to the fields,
// sql.Scanner shims), in a slice that Dest hands out and the rows own, so
// that rx allocates nothing per query for it, and must store in each
// exactly what database/sql's Rows.Scan stores through the driver's
// database/sql adapter: the native path is an optimisation only.
type NativeRows interface {
	Next() bool
	// Dest returns a slice of n destinations, reused between rows.
	Dest(n int) []any
	Scan(dest []any) error
	// Columns returns the names of the result columns.
	Columns() []string
	Err() error
	// Close discards the remaining rows; the rows must not be used after.
	Close() error
}

// NullsSortLast is an optional interface of a Dialect whose ORDER BY puts
// NULL after every value in ascending order and before every value in
// descending order, as PostgreSQL does; without it rx takes NULL to sort
// before every value ascending, as SQLite and MySQL/MariaDB do. Keyset
// pagination (rx's After) compares NULLs by it.
type NullsSortLast interface {
	NullsSortLast()
}

// LimitInSubqueryRefuser is an optional interface of a Dialect whose
// server refuses LIMIT in a subquery of IN, ALL, ANY or SOME, as
// MySQL/MariaDB do ("This version ... doesn't yet support 'LIMIT &
// IN/ALL/ANY/SOME subquery'"): rx reads such a subquery through a
// derived table, which returns the same rows.
type LimitInSubqueryRefuser interface {
	RefusesLimitInSubquery()
}
