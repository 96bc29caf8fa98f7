// Package mysql opens MySQL and MariaDB databases for rx with
// github.com/go-sql-driver/mysql. Enable it with a blank import:
//
//	import _ "github.com/rxgo/rxdb/drivers/mysql"
//
// URLs: mysql://user:password@host:3306/database?param=value (also
// mariadb:// and mysql+pymysql://). Parameters are go-sql-driver/mysql's;
// unix_socket=/path connects through a socket.
//
// The SQL flavour is package dialect/mysqldialect, which imports no
// driver.
package mysql

import (
	"database/sql"
	"database/sql/driver"
	"net"
	"net/url"
	"strings"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/dialect/mysqldialect"
)

func init() { dialect.RegisterDriver(Driver{}) }

// Dialect is MySQL's dialect.Dialect, mysqldialect.Dialect.
type Dialect = mysqldialect.Dialect

// Driver implements dialect.Driver with go-sql-driver/mysql.
type Driver struct{}

// Dialect implements dialect.Driver.
func (Driver) Dialect() dialect.Dialect { return Dialect{} }

// Schemes implements dialect.Driver.
func (Driver) Schemes() []string { return []string{"mysql", "mariadb"} }

// Config translates a URL into go-sql-driver/mysql's configuration with
// rx's settings: parseTime (DATETIME scans into time.Time, in UTC),
// interpolateParams (a statement with arguments costs one round trip, not
// prepare+execute+close), clientFoundRows (rows affected counts matched
// rows, so an update that changes nothing still finds its row),
// maxAllowedPacket=0 (the driver reads the server's max_allowed_packet,
// and refuses a larger statement before sending it). A parameter in the
// URL overrides rx's choice.
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
	if !q.Has("maxAllowedPacket") {
		// Ask the server for its limit (one query per new connection):
		// with the driver's fixed 64 MiB guess, a statement between the
		// server's limit and that guess is sent, and the server answers by
		// closing the connection ("connection reset by peer").
		cfg.MaxAllowedPacket = 0
	}
	return cfg, nil
}

// Connector implements dialect.Driver: go-sql-driver/mysql's connector,
// whose connections also stop a statement on the server when its context
// ends (see cancel.go).
func (Driver) Connector(u *url.URL) (driver.Connector, error) {
	cfg, err := Config(u)
	if err != nil {
		return nil, err
	}
	return newKillConnector(cfg)
}

// ConfigurePool implements dialect.Driver: connections are recycled before
// the server's or a proxy's idle timeout can cut them.
func (Driver) ConfigurePool(db *sql.DB, _ *url.URL) { db.SetConnMaxLifetime(3 * time.Minute) }

// Recognizes implements dialect.Driver.
func (Driver) Recognizes(d driver.Driver) bool {
	_, ok := d.(*gomysql.MySQLDriver)
	return ok
}
