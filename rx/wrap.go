package rx

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/rxgo/rxdb/dialect"
)

// WrapOption configures Wrap and WrapSQL.
type WrapOption func(*wrapConfig)

type wrapConfig struct {
	dialect  dialect.Dialect
	mapNames bool
	readers  []*sql.DB
	stay     []bool // readers[i] has NoFailover
}

// ReadPoolOption configures one read pool of WithReadPool.
type ReadPoolOption func(*readPoolConfig)

type readPoolConfig struct{ stay bool }

// NoFailover turns failover off for the read pool: a read it cannot serve
// returns its error, where by default a read that finds the pool
// unreachable (a refused or broken connection, a server shutting down)
// goes to the next read pool or the primary, and the pool is left out for
// ReplicaRetryAfter. Use it where a read served by the primary would be
// wrong or would wait for it: a handler that must answer an error when
// its reader is down. Whatever the setting, a pool its owner closed never
// fails over (its error is the answer), and a read on the goroutine of a
// read-write session's callback never goes to the primary.
func NoFailover() ReadPoolOption { return func(c *readPoolConfig) { c.stay = true } }

// WithDialect names the dialect of a pool whose driver rx does not
// recognize (a driver other than the one the rx driver package uses, such
// as lib/pq or mattn/go-sqlite3): pgdialect.Dialect{}, mysqldialect or
// sqlitedialect's, from the packages under dialect/, which import no
// driver. Placeholders, quoting and DDL then
// follow d, and errors are classified from the codes the database sent
// whatever driver carried them (see dialect.ServerCodeOf).
func WithDialect(d dialect.Dialect) WrapOption { return func(c *wrapConfig) { c.dialect = d } }

// MapNames sets NewMapper's name mapping on the wrapped *sqlx.DB, so that
// sqlx's Get and Select map columns to fields exactly as rx does. Without
// it Wrap leaves the pool's mapper alone, since other code relies on it.
func MapNames() WrapOption { return func(c *wrapConfig) { c.mapNames = true } }

// WithReadPool hands rx the application's read pool: a pool on a
// replica, or a second pool on the same SQLite file kept for readers.
// Statements that only read go to it: autocommit reads on the *DB (the
// Select builders' All, One, First, Iter, Count and Exists, Get, Query
// and QueryOne) and ReadOnly sessions. Writes, read-write sessions and
// the raw DB.Exec and DB.Query (which may write, as INSERT ... RETURNING
// does) use the pool given to Wrap. Passed more than once, the pools take
// reads in turn. Read from a read-write session to see your own writes
// at once on a replica that lags. Like the main pool, a read pool stays
// its owner's: Close leaves it open. A read that finds the pool
// unreachable goes to the next read pool, or the writer, unless opts hold
// NoFailover.
func WithReadPool(r *sql.DB, opts ...ReadPoolOption) WrapOption {
	var rc readPoolConfig
	for _, o := range opts {
		o(&rc)
	}
	return func(c *wrapConfig) {
		c.readers = append(c.readers, r)
		c.stay = append(c.stay, rc.stay)
	}
}

// Wrap returns a *DB that runs on x's existing pool, so code written with
// sqlx adopts rx one function at a time, with no second pool. The dialect
// is found from x's driver (the one of drivers/sqlite, drivers/mysql or
// drivers/postgres, which must be imported), or given with WithDialect.
//
// Close of the returned DB leaves the pool open: it belongs to x's owner.
//
// rx models scan with x's own Get and Select when their column names are
// what sqlx's mapper expects. sqlx's default mapper lower-cases field
// names (CreatedAt maps to "createdat") while rx snake-cases them
// ("created_at"), so either give multi-word fields a db tag, or set
// x.Mapper = rx.NewMapper(), or pass MapNames. Fields tagged rx:"json"
// scan only through rx.
//
// Wrap does not change the pool's settings, so rx's driver defaults
// (Open's) apply only if the pool was opened with them. In particular a
// MySQL pool needs parseTime=true to scan DATETIME into time.Time and
// clientFoundRows=true for Update of an unchanged row not to report
// ErrNotFound.
func Wrap(x *sqlx.DB, opts ...WrapOption) (*DB, error) {
	if x == nil || x.DB == nil {
		return nil, errors.New("rx: Wrap needs an open *sqlx.DB, got nil")
	}
	cfg, d := wrapOptions(x.DB, opts)
	if d == nil {
		return nil, fmt.Errorf("rx: Wrap cannot tell the database of driver %T: import its rx driver package (github.com/rxgo/rxdb/drivers/...) if the pool uses that package's driver, or else name the dialect, which links no driver: rx.WithDialect(pgdialect.Dialect{}) (or mysqldialect, sqlitedialect, from github.com/rxgo/rxdb/dialect/...) (loaded drivers: %s)", x.Driver(), loadedDialects())
	}
	if cfg.mapNames {
		x.Mapper = NewMapper()
	}
	db := newDB(x, d, slog.Default())
	// COPY and the native path need the rx driver of the pool's own
	// database/sql driver: a lib/pq pool named pgdialect gets neither.
	rd := registeredDriver(x.DB.Driver(), d)
	db.copier, _ = rd.(dialect.BulkCopier)
	db.native, _ = rd.(dialect.NativeConn)
	for i, r := range cfg.readers {
		if r == nil {
			return nil, fmt.Errorf("rx: WithReadPool needs an open *sql.DB, got nil (read pool %d)", i+1)
		}
		rp := sqlx.NewDb(r, d.Name())
		rp.Mapper = x.Mapper
		db.reads.add(rp, "read pool "+strconv.Itoa(i+1), cfg.stay[i])
	}
	db.url = "wrapped " + d.Name() + " pool"
	return db, nil
}

// WrapSQL is Wrap for a plain *sql.DB. The *sqlx.DB that SQLX returns
// uses NewMapper's names, since no other code shares it.
func WrapSQL(db *sql.DB, opts ...WrapOption) (*DB, error) {
	if db == nil {
		return nil, errors.New("rx: WrapSQL needs an open *sql.DB, got nil")
	}
	_, d := wrapOptions(db, opts)
	name := ""
	if d != nil {
		name = d.Name()
	}
	return Wrap(sqlx.NewDb(db, name), append(opts, MapNames())...)
}

// wrapOptions applies opts and finds the dialect: the one given, else
// the one that recognizes db's driver, else nil.
func wrapOptions(db *sql.DB, opts []WrapOption) (wrapConfig, dialect.Dialect) {
	var cfg wrapConfig
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.dialect != nil {
		return cfg, cfg.dialect
	}
	return cfg, dialectForDriver(db.Driver())
}

// registeredDriver returns the registered driver that recognizes drv and
// speaks dialect d, or nil.
func registeredDriver(drv driver.Driver, d dialect.Dialect) dialect.Driver {
	for _, rd := range dialect.Drivers() {
		if rd.Recognizes(drv) && rd.Dialect().Name() == d.Name() {
			return rd
		}
	}
	return nil
}

// dialectForDriver returns the dialect of the registered driver that
// recognizes drv, or nil.
func dialectForDriver(drv driver.Driver) dialect.Dialect {
	for _, d := range dialect.Drivers() {
		if d.Recognizes(drv) {
			return d.Dialect()
		}
	}
	return nil
}

func loadedDialects() string {
	all := dialect.Drivers()
	if len(all) == 0 {
		return "none"
	}
	names := make([]string, len(all))
	for i, d := range all {
		names[i] = d.Dialect().Name()
	}
	return strings.Join(names, ", ")
}
