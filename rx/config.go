package rx

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"time"
)

// Config describes how to reach a database. The zero value opens the
// database the DB_URL environment variable names, else DefaultDBURL (and
// Open logs that it did). Config never prints its password: String,
// GoString and LogValue redact it.
type Config struct {
	// AppName names the application in logs.
	AppName string
	// DBURL is a SQLAlchemy-style URL such as sqlite:///rx.db,
	// mysql://user:pass@host:3306/db or postgresql://user@host/db.
	// The DB_URL environment variable, when set, takes precedence.
	DBURL string
	// ReplicaURLs are read replicas of DBURL (a PostgreSQL hot standby,
	// MySQL replicas, other Galera nodes), of the same database kind.
	// Autocommit reads on the *DB (Select's All, One, First, Iter, Count,
	// Exists; Get; Query and QueryOne) and ReadOnly sessions go to them
	// in turn; writes, read-write sessions, raw Exec and Query, and
	// sessions with Primary go to DBURL. A replica that cannot be
	// reached is left out for ReplicaRetryAfter and the read is retried
	// on the next one, or the primary (never the primary on the
	// goroutine of a read-write session's callback; see NoReplicaFailover). A replica lags the primary by a moment:
	// read your own writes in a session, or a ReadOnly one with Primary.
	ReplicaURLs []string
	// NoReplicaFailover turns failover off for the ReplicaURLs: a read
	// that a replica does not answer returns its error instead of going
	// to the next replica or the primary (see NoFailover).
	NoReplicaFailover bool
	// Logger receives warnings (and, with LogQueries, statements).
	// Nil means slog.Default().
	Logger *slog.Logger

	// Pool settings. Zero keeps rx's default: at most
	// DefaultMaxOpenConns connections, as many kept idle, each closed
	// after DefaultConnMaxIdleTime unused, with the dialect's adjustments
	// (one connection for SQLite in memory, a 3-minute lifetime on MySQL,
	// one hour on PostgreSQL). A negative value lifts the limit
	// (MaxOpenConns: unbounded; MaxIdleConns: none kept idle; the
	// durations: forever).
	MaxOpenConns    int
	MaxIdleConns    int
	ConnMaxLifetime time.Duration
	ConnMaxIdleTime time.Duration
	// ConnectTimeout bounds Open's first connection and ping; zero means
	// 10 seconds, so a server that never answers fails clearly instead
	// of hanging.
	ConnectTimeout time.Duration
	// IgnoreEnv makes URL ignore DB_URL, for tools and tests that must
	// reach the database they name.
	IgnoreEnv bool
	// LogQueries logs every statement, without its arguments: the
	// counterpart of SQLAlchemy's echo=True. With a Logger it logs there
	// at debug level (its handler must enable slog.LevelDebug); without
	// one it logs on slog.Default() at info level, which slog's default
	// handler prints, so that turning it on shows something.
	// For other choices add a hook yourself: db.AddQueryHook(LogQueries(...)).
	LogQueries bool
	// N1 configures the N+1 detector, on by default in sessions (see
	// N1Options).
	N1 N1Options

	// MigrationsDir is the folder of migration files (package migrate
	// writes and applies them). When it or MigrationsFS is set, Open
	// compares the database with the migrations and the registered models
	// once and logs a warning when they differ; this needs package migrate
	// linked in.
	MigrationsDir string
	// MigrationsFS, when set, serves the migration files instead of the
	// disk, for example an embed.FS compiled into the binary; MigrationsDir
	// is then the folder inside it.
	MigrationsFS fs.FS
	// Ignore names tables and indexes that package migrate leaves alone:
	// they are hidden from the diff, so db makemigrations never writes
	// anything for them (not even with -prune), and db check, db status
	// and Open's schema check do not report them. Each entry is a name or
	// a path.Match pattern ("audit_*", "ft_*"), matched against table
	// names and index names alike. Use it for objects another tool owns.
	Ignore []string
}

// URL is the database URL in effect: DB_URL, else DBURL, else DefaultDBURL.
func (c Config) URL() string {
	if v := os.Getenv("DB_URL"); v != "" && !c.IgnoreEnv {
		return v
	}
	if c.DBURL != "" {
		return c.DBURL
	}
	return DefaultDBURL
}

// defaultURL reports whether URL falls back to DefaultDBURL: neither
// DBURL nor (unless ignored) DB_URL names a database.
func (c Config) defaultURL() bool {
	return c.DBURL == "" && (c.IgnoreEnv || os.Getenv("DB_URL") == "")
}

func (c Config) logger() *slog.Logger {
	if c.Logger != nil {
		return c.Logger
	}
	return slog.Default()
}

// String describes the configuration with the password redacted.
func (c Config) String() string {
	return fmt.Sprintf("rx.Config{AppName: %q, DBURL: %q}", c.AppName, RedactURL(c.DBURL))
}

// GoString is String, so %#v cannot print the password either.
func (c Config) GoString() string { return c.String() }

// MarshalJSON encodes the Config with its password redacted, so that
// dumping a configuration as JSON cannot leak it either. The logger and
// the migrations file system are not encoded.
func (c Config) MarshalJSON() ([]byte, error) {
	type plain struct {
		AppName         string        `json:"app_name,omitempty"`
		DBURL           string        `json:"db_url,omitempty"`
		MaxOpenConns    int           `json:"max_open_conns,omitempty"`
		MaxIdleConns    int           `json:"max_idle_conns,omitempty"`
		ConnMaxLifetime time.Duration `json:"conn_max_lifetime,omitempty"`
		ConnMaxIdleTime time.Duration `json:"conn_max_idle_time,omitempty"`
		ConnectTimeout  time.Duration `json:"connect_timeout,omitempty"`
		IgnoreEnv       bool          `json:"ignore_env,omitempty"`
		LogQueries      bool          `json:"log_queries,omitempty"`
		MigrationsDir   string        `json:"migrations_dir,omitempty"`
		Ignore          []string      `json:"ignore,omitempty"`
	}
	return json.Marshal(plain{c.AppName, RedactURL(c.DBURL), c.MaxOpenConns, c.MaxIdleConns,
		c.ConnMaxLifetime, c.ConnMaxIdleTime, c.ConnectTimeout, c.IgnoreEnv, c.LogQueries, c.MigrationsDir, c.Ignore})
}

// LogValue lets slog print a Config without its password.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("app", c.AppName), slog.String("db_url", RedactURL(c.DBURL)))
}
