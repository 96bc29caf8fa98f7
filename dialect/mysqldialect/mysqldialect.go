// Package mysql is rx's MySQL and MariaDB dialect, on
// github.com/go-sql-driver/mysql. Enable it with a blank import:
//
//	import _ "github.com/rxgo/rxdb/drivers/mysql"
//
// URLs: mysql://user:password@host:3306/database?param=value (also
// mariadb:// and mysql+pymysql://). Parameters are go-sql-driver/mysql's;
// unix_socket=/path connects through a socket.
package mysql

import (
	"database/sql"
	"database/sql/driver"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	sq "github.com/Masterminds/squirrel"
	gomysql "github.com/go-sql-driver/mysql"
	"github.com/rxgo/rxdb/rx"
)

func init() { rx.RegisterDialect(Dialect{}) }

// Dialect implements rx.Dialect for MySQL and MariaDB, and for
// MySQL-protocol clusters such as TiDB and Vitess.
type Dialect struct{}

// Name implements rx.Dialect.
func (Dialect) Name() string { return "mysql" }

// Schemes implements rx.Dialect.
func (Dialect) Schemes() []string { return []string{"mysql", "mariadb"} }

// Config translates a URL into go-sql-driver/mysql's configuration with
// rx's settings: parseTime (DATETIME scans into time.Time, in UTC),
// interpolateParams (a statement with arguments costs one round trip, not
// prepare+execute+close), clientFoundRows (rows affected counts matched
// rows, so an update that changes nothing still finds its row). A
// parameter in the URL overrides rx's choice.
func Config(u *url.URL) (*gomysql.Config, error) {
	q := u.Query()
	socket := q.Get("unix_socket")
	q.Del("unix_socket")
	cfg := gomysql.NewConfig()
	if len(q) > 0 {
		parsed, err := gomysql.ParseDSN("/?" + q.Encode())
		if err != nil {
			return nil, err
		}
		cfg = parsed
	}
	cfg.User = u.User.Username()
	cfg.Passwd, _ = u.User.Password()
	cfg.DBName = strings.TrimPrefix(u.Path, "/")
	if socket != "" {
		cfg.Net, cfg.Addr = "unix", socket
	} else {
		host, port := u.Hostname(), u.Port()
		if host == "" {
			host = "127.0.0.1"
		}
		if port == "" {
			port = "3306"
		}
		cfg.Net, cfg.Addr = "tcp", net.JoinHostPort(host, port)
	}
	if !q.Has("parseTime") {
		cfg.ParseTime = true
	}
	if !q.Has("interpolateParams") {
		cfg.InterpolateParams = true
	}
	if !q.Has("clientFoundRows") {
		cfg.ClientFoundRows = true
	}
	if !q.Has("timeout") {
		cfg.Timeout = 10 * time.Second
	}
	return cfg, nil
}

// Connector implements rx.Dialect.
func (Dialect) Connector(u *url.URL) (driver.Connector, error) {
	cfg, err := Config(u)
	if err != nil {
		return nil, err
	}
	return gomysql.NewConnector(cfg)
}

// ConfigurePool implements rx.Dialect: connections are recycled before
// the server's or a proxy's idle timeout can cut them.
func (Dialect) ConfigurePool(db *sql.DB, _ *url.URL) { db.SetConnMaxLifetime(3 * time.Minute) }

// Recognizes implements rx.Dialect.
func (Dialect) Recognizes(d driver.Driver) bool {
	_, ok := d.(*gomysql.MySQLDriver)
	return ok
}

// Placeholder implements rx.Dialect.
func (Dialect) Placeholder() sq.PlaceholderFormat { return sq.Question }

// Quote implements rx.Dialect.
func (Dialect) Quote(ident string) string { return "`" + strings.ReplaceAll(ident, "`", "``") + "`" }

// MaxParams implements rx.Dialect.
func (Dialect) MaxParams() int { return 65535 }

// NoLimit implements rx.Dialect: MySQL's grammar has no OFFSET without LIMIT.
func (Dialect) NoLimit() string { return "18446744073709551615" }

