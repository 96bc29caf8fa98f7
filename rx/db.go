package rx

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/jmoiron/sqlx/reflectx"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/schema"
)

// DB is a database handle: a connection pool plus its dialect and the
// per-model SQL rx has prepared for it. It is safe for concurrent use.
// A *DB is also a Querier, for single statements in autocommit mode.
type DB struct {
	x       *sqlx.DB
	dialect dialect.Dialect
	url     string // redacted, for messages
	logger  *slog.Logger
	hooks   []QueryHook
	idStep  atomic.Int64         // auto-increment step; 0 until read
	owned   bool                 // Close closes the pool
	secret  string               // the URL's password, redacted from errors
	writes  *writeGate           // nil unless the dialect serializes writers
	floats  dialect.FloatChecker // nil unless the database refuses some floats
	reads   readRouter           // where autocommit reads and read-only sessions go
	copier  dialect.BulkCopier   // nil unless the driver can COPY on its connections
	native  dialect.NativeConn   // nil unless the driver has a native interface (native.go)
	inTx    sessionGoroutines    // goroutines running a read-write session's callback
	// timeText writes a bound time as the text the URL chose, for a
	// driver that cannot (dialect.TimeFormatter); nil binds times.
	timeText func(time.Time) any

	stmts sync.Map // *Table -> *tableSQL

	sessionHooks []SessionHook    // the hooks that are also SessionHooks
	endpoint     dialect.Endpoint // from the URL, for telemetry
	n1           n1Config         // the N+1 detector (nplusone.go)
}

// Open connects to the database cfg names, applies the dialect's
// recommended settings and pings it, giving up after cfg.ConnectTimeout.
// Errors never contain the URL's password.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	if err := checkCtx(ctx); err != nil {
		return nil, err
	}
	raw := cfg.URL()
	u, drv, err := dialect.ParseURL(raw)
	if err != nil {
		return nil, err
	}
	d := drv.Dialect()
	secret, _ := u.User.Password()
	redacted := u.Redacted()
	conn, err := drv.Connector(u)
	if err != nil {
		return nil, redact(fmt.Errorf("rx: database URL %s: %w", redacted, err), secret)
	}
	sqlDB := sql.OpenDB(conn)
	applyPoolDefaults(sqlDB)
	drv.ConfigurePool(sqlDB, u)
	applyPool(sqlDB, cfg)

	timeout := cfg.ConnectTimeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := sqlDB.PingContext(pctx); err != nil {
		sqlDB.Close()
		if pctx.Err() != nil && ctx.Err() == nil {
			err = fmt.Errorf("no answer within %s (Config.ConnectTimeout): %w", timeout, err)
		}
		return nil, redact(fmt.Errorf("rx: cannot connect to %s: %w", redacted, err), secret)
	}
	x := sqlx.NewDb(sqlDB, d.Name())
	x.Mapper = NewMapper()
	db := newDB(x, d, cfg.logger())
	db.url, db.secret, db.owned = redacted, secret, true
	db.endpoint = endpointOf(drv, u)
	db.copier, _ = drv.(dialect.BulkCopier)
	db.native, _ = drv.(dialect.NativeConn)
	db.writes = newWriteGate(drv, u)
	if tf, ok := drv.(dialect.TimeFormatter); ok {
		db.timeText = tf.TimeFormat(u)
	}
	if err := db.openReplicas(ctx, cfg, drv, timeout); err != nil {
		db.Close()
		return nil, err
	}
	db.startLogging(ctx, cfg)
	if err := db.init(pctx); err != nil {
		sqlDB.Close()
		return nil, redact(err, secret)
	}
	// The schema check is package migrate's, installed by its init through
	// RegisterSchemaCheck: a program that imports migrate gets it, one that
	// does not gets a warning when Config names migrations (checkSchema).
	db.checkSchema(ctx, cfg)
	return db, nil
}

// DefaultMaxOpenConns is the pool size rx gives a database unless
// Config.MaxOpenConns or the dialect says otherwise: twice the usable CPUs,
// and at least 10 (pgxpool takes max(4, NumCPU), SQLAlchemy 5 plus 10 of
// overflow). database/sql alone opens connections without limit, and under
// load a service then meets the server's connection limit (PostgreSQL's
// max_connections is 100, MariaDB's max_connections 151) and fails
// requests instead of queueing them for a moment.
func DefaultMaxOpenConns() int { return max(10, 2*runtime.GOMAXPROCS(0)) }

// DefaultConnMaxIdleTime is how long a connection rx's pool keeps idle
// before closing it, so that a burst's connections do not stay open.
const DefaultConnMaxIdleTime = 5 * time.Minute

// applyPoolDefaults bounds the pool, keeping as many connections idle as
// it may open, so that a busy service does not reconnect between requests
// (database/sql keeps 2).
func applyPoolDefaults(db *sql.DB) {
	n := DefaultMaxOpenConns()
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	db.SetConnMaxIdleTime(DefaultConnMaxIdleTime)
}

