package rxotel

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"sync"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/semconv/v1.43.0/dbconv"
	"go.opentelemetry.io/otel/trace"

	"github.com/rxgo/rxdb/rx"
)

// Hook is an rx.QueryHook and rx.SessionHook that makes spans and
// measurements of a DB's statements and sessions. Add it with
// db.AddQueryHook, or let Instrument do it.
//
// Each statement is a client span named by its operation and table
// ("SELECT post"; the target, the database's name, for raw SQL), child
// of the span in the statement's context. Each session (WithSession) is
// a span named "rx.WithSession", a nested one (a savepoint)
// "rx.Session.WithSession", whose statements, BEGIN, COMMIT and ROLLBACK
// included, are its children, even though the callback passes the
// caller's context to them; a span the callback starts itself stays the
// parent of the statements run with its context. Each retry of a session
// is an "rx.session.retry" event on its span, and rx.session.attempts
// counts the runs.
type Hook struct {
	cfg      *config
	tracer   trace.Tracer
	duration metric.Float64Histogram
	attrs    []attribute.KeyValue // of every statement on the primary, and of sessions
	// readAttrs are those of a statement on a read pool (a replica):
	// without the primary's server.address and server.port.
	readAttrs []attribute.KeyValue
	target    string // the span name of a statement rx does not name
	client    trace.SpanStartOption
	internal  trace.SpanStartOption

	mu        sync.RWMutex
	summaries map[[2]string]string // operation, table -> "operation table"
}

var (
	_ rx.QueryHook   = (*Hook)(nil)
	_ rx.SessionHook = (*Hook)(nil)
)

// NewHook returns a Hook for db, which it reads for the attributes of
// the database (db.system.name, db.namespace, server.address,
// server.port); it does not add it.
func NewHook(db *rx.DB, opts ...Option) (*Hook, error) {
	c := newConfig(opts)
	h := &Hook{
		cfg:    c,
		tracer: c.tp.Tracer(ScopeName, trace.WithSchemaURL(semconv.SchemaURL)),
		attrs:  c.connAttrs(db),
		// Made once: each option is a heap value.
		client:    trace.WithSpanKind(trace.SpanKindClient),
		internal:  trace.WithSpanKind(trace.SpanKindInternal),
		summaries: map[[2]string]string{},
	}
	d, err := dbconv.NewClientOperationDuration(c.meter(),
		metric.WithExplicitBucketBoundaries(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10))
	if err != nil {
		return nil, fmt.Errorf("rxotel: creating %s: %w", d.Name(), err)
	}
	h.duration = d.Inst()
	for _, kv := range h.attrs {
		if kv.Key != semconv.ServerAddressKey && kv.Key != semconv.ServerPortKey {
			h.readAttrs = append(h.readAttrs, kv)
		}
	}
	h.target = c.systemName(db)
	if ns := db.Endpoint().Database; ns != "" {
		h.target = ns
	}
	return h, nil
}

// sessionSpan is what BeforeSession keeps in the session's context: its
// span, and the span context of the caller that started the session.
type sessionSpan struct {
	span   trace.Span
	caller trace.SpanContext
}

type sessionKey struct{}

// parent returns the context to start a span of the session sev in
// (nil outside one): the session's span, unless ctx carries a span the
// caller started since, which then stays the parent.
func parent(ctx context.Context, sev *rx.SessionEvent) context.Context {
	if sev == nil || sev.Context == nil {
		return ctx
	}
	ss, ok := sev.Context.Value(sessionKey{}).(*sessionSpan)
	if !ok {
		return ctx
	}
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() && !sc.Equal(ss.caller) {
		return ctx
	}
	return trace.ContextWithSpan(ctx, ss.span)
}

// BeforeQuery implements rx.QueryHook: it starts the statement's span.
func (h *Hook) BeforeQuery(ctx context.Context, ev *rx.QueryEvent) context.Context {
	name := h.target
	attrs := make([]attribute.KeyValue, 0, len(h.attrs)+5+len(ev.Args))
	attrs = h.base(attrs, ev)
	if ev.Operation != "" {
		name = h.summary(ev)
		attrs = append(attrs, semconv.DBOperationName(ev.Operation), semconv.DBQuerySummary(name))
		if ev.Table != "" {
			attrs = append(attrs, semconv.DBCollectionName(ev.Table))
		}
	}
	if !h.cfg.noText {
		attrs = append(attrs, semconv.DBQueryText(ev.Query))
	}
	if h.cfg.args {
		for i, a := range ev.Args {
			attrs = append(attrs, semconv.DBQueryParameter(strconv.Itoa(i), fmt.Sprint(a)))
		}
	}
	// The span starts now, moments after ev.Start, and ends when
	// AfterQuery ends it: no timestamps to pass, and no allocations
	// for them.
	ctx, _ = h.tracer.Start(parent(ctx, ev.Session), name, h.client, trace.WithAttributes(attrs...))
	return ctx
}

