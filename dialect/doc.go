// Package dialect is the home of rxdb's SQL dialects, one package each,
// none of which imports a Go database driver: pgdialect (PostgreSQL,
// CockroachDB), mysqldialect (MySQL, MariaDB, TiDB) and sqlitedialect.
// Name one for a pool opened with another driver:
//
//	db, err := rx.Wrap(x, rx.WithDialect(pgdialect.Dialect{}))
//
// The packages under drivers/ add the Go drivers and register them; the
// tests in this package check what every dialect must agree on, such as
// the column type of each Go type.
package dialect