// applyPool applies the Config's pool settings: zero keeps the default,
// a negative value lifts the limit (no idle connections, for MaxIdleConns).
func applyPool(db *sql.DB, cfg Config) {
	if cfg.MaxOpenConns != 0 {
		db.SetMaxOpenConns(max(cfg.MaxOpenConns, 0))
	}
	if cfg.MaxIdleConns != 0 {
		db.SetMaxIdleConns(max(cfg.MaxIdleConns, 0))
	}
	if cfg.ConnMaxLifetime != 0 {
		db.SetConnMaxLifetime(max(cfg.ConnMaxLifetime, 0))
	}
	if cfg.ConnMaxIdleTime != 0 {
		db.SetConnMaxIdleTime(max(cfg.ConnMaxIdleTime, 0))
	}
}

// NewMapper returns the sqlx name mapper that matches rx's column names:
// the db tag, else the snake_case of the field name. rx sets it on the
// *sqlx.DB it opens; set it on a pool you wrap (or pass MapNames to Wrap)
// so that plain sqlx scans rx models with multi-word field names.
func NewMapper() *reflectx.Mapper { return reflectx.NewMapperFunc("db", schema.SnakeCase) }

func newDB(x *sqlx.DB, d dialect.Dialect, logger *slog.Logger) *DB {
	db := &DB{x: x, dialect: d, logger: logger}
	db.floats, _ = d.(dialect.FloatChecker)
	return db
}

// init reads what rx needs to know about the server, so that Open reports
// a problem at once instead of at the first insert.
func (db *DB) init(ctx context.Context) error {
	_, err := db.autoIncrementStep(ctx, db.x)
	return err
}

// Close closes the pool if rx opened it. A DB made by Wrap leaves the
// pool to its owner.
func (db *DB) Close() error {
	if !db.owned {
		return nil
	}
	return errors.Join(db.x.Close(), db.closeReplicas())
}

// Dialect returns the database's dialect.
func (db *DB) Dialect() dialect.Dialect { return db.dialect }

// SQLX returns the underlying *sqlx.DB, for code that uses sqlx directly.
// Statements sent through it bypass the query hooks.
func (db *DB) SQLX() *sqlx.DB { return db.x }

// SQL returns the underlying *sql.DB.
func (db *DB) SQL() *sql.DB { return db.x.DB }

// String describes the database without its password.
func (db *DB) String() string { return "rx.DB(" + db.url + ")" }

// GoString is String, so %#v cannot print the fields, among them the
// password DB keeps to redact driver errors.
func (db *DB) GoString() string { return db.String() }

func (db *DB) target() (*DB, execer, error) {
	if db == nil {
		return nil, nil, errNilDB
	}
	return db, db.x, nil
}

// The package-level database used by WithSession, as Reflex's rx.session()
// uses the app's configured database. It exists only once the program
// names it, with Configure or SetDefault: a program that opened a MySQL
// pool and calls rx.WithSession must not find its rows in ./rx.db.
var defaultDB struct {
	sync.Mutex
	cfg        Config
	configured bool // Configure was called
	db         *DB
	owned      bool // db was opened from cfg, so a new Configure closes it
}

// Configure sets the configuration of the package-level database that
// WithSession and Default use. It checks the URL but does not connect;
// the first use does. A database opened by an earlier configuration is
// closed; one given to SetDefault is left to its owner. Configure with
// the zero Config uses DB_URL, else DefaultDBURL.
func Configure(cfg Config) error {
	if _, _, err := ParseURL(cfg.URL()); err != nil {
		return err
	}
	defaultDB.Lock()
	defer defaultDB.Unlock()
	old, owned := defaultDB.db, defaultDB.owned
	defaultDB.cfg, defaultDB.configured, defaultDB.db, defaultDB.owned = cfg, true, nil, false
	if old != nil && owned {
		return old.Close()
	}
	return nil
}

// SetDefault makes db, which its caller opened and closes, the
// package-level database. SetDefault(nil) undoes it (and any Configure):
// the package-level database is then unset again.
func SetDefault(db *DB) {
	defaultDB.Lock()
	defaultDB.db, defaultDB.owned, defaultDB.configured = db, false, false
	defaultDB.Unlock()
}

// Default returns the package-level database: the one given to
// SetDefault, or the one the configuration given to Configure names,
// opened on first use. Before either it returns ErrNoDefault and opens
// nothing.
func Default() (*DB, error) { return defaultDatabase(context.Background()) }

func defaultDatabase(ctx context.Context) (*DB, error) {
	defaultDB.Lock()
	defer defaultDB.Unlock()
	if defaultDB.db != nil {
		return defaultDB.db, nil
	}
	if !defaultDB.configured {
		return nil, ErrNoDefault
	}
	db, err := Open(ctx, defaultDB.cfg)
	if err != nil {
		return nil, err
	}
	defaultDB.db, defaultDB.owned = db, true
	return db, nil
}

// WithSession runs fn in a session on the package-level database (see
// Default and DB.WithSession): ErrNoDefault until Configure or SetDefault
// has named it.
func WithSession(ctx context.Context, fn func(*Session) error, opts ...SessionOption) error {
	if err := checkCtx(ctx); err != nil {
		return err
	}
	db, err := defaultDatabase(ctx)
	if err != nil {
		return err
	}
	return db.WithSession(ctx, fn, opts...)
}

var errNilDB = errors.New("rx: nil *DB")
