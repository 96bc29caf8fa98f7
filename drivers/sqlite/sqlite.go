// Package sqlite opens SQLite databases for rx with the pure-Go
// modernc.org/sqlite driver (no cgo). Enable it with a blank import:
//
//	import _ "github.com/rxgo/rxdb/drivers/sqlite"
//
// URLs: sqlite:///relative.db, sqlite:////absolute/path.db,
// sqlite:///:memory: and sqlite:// (in memory). Query parameters are passed
// to the driver (for example ?_pragma=cache_size(-20000)).
//
// The SQL flavour is package dialect/sqlitedialect, which imports no
// driver.
package sqlite

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/dialect/sqlitedialect"
	msqlite "modernc.org/sqlite"
)

func init() { dialect.RegisterDriver(Driver{}) }

// Dialect is SQLite's dialect.Dialect, sqlitedialect.Dialect.
type Dialect = sqlitedialect.Dialect

// Driver implements dialect.Driver with modernc.org/sqlite.
type Driver struct{}

// Dialect implements dialect.Driver.
func (Driver) Dialect() dialect.Dialect { return Dialect{} }

// Schemes implements dialect.Driver.
func (Driver) Schemes() []string { return []string{"sqlite", "sqlite3"} }

// BusyTimeout is how long, in milliseconds, a connection waits for another
// writer before SQLITE_BUSY.
const BusyTimeout = 10000

// Path returns the file a sqlite URL names, or ":memory:".
func Path(u *url.URL) string {
	p := u.Path
	if u.Host != "" { // sqlite://relative.db, a common slip: keep it working
		p = u.Host + p
	} else {
		p = strings.TrimPrefix(p, "/") // sqlite:///rel.db -> rel.db, sqlite:////abs -> /abs
	}
	if p == "" || p == ":memory:" {
		return ":memory:"
	}
	return p
}

// Endpoint implements dialect.EndpointDriver: a SQLite database is a file,
// with no server.
func (Driver) Endpoint(u *url.URL) dialect.Endpoint { return dialect.Endpoint{Database: Path(u)} }

// DSN is the modernc.org/sqlite data source name for u: WAL journal,
// foreign keys on, a busy timeout, write transactions that take the
// write lock at BEGIN (so two writers queue instead of deadlocking on a
// lock upgrade), and times written in UTC as SQLite's own text format,
// "2006-01-02 15:04:05.999999999+00:00". One zone makes text order time
// order, so comparisons and ORDER BY on a time column follow the instant:
// where two times share their seconds, the shorter fraction is the
// earlier, and '+' sorts before '.' and every digit. The driver's default
// (Time.String(), with the value's own zone) neither sorts nor, for a
// zone without a name, reads back. The URL's own query parameters win;
// _time_format=datetime_frac (DatetimeFrac) is rx's own.
func DSN(u *url.URL) string {
	path := Path(u)
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout("+strconv.Itoa(BusyTimeout)+")")
	if path != ":memory:" {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	q.Set("_timezone", "UTC")
	for k, vs := range u.Query() {
		if k == "_pragma" {
			q[k] = append(q[k], vs...)
		} else {
			q[k] = vs
		}
	}
	q.Set("_time_format", driverTimeFormat(q.Get("_time_format")))
	return path + "?" + q.Encode()
}

// Connector implements dialect.Driver. It refuses a file name with a '?' in
// it: the driver would read the rest as options and open another file.
func (Driver) Connector(u *url.URL) (driver.Connector, error) {
	if p := Path(u); strings.Contains(p, "?") {
		return nil, fmt.Errorf("SQLite file name %q contains '?', which the driver reads as the start of its options: rename the file", p)
	}
	return msqlite.NewConnector(DSN(u))
}

// ConfigurePool implements dialect.Driver. An in-memory database exists once
// per connection, so the pool keeps exactly one, forever.
func (Driver) ConfigurePool(db *sql.DB, u *url.URL) {
	if Path(u) == ":memory:" {
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
	}
}

// WriteQueueWait implements dialect.WriteSerializer: SQLite has one writer at a
// time, and its busy handler can starve a writer among many. rx queues a
// pool's writers for as long as the busy timeout; an in-memory database
// needs no queue, its pool having a single connection.
func (Driver) WriteQueueWait(u *url.URL) time.Duration {
	if Path(u) == ":memory:" {
		return 0
	}
	return BusyTimeout * time.Millisecond
}

// Recognizes implements dialect.Driver.
func (Driver) Recognizes(d driver.Driver) bool {
	_, ok := d.(*msqlite.Driver)
	return ok
}
