// Package postgres opens PostgreSQL databases for rx with pgx v5, through
// its database/sql adapter. Enable it with a blank import:
//
//	import _ "github.com/rxgo/rxdb/drivers/postgres"
//
// URLs: postgresql://user:password@host:5432/database?sslmode=disable
// (also postgres:// and postgresql+psycopg2://). Parameters are pgx's and
// libpq's; others become run-time parameters such as search_path.
//
// The SQL flavour is package dialect/pgdialect, which imports no driver:
// a pool opened with another driver needs only that.
package postgres

import (
	"database/sql"
	"database/sql/driver"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/dialect/pgdialect"
)

func init() { dialect.RegisterDriver(Driver{}) }

// Dialect is PostgreSQL's dialect.Dialect, pgdialect.Dialect.
type Dialect = pgdialect.Dialect

// Driver implements dialect.Driver with pgx.
type Driver struct{}

// Dialect implements dialect.Driver.
func (Driver) Dialect() dialect.Dialect { return Dialect{} }

// Schemes implements dialect.Driver.
func (Driver) Schemes() []string { return []string{"postgresql", "postgres"} }

// Config parses u into pgx's connection configuration.
//
// Unless u sets pgx's default_query_exec_mode, statements run in pgx's
// cache_describe mode rather than its default cache_statement: pgx keeps
// each statement's parameter and result types per connection and sends
// every execution as one self-contained round trip (parse, bind, execute)
// on the unnamed statement, in the binary format. Named prepared
// statements, which a transaction-pooling proxy (PgBouncer, RDS Proxy,
// Supabase's and Neon's poolers) loses or mixes up between server
// connections, are never created, so a pool works the same directly and
// behind a pooler. The cost is that the server parses and plans each
// execution (see bench/README.md); default_query_exec_mode=cache_statement
// in the URL brings server-side prepared statements back on a direct
// connection.
func Config(u *url.URL) (*pgx.ConnConfig, error) {
	c := *u
	c.Scheme = "postgres"
	cfg, err := pgx.ParseConfig(c.String())
	if err != nil {
		return nil, err
	}
	if !u.Query().Has(execModeParam) {
		cfg.DefaultQueryExecMode = pgx.QueryExecModeCacheDescribe
	}
	return cfg, nil
}

// execModeParam is pgx's URL parameter for DefaultQueryExecMode.
const execModeParam = "default_query_exec_mode"

// Connector implements dialect.Driver.
func (Driver) Connector(u *url.URL) (driver.Connector, error) {
	cfg, err := Config(u)
	if err != nil {
		return nil, err
	}
	return lazyConnector{stdlib.GetConnector(*cfg)}, nil
}

// ConfigurePool implements dialect.Driver: connections are renewed after an
// hour, as pgxpool does, so that a pool behind a load balancer or
// PgBouncer spreads again after a failover and no backend grows for ever.
func (Driver) ConfigurePool(db *sql.DB, _ *url.URL) { db.SetConnMaxLifetime(time.Hour) }

// Recognizes implements dialect.Driver.
func (Driver) Recognizes(d driver.Driver) bool {
	_, ok := d.(*stdlib.Driver)
	return ok
}
