// Package rxotel traces and measures an rx database with OpenTelemetry,
// following the semantic conventions for database clients: a span per
// statement, a span per session with its statements under it, the
// db.client.operation.duration histogram, and the pool's connection
// metrics.
//
//	db, err := rx.Open(ctx, cfg)
//	...
//	if _, err := rxotel.Instrument(db); err != nil { ... }
//
// It lives in its own module (github.com/rxgo/rxdb/otel), so that programs
// that do not use it never download OpenTelemetry. It uses the global
// tracer and meter providers unless given others.
//
// What is recorded: the SQL text, with its placeholders (rx binds every
// value, so the text holds none; WithoutQueryText drops it); never the
// bound values unless WithArgs asks; never the URL, user or password.
// Error messages, which a server may fill with a value (MySQL's
// "Duplicate entry 'x'"), are left out unless WithErrorMessages asks: a
// failure is marked by its class, such as rx.ErrUniqueViolation, in
// error.type and the span status.
package rxotel

import (
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/rxgo/rxdb/rx"
)

// ScopeName is the instrumentation scope of the tracer and meter.
const ScopeName = "github.com/rxgo/rxdb/otel"

// Option configures Instrument, NewHook and RegisterPoolMetrics.
type Option func(*config)

type config struct {
	tp        trace.TracerProvider
	mp        metric.MeterProvider
	noText    bool
	args      bool
	errText   bool
	system    string
	poolName  string
	extra     []attribute.KeyValue
	noMetrics bool
}

// WithTracerProvider sets the tracer provider; the default is the global
// one (otel.GetTracerProvider).
func WithTracerProvider(tp trace.TracerProvider) Option { return func(c *config) { c.tp = tp } }

// WithMeterProvider sets the meter provider; the default is the global
// one (otel.GetMeterProvider).
func WithMeterProvider(mp metric.MeterProvider) Option { return func(c *config) { c.mp = mp } }

// WithoutQueryText leaves db.query.text out of the spans: for raw SQL
// written with values in its text instead of bound parameters.
func WithoutQueryText() Option { return func(c *config) { c.noText = true } }

// WithArgs adds the bound values to each statement's span, as
// db.query.parameter.0, .1, ... They may hold personal data or secrets:
// turn this on only where the traces may show them.
func WithArgs() Option { return func(c *config) { c.args = true } }

// WithErrorMessages puts the error's message in the span status and
// records it as an exception event. A server's message may quote a
// value (MySQL's "Duplicate entry 'x' for key"), so by default only the
// error's class is recorded.
func WithErrorMessages() Option { return func(c *config) { c.errText = true } }

// WithSystemName sets db.system.name, for a server that speaks another's
// protocol: "mariadb" for MariaDB, "cockroachdb" for CockroachDB behind
// the postgres dialect. The default follows the dialect: "sqlite",
// "postgresql" or "mysql".
func WithSystemName(name string) Option { return func(c *config) { c.system = name } }

// WithPoolName sets db.client.connection.pool.name on the pool metrics.
// The default is server.address:server.port/db.namespace as the
// conventions suggest (the file name for SQLite), or the system name
// for a DB given to rx.Wrap, whose URL rx does not know.
func WithPoolName(name string) Option { return func(c *config) { c.poolName = name } }

// WithAttributes adds attributes to every span and measurement, such as
// a name for the database's role.
func WithAttributes(kv ...attribute.KeyValue) Option {
	return func(c *config) { c.extra = append(c.extra, kv...) }
}

// Instrument adds to db a hook that traces and measures its statements
// and sessions (see NewHook), and registers its pool metrics (see
// RegisterPoolMetrics). Call it once, before db is shared between
// goroutines; unregister the returned registration when closing db.
func Instrument(db *rx.DB, opts ...Option) (metric.Registration, error) {
	h, err := NewHook(db, opts...)
	if err != nil {
		return nil, err
	}
	reg, err := RegisterPoolMetrics(db, opts...)
	if err != nil {
		return nil, err
	}
	db.AddQueryHook(h)
	return reg, nil
}

func newConfig(opts []Option) *config {
	c := &config{}
	for _, o := range opts {
		o(c)
	}
	if c.tp == nil {
		c.tp = otel.GetTracerProvider()
	}
	if c.mp == nil {
		c.mp = otel.GetMeterProvider()
	}
	return c
}

func (c *config) meter() metric.Meter {
	return c.mp.Meter(ScopeName, metric.WithSchemaURL(semconv.SchemaURL))
}

// systemName is db.system.name for db.
func (c *config) systemName(db *rx.DB) string {
	if c.system != "" {
		return c.system
	}
	switch name := db.Dialect().Name(); name {
	case "postgres":
		return semconv.DBSystemNamePostgreSQL.Value.AsString()
	case "mysql":
		return semconv.DBSystemNameMySQL.Value.AsString()
	default:
		return name // "sqlite" is the conventions' name too
	}
}

// connAttrs are the attributes of every span and measurement: where the
// database is, and the caller's own.
func (c *config) connAttrs(db *rx.DB) []attribute.KeyValue {
	ep := db.Endpoint()
	kv := []attribute.KeyValue{semconv.DBSystemNameKey.String(c.systemName(db))}
	if ep.Database != "" {
		kv = append(kv, semconv.DBNamespace(ep.Database))
	}
	if ep.Host != "" {
		kv = append(kv, semconv.ServerAddress(ep.Host))
		if ep.Port != 0 {
			kv = append(kv, semconv.ServerPort(ep.Port))
		}
	}
	return append(kv, c.extra...)
}
