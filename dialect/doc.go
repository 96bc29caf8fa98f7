// Package dialect is the contract between rx and the databases it
// speaks to, as database/sql/driver is for database/sql: the Dialect
// interface (the SQL flavour), the Driver interface (opening a database
// through a Go database/sql driver), the optional interfaces some
// databases need, the classified errors (Mark, ServerCodeOf) and the DDL
// that CreateAll and migrations share. Applications use package rx; this
// package is for whoever adds a database.
//
// The dialects rx ships live in sub-packages that import no Go driver:
// pgdialect (PostgreSQL, CockroachDB), mysqldialect (MySQL, MariaDB,
// TiDB) and sqlitedialect. Name one for a pool opened with another
// driver:
//
//	db, err := rx.Wrap(x, rx.WithDialect(pgdialect.Dialect{}))
//
// # How to add a database
//
// 1. Implement Dialect in a package of its own under dialect/ that
// imports no Go driver (sqlitedialect is the smallest example).
// ColumnType maps each schema.Kind to a column type; the DDL helpers
// (CreateTableSQL, ColumnDefinition, CreateIndexSQL, ForeignKeySQL) build
// on it. Classify reads the database's own code with ServerCodeOf, never a
// driver's error type, so that the dialect classifies errors of any Go
// driver, and marks them with Mark and ErrUniqueViolation,
// ErrForeignKeyViolation, ErrRetryable or ErrReadOnly. OnConflict, InList
// and LowerLike render the standard SQL that several databases share.
//
// 2. Implement the optional interfaces the database needs: ReadOnlyGuard
// when its driver does not refuse writes in a read-only transaction,
// OneRowLastInsertID when a single-row INSERT reports its key cheaper
// than RETURNING, FloatChecker when it cannot store every float64,
// LikeEscaper to make \ LIKE's escape character (rx's Like relies on it). A
// Driver may add WriteSerializer (one writer at a time), EndpointDriver
// (URLs that name the database another way), BulkCopier (a bulk-load
// protocol such as COPY) with CopyChecker (when that protocol cannot
// carry every string INSERT can) and NativeConn (a faster interface than
// database/sql's on the same connection, as pgx has).
//
// 3. Implement Driver in a package under drivers/ that imports the Go
// driver: its URL schemes, a connector with the recommended settings, the
// pool limits the database needs, and Recognizes for rx.Wrap. Register it
// from init with RegisterDriver, so that a blank import enables its URLs,
// and export the dialect as a type alias (type Dialect =
// xdialect.Dialect).
//
// 4. For migrations, implement migrate.Driver (introspection, type
// normalization, ALTER statements, golang-migrate's database driver) in a
// sub-package drivers/x/xmigrate and register it with migrate.Register,
// so that an application that only queries does not link golang-migrate.
//
// 5. Test it with the shared suites, against a real server: add the
// dialect to the list in this package's types_test.go (the column type of
// every Go type, with no server), add a classification table test as the
// shipped dialects have (classify_test.go, codes written out, so that
// codes CI never provokes are checked too), and add an entry to the
// Databases table of internal/rxtest (name, environment variable, default
// URL, how to create a fresh database). Every test that ranges over
// rxtest's databases then runs on it: go test ./rx/ ./migrate/...
// ./dialect/... must pass, as it does for the shipped three.
package dialect