// LockClause renders FOR UPDATE, or LOCK IN SHARE MODE for a shared lock:
// MariaDB has no FOR SHARE, and MySQL 8 takes both.
func (Dialect) LockClause(l rx.RowLock) string { return l.SQL("LOCK IN SHARE MODE") }

// ColumnType implements rx.Dialect. Strings are TEXT unless sized or
// indexed: MySQL indexes only a bounded prefix of TEXT.
func (Dialect) ColumnType(c *rx.Column) string {
	if c.SQLType != "" {
		return c.SQLType
	}
	keyed := c.PrimaryKey || c.Unique || c.Index
	switch c.Kind {
	case rx.KindBool:
		return "BOOLEAN"
	case rx.KindInt8:
		return "TINYINT"
	case rx.KindInt16:
		return "SMALLINT"
	case rx.KindInt32:
		return "INT"
	case rx.KindInt64:
		return "BIGINT"
	case rx.KindUint8:
		return "TINYINT UNSIGNED"
	case rx.KindUint16:
		return "SMALLINT UNSIGNED"
	case rx.KindUint32:
		return "INT UNSIGNED"
	case rx.KindUint64:
		return "BIGINT UNSIGNED"
	case rx.KindFloat32:
		return "FLOAT"
	case rx.KindFloat64:
		return "DOUBLE"
	case rx.KindString:
		switch {
		case c.Size > 0:
			return "VARCHAR(" + strconv.Itoa(c.Size) + ")"
		case keyed:
			return "VARCHAR(255)"
		}
		return "TEXT"
	case rx.KindBytes:
		switch {
		case c.Size > 0:
			return "VARBINARY(" + strconv.Itoa(c.Size) + ")"
		case keyed:
			return "VARBINARY(255)"
		}
		return "LONGBLOB"
	case rx.KindTime:
		return "DATETIME(6)"
	case rx.KindJSON:
		return "JSON"
	}
	return "TEXT"
}

// AutoIncrement implements rx.Dialect.
func (Dialect) AutoIncrement() string { return "AUTO_INCREMENT" }

// Returning implements rx.Dialect: MySQL has no INSERT ... RETURNING, and
// LastInsertId reports the first key of a multi-row insert, whose keys
// are consecutive (steps of auto_increment_increment) under every
// innodb_autoinc_lock_mode for a plain INSERT ... VALUES.
func (Dialect) Returning() bool { return false }

// IDStepQuery implements rx.Dialect.
func (Dialect) IDStepQuery() string { return "SELECT @@auto_increment_increment" }

// Upsert implements rx.Dialect. MySQL reacts to a conflict on any unique
// key; "do nothing" assigns the key to itself, which unlike INSERT IGNORE
// does not also swallow other errors.
func (Dialect) Upsert(b *strings.Builder, _ []string, update []string, pk string) {
	b.WriteString(" ON DUPLICATE KEY UPDATE ")
	if len(update) == 0 {
		b.WriteString(pk + " = " + pk)
		return
	}
	for i, c := range update {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c + " = VALUES(" + c + ")")
	}
}

// TablesQuery implements rx.Dialect.
func (Dialect) TablesQuery() string {
	return "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name"
}

// Server error numbers.
const (
	errDupEntry          = 1062
	errDupEntryWithKey   = 1586
	errLockWaitTimeout   = 1205
	errDeadlock          = 1213
	errTiDBWriteConflict = 9007
)

// Classify implements rx.Dialect from the server's error number,
// whichever driver carried it (see rx.ServerCodeOf).
func (Dialect) Classify(err error) error {
	c, ok := rx.ServerCodeOf(err)
	if !ok {
		return err
	}
	switch c.Number {
	case errDupEntry, errDupEntryWithKey:
		return rx.Mark(err, rx.ErrUniqueViolation)
	case errDeadlock, errLockWaitTimeout, errTiDBWriteConflict:
		return rx.Mark(err, rx.ErrRetryable)
	}
	return err
}
