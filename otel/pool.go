package rxotel

import (
	"context"
	"fmt"
	"strconv"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/semconv/v1.43.0/dbconv"

	"github.com/rxgo/rxdb/rx"
)

// RegisterPoolMetrics registers observable instruments that report db's
// pool statistics (rx.DB.Stats) at each collection:
//
//   - db.client.connection.count, by db.client.connection.state "idle"
//     and "used", and db.client.connection.max (absent when the pool has
//     no limit), as the conventions define them;
//   - rx.pool.wait.count and rx.pool.wait.duration (seconds): how often,
//     and how long in all, callers waited for a free connection, counted
//     since the pool opened. database/sql keeps only these totals, not
//     each wait that the conventions' db.client.connection.wait_time
//     histogram would need;
//   - rx.pool.closed, by rx.pool.close.reason "max_idle", "max_idle_time"
//     and "max_lifetime": connections the pool closed on its limits.
//
// Every point carries db.client.connection.pool.name (see WithPoolName).
// Unregister the registration when closing db.
func RegisterPoolMetrics(db *rx.DB, opts ...Option) (metric.Registration, error) {
	c := newConfig(opts)
	m := c.meter()
	count, err := dbconv.NewClientConnectionCountObservable(m)
	if err != nil {
		return nil, poolErr(count.Name(), err)
	}
	maxConns, err := dbconv.NewClientConnectionMaxObservable(m)
	if err != nil {
		return nil, poolErr(maxConns.Name(), err)
	}
	waits, err := m.Int64ObservableCounter("rx.pool.wait.count",
		metric.WithUnit("{wait}"),
		metric.WithDescription("The number of times a caller waited for a free connection, since the pool opened."))
	if err != nil {
		return nil, poolErr("rx.pool.wait.count", err)
	}
	waited, err := m.Float64ObservableCounter("rx.pool.wait.duration",
		metric.WithUnit("s"),
		metric.WithDescription("The total time callers waited for a free connection, since the pool opened."))
	if err != nil {
		return nil, poolErr("rx.pool.wait.duration", err)
	}
	closed, err := m.Int64ObservableCounter("rx.pool.closed",
		metric.WithUnit("{connection}"),
		metric.WithDescription("The connections the pool closed on reaching a limit, by rx.pool.close.reason, since it opened."))
	if err != nil {
		return nil, poolErr("rx.pool.closed", err)
	}

	pool := append([]attribute.KeyValue{count.AttrClientConnectionPoolName(c.poolNameOf(db))}, c.extra...)
	with := func(kv ...attribute.KeyValue) metric.MeasurementOption {
		return metric.WithAttributeSet(attribute.NewSet(append(kv, pool...)...))
	}
	var (
		all      = with()
		idle     = with(count.AttrClientConnectionState(dbconv.ClientConnectionStateIdle))
		used     = with(count.AttrClientConnectionState(dbconv.ClientConnectionStateUsed))
		reason   = attribute.Key("rx.pool.close.reason")
		maxIdle  = with(reason.String("max_idle"))
		idleTime = with(reason.String("max_idle_time"))
		lifetime = with(reason.String("max_lifetime"))
	)
	return m.RegisterCallback(func(_ context.Context, o metric.Observer) error {
		s := db.Stats()
		o.ObserveInt64(count.Inst(), int64(s.Idle), idle)
		o.ObserveInt64(count.Inst(), int64(s.InUse), used)
		if s.MaxOpenConnections > 0 {
			o.ObserveInt64(maxConns.Inst(), int64(s.MaxOpenConnections), all)
		}
		o.ObserveInt64(waits, s.WaitCount, all)
		o.ObserveFloat64(waited, s.WaitDuration.Seconds(), all)
		o.ObserveInt64(closed, s.MaxIdleClosed, maxIdle)
		o.ObserveInt64(closed, s.MaxIdleTimeClosed, idleTime)
		o.ObserveInt64(closed, s.MaxLifetimeClosed, lifetime)
		return nil
	}, count.Inst(), maxConns.Inst(), waits, waited, closed)
}

func poolErr(name string, err error) error {
	return fmt.Errorf("rxotel: creating %s: %w", name, err)
}

// poolNameOf is db.client.connection.pool.name: the option's, else
// server.address:server.port/db.namespace as the conventions suggest.
func (c *config) poolNameOf(db *rx.DB) string {
	if c.poolName != "" {
		return c.poolName
	}
	ep := db.Endpoint()
	name := ep.Host
	if ep.Port != 0 {
		name += ":" + strconv.Itoa(ep.Port)
	}
	if ep.Database != "" {
		if name != "" {
			name += "/"
		}
		name += ep.Database
	}
	if name == "" {
		name = c.systemName(db)
	}
	return name
}
