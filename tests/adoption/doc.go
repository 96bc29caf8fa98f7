// Package adoption tests adopting existing databases with rxdb: public
// sample databases (testdata, see SOURCES.md) are loaded into SQLite,
// MariaDB and PostgreSQL, and `db inspect`, `db init`, `db check`,
// `db makemigrations` and `db migrate` run on them as a user would.
package adoption
