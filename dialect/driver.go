package dialect

import (
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
)

// Driver opens a Dialect's databases through a Go database/sql driver.
// The packages under drivers/ implement it and register it with
// RegisterDriver from an init function, so that a blank import enables
// a database's URLs for Open, and Wrap recognizes its pools, the way a
// blank import does with database/sql.
type Driver interface {
	// Dialect is the SQL flavour of the databases the driver reaches.
	Dialect() Dialect
	// Schemes are the URL schemes the driver serves, such as "postgresql".
	Schemes() []string
	// Connector turns a parsed database URL into a driver connector with
	// the recommended settings applied.
	Connector(u *url.URL) (driver.Connector, error)
	// ConfigurePool applies pool limits the database needs (an in-memory
	// SQLite database must live on exactly one connection).
	ConfigurePool(db *sql.DB, u *url.URL)
	// Recognizes reports whether d is this package's database/sql driver,
	// so Wrap can find the dialect of an existing pool.
	Recognizes(d driver.Driver) bool
}

var drivers struct {
	sync.RWMutex
	byScheme map[string]Driver
	all      []Driver
}

// RegisterDriver makes d available for the URL schemes it names. Driver
// packages call it from init; it panics on a scheme registered twice, as
// sql.Register does.
func RegisterDriver(d Driver) {
	drivers.Lock()
	defer drivers.Unlock()
	if drivers.byScheme == nil {
		drivers.byScheme = map[string]Driver{}
	}
	for _, s := range d.Schemes() {
		if _, dup := drivers.byScheme[s]; dup {
			panic("rx: RegisterDriver called twice for scheme " + s)
		}
		drivers.byScheme[s] = d
	}
	drivers.all = append(drivers.all, d)
}

// Drivers returns the registered drivers, in registration order.
func Drivers() []Driver {
	drivers.RLock()
	defer drivers.RUnlock()
	return append([]Driver(nil), drivers.all...)
}

// A scheme that rx knows, and the package that serves it.
var knownSchemes = map[string]string{
	"sqlite":     "github.com/rxgo/rxdb/drivers/sqlite",
	"sqlite3":    "github.com/rxgo/rxdb/drivers/sqlite",
	"mysql":      "github.com/rxgo/rxdb/drivers/mysql",
	"mariadb":    "github.com/rxgo/rxdb/drivers/mysql",
	"postgresql": "github.com/rxgo/rxdb/drivers/postgres",
	"postgres":   "github.com/rxgo/rxdb/drivers/postgres",
}

// DriverFor returns the registered Driver for a URL scheme, or an error
// that says which package to import for a scheme rx knows.
func DriverFor(scheme string) (Driver, error) {
	drivers.RLock()
	d := drivers.byScheme[scheme]
	drivers.RUnlock()
	if d != nil {
		return d, nil
	}
	if pkg, ok := knownSchemes[scheme]; ok {
		return nil, fmt.Errorf("rx: no driver for %q URLs is loaded: add `import _ %q` to your program", scheme, pkg)
	}
	schemes := make([]string, 0, len(knownSchemes))
	for s := range knownSchemes {
		schemes = append(schemes, s)
	}
	sort.Strings(schemes)
	for i := range schemes {
		schemes[i] += "://"
	}
	return nil, fmt.Errorf("rx: unsupported database URL scheme %q: use one of %s", scheme, strings.Join(schemes, ", "))
}

// ParseURL parses a SQLAlchemy-style database URL, as rx.Open takes it,
// and finds the registered Driver that opens it, for code that opens
// pools of its own the way rx.Open does. The "dialect+driver://" form is
// accepted and the driver part ignored; the returned URL carries the bare
// scheme. Errors never repeat the password.
func ParseURL(raw string) (*url.URL, Driver, error) {
	u, err := parseDatabaseURL(raw)
	if err != nil {
		return nil, nil, err
	}
	scheme := strings.ToLower(u.Scheme)
	if i := strings.IndexByte(scheme, '+'); i >= 0 {
		scheme = scheme[:i]
	}
	d, err := DriverFor(scheme)
	if err != nil {
		return nil, nil, err
	}
	norm := *u
	norm.Scheme = scheme
	return &norm, d, nil
}

// Endpoint names where a database lives, as telemetry reports it: the
// server.address, server.port and db.namespace of OpenTelemetry's
// database conventions. It never holds a user name or password.
type Endpoint struct {
	// Host is the server's host name or address; "" for an embedded
	// database and for a pool given to Wrap.
	Host string
	// Port is the server's port, or 0 when the URL leaves it to the
	// database's default.
	Port int
	// Database is the database's name (SQLite's file name).
	Database string
}