// base appends the attributes of the database to kv: the primary's, or
// for a statement on a read pool its name (rx.server: "replica 1
// (host:port/db)", "read pool 1") in place of the primary's address.
func (h *Hook) base(kv []attribute.KeyValue, ev *rx.QueryEvent) []attribute.KeyValue {
	if ev.Server == "" || ev.Server == "primary" {
		return append(kv, h.attrs...)
	}
	return append(append(kv, h.readAttrs...), attribute.String("rx.server", ev.Server))
}

// summary is db.query.summary: the operation and the table, built once
// for each pair.
func (h *Hook) summary(ev *rx.QueryEvent) string {
	if ev.Table == "" {
		return ev.Operation
	}
	key := [2]string{ev.Operation, ev.Table}
	h.mu.RLock()
	s, ok := h.summaries[key]
	h.mu.RUnlock()
	if !ok {
		s = ev.Operation + " " + ev.Table
		h.mu.Lock()
		h.summaries[key] = s
		h.mu.Unlock()
	}
	return s
}

// AfterQuery implements rx.QueryHook: it ends the statement's span and
// records its duration.
func (h *Hook) AfterQuery(ctx context.Context, ev *rx.QueryEvent) {
	span := trace.SpanFromContext(ctx)
	var errType string
	if ev.Err != nil {
		errType = ErrorType(ev.Err)
		h.fail(span, ev.Err, errType)
	}
	if ev.RowsAffected >= 0 && span.IsRecording() {
		span.SetAttributes(attribute.Int64("rx.rows_affected", ev.RowsAffected))
	}
	span.End()

	if !h.duration.Enabled(ctx) {
		return
	}
	kv := make([]attribute.KeyValue, 0, len(h.attrs)+5)
	kv = h.base(kv, ev)
	if ev.Operation != "" {
		kv = append(kv, semconv.DBOperationName(ev.Operation), semconv.DBQuerySummary(h.summary(ev)))
		if ev.Table != "" {
			kv = append(kv, semconv.DBCollectionName(ev.Table))
		}
	}
	if errType != "" {
		kv = append(kv, semconv.ErrorTypeKey.String(errType))
	}
	h.duration.Record(ctx, ev.Duration.Seconds(), metric.WithAttributes(kv...))
}

// fail marks span as failed with err, of class errType.
func (h *Hook) fail(span trace.Span, err error, errType string) {
	if !span.IsRecording() {
		return
	}
	span.SetAttributes(semconv.ErrorTypeKey.String(errType))
	if h.cfg.errText {
		span.RecordError(err)
		span.SetStatus(codes.Error, err.Error())
		return
	}
	span.SetStatus(codes.Error, errType)
}

// BeforeSession implements rx.SessionHook: it starts the session's span.
func (h *Hook) BeforeSession(ctx context.Context, ev *rx.SessionEvent) context.Context {
	name := "rx.WithSession"
	if ev.Nested {
		name = "rx.Session.WithSession"
	}
	attrs := make([]attribute.KeyValue, 0, len(h.attrs)+3)
	attrs = append(attrs, h.attrs...)
	if ev.ReadOnly {
		attrs = append(attrs, attribute.Bool("rx.session.read_only", true))
	}
	if ev.Isolation != sql.LevelDefault {
		attrs = append(attrs, attribute.String("rx.session.isolation", ev.Isolation.String()))
	}
	if ev.Retries > 0 {
		attrs = append(attrs, attribute.Int("rx.session.retries", ev.Retries))
	}
	caller := trace.SpanContextFromContext(ctx)
	sctx, span := h.tracer.Start(parent(ctx, ev.Parent), name, h.internal, trace.WithAttributes(attrs...))
	return context.WithValue(sctx, sessionKey{}, &sessionSpan{span: span, caller: caller})
}

// RetrySession implements rx.SessionHook: it adds an event to the
// session's span.
func (h *Hook) RetrySession(ctx context.Context, ev *rx.SessionEvent) {
	ss, ok := ctx.Value(sessionKey{}).(*sessionSpan)
	if !ok || !ss.span.IsRecording() {
		return
	}
	ss.span.AddEvent("rx.session.retry", trace.WithAttributes(
		attribute.Int("rx.session.attempt", ev.Attempt),
		semconv.ErrorTypeKey.String(ErrorType(ev.Err)),
		attribute.Float64("rx.session.backoff", ev.Backoff.Seconds())))
}

// AfterSession implements rx.SessionHook: it ends the session's span.
func (h *Hook) AfterSession(ctx context.Context, ev *rx.SessionEvent) {
	ss, ok := ctx.Value(sessionKey{}).(*sessionSpan)
	if !ok {
		return
	}
	if ev.Err != nil {
		h.fail(ss.span, ev.Err, ErrorType(ev.Err))
	}
	if !ev.Nested && ss.span.IsRecording() {
		ss.span.SetAttributes(attribute.Int("rx.session.attempts", ev.Attempt+1))
	}
	ss.span.End()
}
