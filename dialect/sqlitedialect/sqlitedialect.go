// Package sqlite is rx's SQLite dialect, on the pure-Go modernc.org/sqlite
// driver (no cgo). Enable it with a blank import:
//
//	import _ "github.com/rxgo/rxdb/drivers/sqlite"
//
// URLs: sqlite:///relative.db, sqlite:////absolute/path.db,
// sqlite:///:memory: and sqlite:// (in memory). Query parameters are passed
// to the driver (for example ?_pragma=cache_size(-20000)).
package sqlite

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	sq "github.com/Masterminds/squirrel"
	"github.com/rxgo/rxdb/rx"
	msqlite "modernc.org/sqlite"
)

func init() { rx.RegisterDialect(Dialect{}) }

// Dialect implements rx.Dialect for SQLite.
type Dialect struct{}

// Name implements rx.Dialect.
func (Dialect) Name() string { return "sqlite" }

// Schemes implements rx.Dialect.
func (Dialect) Schemes() []string { return []string{"sqlite", "sqlite3"} }

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

// DSN is the modernc.org/sqlite data source name for u: WAL journal,
// foreign keys on, a busy timeout, and write transactions that take the
// write lock at BEGIN (so two writers queue instead of deadlocking on a
// lock upgrade). The URL's own query parameters win.
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
	for k, vs := range u.Query() {
		if k == "_pragma" {
			q[k] = append(q[k], vs...)
		} else {
			q[k] = vs
		}
	}
	return path + "?" + q.Encode()
}

// Connector implements rx.Dialect. It refuses a file name with a '?' in
// it: the driver would read the rest as options and open another file.
func (Dialect) Connector(u *url.URL) (driver.Connector, error) {
	if p := Path(u); strings.Contains(p, "?") {
		return nil, fmt.Errorf("SQLite file name %q contains '?', which the driver reads as the start of its options: rename the file", p)
	}
	return msqlite.NewConnector(DSN(u))
}

// ConfigurePool implements rx.Dialect. An in-memory database exists once
// per connection, so the pool keeps exactly one, forever.
func (Dialect) ConfigurePool(db *sql.DB, u *url.URL) {
	if Path(u) == ":memory:" {
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
	}
}

// SerialWrites implements rx.WriteSerializer: SQLite has one writer at a
// time, and its busy handler can starve a writer among many. rx queues a
// pool's writers for as long as the busy timeout; an in-memory database
// needs no queue, its pool having a single connection.
func (Dialect) SerialWrites(u *url.URL) time.Duration {
	if Path(u) == ":memory:" {
		return 0
	}
	return BusyTimeout * time.Millisecond
}

// Recognizes implements rx.Dialect.
func (Dialect) Recognizes(d driver.Driver) bool {
	_, ok := d.(*msqlite.Driver)
	return ok
}

// Placeholder implements rx.Dialect.
func (Dialect) Placeholder() sq.PlaceholderFormat { return sq.Question }

// Quote implements rx.Dialect.
func (Dialect) Quote(ident string) string { return `"` + strings.ReplaceAll(ident, `"`, `""`) + `"` }

// MaxParams implements rx.Dialect: SQLITE_MAX_VARIABLE_NUMBER.
func (Dialect) MaxParams() int { return 32766 }

// NoLimit implements rx.Dialect.
func (Dialect) NoLimit() string { return "-1" }

// LockClause is empty: SQLite has no row locks, and rx begins read-write
// sessions with BEGIN IMMEDIATE, which keeps every other writer out until
// the session ends.
func (Dialect) LockClause(rx.RowLock) string { return "" }

// ColumnType implements rx.Dialect. SQLite stores by affinity; the names
// are chosen so the driver converts DATETIME back to time.Time.
func (Dialect) ColumnType(c *rx.Column) string {
	if c.SQLType != "" {
		return c.SQLType
	}
	switch c.Kind {
	case rx.KindBool:
		return "BOOLEAN"
	case rx.KindFloat32, rx.KindFloat64:
		return "REAL"
	case rx.KindString:
		if c.Size > 0 {
			return "VARCHAR(" + strconv.Itoa(c.Size) + ")"
		}
		return "TEXT"
	case rx.KindBytes:
		return "BLOB"
	case rx.KindTime:
		return "DATETIME"
	case rx.KindJSON:
		return "TEXT"
	}
	return "INTEGER" // every integer; INTEGER PRIMARY KEY is the rowid
}

// AutoIncrement implements rx.Dialect: an INTEGER PRIMARY KEY generates
// its values by itself.
func (Dialect) AutoIncrement() string { return "" }

// Returning implements rx.Dialect.
func (Dialect) Returning() bool { return true }

// OneRowLastInsertID implements rx.OneRowLastInsertID: SQLite's
// LastInsertId is the rowid of the row just inserted.
func (Dialect) OneRowLastInsertID() {}

// IDStepQuery implements rx.Dialect.
func (Dialect) IDStepQuery() string { return "" }

// Upsert implements rx.Dialect.
func (Dialect) Upsert(b *strings.Builder, conflict, update []string, pk string) {
	rx.OnConflict(b, conflict, update)
}

// TablesQuery implements rx.Dialect.
func (Dialect) TablesQuery() string {
	return "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
}

// ReadOnlyOn implements rx.ReadOnlyGuard: SQLite's driver starts a
// read-only transaction like any other, so the connection is told to
// refuse writes for the session's duration.
func (Dialect) ReadOnlyOn() string { return "PRAGMA query_only = ON" }

// ReadOnlyOff implements rx.ReadOnlyGuard.
func (Dialect) ReadOnlyOff() string { return "PRAGMA query_only = OFF" }

// SQLite result codes (sqlite3.h).
const (
	codeBusy             = 5
	codeLocked           = 6
	codeConstraintPK     = 1555
	codeConstraintUnique = 2067
)

// Classify implements rx.Dialect from SQLite's extended result code,
// whichever driver carried it (modernc.org/sqlite, mattn/go-sqlite3; see
// rx.ServerCodeOf).
func (Dialect) Classify(err error) error {
	c, ok := rx.ServerCodeOf(err)
	if !ok {
		return err
	}
	switch code := c.Number; {
	case code == codeConstraintUnique || code == codeConstraintPK:
		return rx.Mark(err, rx.ErrUniqueViolation)
	case code&0xff == codeBusy || code&0xff == codeLocked:
		return rx.Mark(err, rx.ErrRetryable)
	}
	return err
}
