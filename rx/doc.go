// Package rx is the database layer of the Reflex framework for Go: models
// are plain structs, sessions are explicit transaction scopes, and queries
// are built with a generic, chainable builder, on SQLite, MariaDB/MySQL
// and PostgreSQL. It stays one step away from database/sql and sqlx:
// every *DB is an sqlx pool, every Session an sqlx transaction, and every
// builder renders SQL that sqlx can run.
//
// # Connecting
//
// A database is enabled by a blank import of its driver package, as with
// database/sql, and named by a SQLAlchemy-style URL:
//
//	import _ "github.com/rxgo/rxdb/drivers/sqlite" // or drivers/mysql, drivers/postgres
//
//	db, err := rx.Open(ctx, rx.Config{DBURL: "sqlite:///app.db"}) // DB_URL overrides
//
// Configure (or SetDefault) names the package-level database, so code can
// use rx.WithSession anywhere, as Reflex's rx.session() is used; until one
// of them is called, WithSession returns ErrNoDefault and opens nothing.
//
// # Models
//
// A model is a struct that embeds Model (an auto-increment int64 id) or
// marks its own key with `rx:"pk"`. Its table is the snake_case of the
// type name, its columns the `db` tags or the snake_case of the field
// names; `rx:"..."` adds unique, index, size=N, default=..., type=...,
// json, fk=table.column and - (skip). Metadata is read once per type and reused by every
// call; CreateAll creates the tables.
//
// # Sessions and queries
//
// DB.WithSession runs a callback in a transaction: commit on nil, roll
// back on an error or a panic. Session.Add stages rows (or slices of
// them, []T or []*T), written in
// multi-row INSERTs (a COPY for large batches on PostgreSQL) at Flush or
// at the end, setting their generated keys; a nested Session.WithSession
// is a SAVEPOINT. Select, Update, Delete and Insert build statements on a
// Session, or on the *DB itself for one statement in autocommit. Column
// names a caller passes are checked against the model before any SQL is
// sent; values are always bound parameters.
//
//	users, err := rx.Select[User](s).Where(rx.Eq{"active": true}).OrderBy("-id").Limit(20).All(ctx)
//
// Scan and ScanOne read a query's rows into any struct, such as a report
// built with ColumnExpr and GroupBy:
//
//	rows, err := rx.Scan[AuthorPosts](ctx, rx.Select[Post](s).
//		Columns("user_id").ColumnExpr("posts", "COUNT(*)").GroupBy("user_id"))
//
// Pluck reads one column into a slice of values, and FirstOrCreate gets
// a row by a unique key or inserts it, safely under concurrency.
//
// # Relationships
//
// A column tagged rx:"fk=author.id,ondelete=cascade" is a foreign key,
// created by CreateAll (tables in reference order) and by migrations. A
// field holding a model, a pointer to one or a slice is a relation, not a
// column: belongs-to (Author *Author beside AuthorID), has-one, has-many
// (Books []Book) or many-to-many (Tags []Tag `rx:"through=book_tag"`),
// found from the foreign keys or named with rel=, join= and through=.
// Relations load only when asked, with one query per relation and level:
//
//	authors, err := rx.Select[Author](s).With("Books", "Books.Tags").All(ctx)
//
// A session's flush writes rows after the rows their belongs-to fields
// point at, copying the generated keys, then the many-to-many link rows.
// Columns tagged autocreate and autoupdate get the time of the write, and
// a model may implement BeforeInserter, AfterInserter and the other
// hooks.
//
// # Coming from sqlx
//
// Wrap (or WrapSQL) puts rx on an existing pool, and JoinTx runs an rx
// session inside a transaction that existing code owns and ends;
// Session.Tx hands the session's *sqlx.Tx to existing helpers. Every
// builder's ToSQL returns SQL in the connection's placeholder style,
// SelectQuery.Builder returns the squirrel builder for what rx does not
// wrap, and Query and QueryOne scan hand-written SQL into models or any
// other struct. rx
// models scan with sqlx's Get and Select: see Wrap for the name mapping.
//
// # Seeing the SQL
//
// A QueryHook added with DB.AddQueryHook sees every statement rx sends,
// transaction boundaries included; LogQueries (or Config.LogQueries, the
// counterpart of SQLAlchemy's echo=True) logs them with log/slog, without
// their arguments unless asked. A hook that is also a SessionHook sees the
// sessions and their retries; the module github.com/rxgo/rxdb/otel builds
// OpenTelemetry spans and metrics from them, and DB.Stats gives the pool's
// statistics without it.
//
// # Errors
//
// ErrNotFound (which is sql.ErrNoRows), ErrMultipleRows,
// ErrUniqueViolation, ErrForeignKeyViolation, ErrRetryable, ErrReadOnly
// and ErrSessionClosed are tested with errors.Is; the driver's own error
// stays reachable with errors.As. A statement rx builds for a model fails
// with an *OpError naming the operation and table ("rx: select post:
// ..."). ErrNoDefault, ErrIterOpen, ErrWriteInSession, ErrNilContext,
// ErrNilCallback and ErrUnsupportedFloat refuse a misuse before any SQL
// is sent. No error or
// log line contains the database password.
//
// # Examples
//
// Every main entry point has a runnable example, which go doc does not
// print: read them at https://pkg.go.dev/github.com/rxgo/rxdb/rx#pkg-examples
// or in example_test.go, and run them with
//
//	go test -run Example -v github.com/rxgo/rxdb/rx
package rx
