package rxotel_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/internal/rxtest"
	rxotel "github.com/rxgo/rxdb/otel"
	"github.com/rxgo/rxdb/rx"
)

type Item struct {
	rx.Model
	Name string `rx:"unique"`
}

// telemetry is an instrumented database with in-memory exporters.
type telemetry struct {
	db     *rx.DB
	spans  *tracetest.SpanRecorder
	tp     *sdktrace.TracerProvider
	reader *sdkmetric.ManualReader
}

// instrument creates the Item table on db, then instruments it.
func instrument(t *testing.T, db *rx.DB, opts ...rxotel.Option) *telemetry {
	t.Helper()
	if err := db.CreateAll(context.Background(), &Item{}); err != nil {
		t.Fatal(err)
	}
	tel := &telemetry{db: db, spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	tel.tp = sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(tel.spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(tel.reader))
	opts = append([]rxotel.Option{rxotel.WithTracerProvider(tel.tp), rxotel.WithMeterProvider(mp)}, opts...)
	reg, err := rxotel.Instrument(db, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = reg.Unregister() })
	return tel
}

// request starts the caller's span, as an HTTP server would.
func (tel *telemetry) request(ctx context.Context) (context.Context, trace.Span) {
	return tel.tp.Tracer("test").Start(ctx, "request")
}

// ended returns the spans ended since the last call.
func (tel *telemetry) ended() []sdktrace.ReadOnlySpan {
	s := tel.spans.Ended()
	tel.spans.Reset()
	return s
}

func attrs(s sdktrace.ReadOnlySpan) map[attribute.Key]attribute.Value {
	m := map[attribute.Key]attribute.Value{}
	for _, kv := range s.Attributes() {
		m[kv.Key] = kv.Value
	}
	return m
}

func byName(t *testing.T, spans []sdktrace.ReadOnlySpan, name string) []sdktrace.ReadOnlySpan {
	t.Helper()
	var out []sdktrace.ReadOnlySpan
	for _, s := range spans {
		if s.Name() == name {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no span %q in %s", name, names(spans))
	}
	return out
}

func names(spans []sdktrace.ReadOnlySpan) string {
	var n []string
	for _, s := range spans {
		n = append(n, s.Name())
	}
	return strings.Join(n, ", ")
}

// tree renders the spans as an indented tree in start order, to compare
// the whole structure at once.
func tree(spans []sdktrace.ReadOnlySpan) string {
	children := map[trace.SpanID][]sdktrace.ReadOnlySpan{}
	ids := map[trace.SpanID]bool{}
	for _, s := range spans {
		ids[s.SpanContext().SpanID()] = true
	}
	var roots []sdktrace.ReadOnlySpan
	for _, s := range spans {
		if p := s.Parent().SpanID(); ids[p] {
			children[p] = append(children[p], s)
		} else {
			roots = append(roots, s)
		}
	}
	var b strings.Builder
	var walk func(list []sdktrace.ReadOnlySpan, depth int)
	walk = func(list []sdktrace.ReadOnlySpan, depth int) {
		sortByStart(list)
		for _, s := range list {
			b.WriteString(strings.Repeat("  ", depth) + s.Name() + "\n")
			walk(children[s.SpanContext().SpanID()], depth+1)
		}
	}
	walk(roots, 0)
	return b.String()
}

func sortByStart(list []sdktrace.ReadOnlySpan) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j].StartTime().Before(list[j-1].StartTime()); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

func wantSystem(db *rx.DB) string {
	return map[string]string{"sqlite": "sqlite", "mysql": "mysql", "postgres": "postgresql"}[db.Dialect().Name()]
}

func TestStatementSpans(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		tel := instrument(t, db)
		rctx, req := tel.request(ctx)
		if err := db.Insert(rctx, &Item{Name: "secret-value-1"}); err != nil {
			t.Fatal(err)
		}
		if _, err := rx.Select[Item](db).Where(rx.Eq{"name": "secret-value-1"}).All(rctx); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(rctx, "DELETE FROM item WHERE id < 0"); err != nil {
			t.Fatal(err)
		}
		req.End()
		spans := tel.ended()
		ep := db.Endpoint()
		want := "request\n  INSERT item\n  SELECT item\n  " + ep.Database + "\n"
		if got := tree(spans); got != want {
			t.Fatalf("spans:\n%s\nwant:\n%s", got, want)
		}

		for _, s := range spans[:3] {
			a := attrs(s)
			if s.SpanKind() != trace.SpanKindClient || s.Status().Code != codes.Unset {
				t.Fatalf("%s: kind %v, status %v", s.Name(), s.SpanKind(), s.Status())
			}
			if a["db.system.name"].AsString() != wantSystem(db) || a["db.namespace"].AsString() != ep.Database || ep.Database == "" {
				t.Fatalf("%s: system %q, namespace %q, want %q, %q", s.Name(), a["db.system.name"].AsString(), a["db.namespace"].AsString(), wantSystem(db), ep.Database)
			}
			if db.Dialect().Name() != "sqlite" && (a["server.address"].AsString() != "127.0.0.1" || a["server.port"].AsInt64() == 0) {
				t.Fatalf("%s: server %v:%v", s.Name(), a["server.address"], a["server.port"])
			}
			if !strings.HasPrefix(a["db.query.text"].AsString(), strings.Fields(s.Name())[0]) && s.Name() != ep.Database {
				t.Fatalf("%s: query text %q", s.Name(), a["db.query.text"].AsString())
			}
			for k, v := range a {
				if strings.Contains(v.Emit(), "secret-value") || strings.HasPrefix(string(k), "db.query.parameter") {
					t.Fatalf("%s: argument value in attribute %s=%s", s.Name(), k, v.Emit())
				}
			}
		}
		ins := attrs(spans[0])
		if ins["db.operation.name"].AsString() != "INSERT" || ins["db.collection.name"].AsString() != "item" ||
			ins["db.query.summary"].AsString() != "INSERT item" {
			t.Fatalf("INSERT attributes %v", ins)
		}
		raw := attrs(spans[2])
		if _, ok := raw["db.operation.name"]; ok || raw["db.query.text"].AsString() != "DELETE FROM item WHERE id < 0" ||
			raw["rx.rows_affected"].Type() != attribute.INT64 {
			t.Fatalf("raw statement attributes %v: want its text, rows affected and no operation", raw)
		}

		// Asked for, the values are there; the query text can be left out.
		db2 := rxtest.Open(t, db.Dialect().Name())
		tel2 := instrument(t, db2, rxotel.WithArgs(), rxotel.WithoutQueryText(), rxotel.WithAttributes(attribute.String("app.db", "main")))
		if err := db2.Insert(ctx, &Item{Name: "visible"}); err != nil {
			t.Fatal(err)
		}
		a := attrs(byName(t, tel2.ended(), "INSERT item")[0])
		if a["db.query.parameter.0"].AsString() != "visible" || a["app.db"].AsString() != "main" {
			t.Fatalf("WithArgs, WithAttributes: %v", a)
		}
		if _, ok := a["db.query.text"]; ok {
			t.Fatalf("WithoutQueryText: %v", a)
		}
	})
}

func TestSessionSpans(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		tel := instrument(t, db)
		rctx, req := tel.request(ctx)
		conflict := dialect.Mark(errors.New("synthetic conflict"), rx.ErrRetryable)
		tries := 0
		err := db.WithSession(rctx, func(s *rx.Session) error {
			if _, err := rx.Select[Item](s).Count(rctx); err != nil {
				return err
			}
			if tries++; tries == 1 {
				return conflict
			}
			_ = s.WithSession(rctx, func(s *rx.Session) error {
				if err := s.Insert(rctx, &Item{Name: "a"}); err != nil {
					return err
				}
				return errors.New("undo")
			})
			// A span the callback starts is the parent of the statements
			// run with its context.
			wctx, work := tel.tp.Tracer("test").Start(rctx, "work")
			_, err := rx.Select[Item](s).Count(wctx)
			work.End()
			if err != nil {
				return err
			}
			return s.Add(&Item{Name: "b"})
		}, rx.Retry(2))
		if err != nil {
			t.Fatal(err)
		}
		req.End()
		spans := tel.ended()
		want := `request
  rx.WithSession
    BEGIN
    SELECT item
    ROLLBACK
    BEGIN
    SELECT item
    rx.Session.WithSession
      SAVEPOINT
      INSERT item
      ROLLBACK TO SAVEPOINT
    INSERT item
    COMMIT
  work
    SELECT item
`
		if got := tree(spans); got != want {
			t.Fatalf("spans:\n%s\nwant:\n%s", got, want)
		}
		sess := byName(t, spans, "rx.WithSession")[0]
		if a := attrs(sess); a["rx.session.attempts"].AsInt64() != 2 || a["rx.session.retries"].AsInt64() != 2 || sess.Status().Code != codes.Unset {
			t.Fatalf("session attributes %v, status %v", a, sess.Status())
		}
		ev := sess.Events()
		if len(ev) != 1 || ev[0].Name != "rx.session.retry" {
			t.Fatalf("session events %+v, want one retry", ev)
		}
		ea := map[attribute.Key]attribute.Value{}
		for _, kv := range ev[0].Attributes {
			ea[kv.Key] = kv.Value
		}
		if ea["rx.session.attempt"].AsInt64() != 1 || ea["error.type"].AsString() != "rx.ErrRetryable" || ea["rx.session.backoff"].AsFloat64() <= 0 {
			t.Fatalf("retry event attributes %v", ea)
		}
		nested := byName(t, spans, "rx.Session.WithSession")[0]
		if nested.Status().Code != codes.Error || attrs(nested)["error.type"].AsString() != "*errors.errorString" {
			t.Fatalf("failed nested session: status %v, attributes %v", nested.Status(), attrs(nested))
		}
	})
}

func TestErrorSpans(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		tel := instrument(t, db)
		if err := db.Insert(ctx, &Item{Name: "taken-value"}); err != nil {
			t.Fatal(err)
		}
		tel.ended()
		err := db.WithSession(ctx, func(s *rx.Session) error { return s.Insert(ctx, &Item{Name: "taken-value"}) })
		if !errors.Is(err, rx.ErrUniqueViolation) {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, "SELECT no_such_column FROM item"); err == nil {
			t.Fatal("bad statement accepted")
		}
		spans := tel.ended()
		for _, name := range []string{"INSERT item", "rx.WithSession"} {
			s := byName(t, spans, name)[0]
			if st := s.Status(); st.Code != codes.Error || st.Description != "rx.ErrUniqueViolation" || attrs(s)["error.type"].AsString() != "rx.ErrUniqueViolation" {
				t.Fatalf("%s: status %+v, attributes %v", name, st, attrs(s))
			}
			if len(s.Events()) != 0 {
				t.Fatalf("%s: events %+v without WithErrorMessages", name, s.Events())
			}
		}
		// Without a class of rx's, the driver's error type.
		raw := byName(t, spans, db.Endpoint().Database)[0]
		et := attrs(raw)["error.type"].AsString()
		if raw.Status().Code != codes.Error || !strings.HasPrefix(et, "*") || strings.HasPrefix(et, "*rx.") {
			t.Fatalf("raw statement error: status %+v, error.type %q, want the driver's type", raw.Status(), et)
		}

		// WithErrorMessages: the message, as the server wrote it.
		db2 := rxtest.Open(t, db.Dialect().Name())
		tel2 := instrument(t, db2, rxotel.WithErrorMessages())
		if _, err := db2.Exec(ctx, "SELECT no_such_column FROM nowhere"); err == nil {
			t.Fatal("bad statement accepted")
		}
		s := tel2.ended()[0]
		if !strings.Contains(s.Status().Description, "nowhere") || len(s.Events()) != 1 || s.Events()[0].Name != "exception" {
			t.Fatalf("WithErrorMessages: status %+v, events %+v", s.Status(), s.Events())
		}
	})
}

// The URL's user and password are never an attribute. PostgreSQL's trust
// authentication ignores the password, so one can be set there.
func TestNoPasswordInTelemetry(t *testing.T) {
	u, err := url.Parse(rxtest.FreshURL(t, "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), "pw-hunter2")
	ctx := context.Background()
	db, err := rx.Open(ctx, rx.Config{DBURL: u.String(), IgnoreEnv: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tel := instrument(t, db)
	if _, err := db.Exec(ctx, "SELECT broken"); err == nil {
		t.Fatal("bad statement accepted")
	}
	var rm metricdata.ResourceMetrics
	if err := tel.reader.Collect(ctx, &rm); err != nil {
		t.Fatal(err)
	}
	all := fmt.Sprintf("%+v", rm)
	for _, s := range tel.ended() {
		all += fmt.Sprintf("%s %v %+v %+v", s.Name(), s.Attributes(), s.Status(), s.Events())
	}
	if !strings.Contains(all, "db.query.text") || !strings.Contains(all, "db.client.connection.count") {
		t.Fatalf("no telemetry recorded: %s", all)
	}
	if strings.Contains(all, "hunter2") || strings.Contains(all, u.User.Username()+"@") || strings.Contains(all, "postgresql://") {
		t.Fatalf("credentials or URL in telemetry: %s", all)
	}
}

// points returns the data points of the named metric, by the value of
// key in their attributes, as float64 (a histogram's count).
func points(t *testing.T, rm metricdata.ResourceMetrics, name string, key attribute.Key) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if m.Name != name {
				continue
			}
			add := func(set attribute.Set, v float64) {
				val, _ := set.Value(key)
				out[val.Emit()] += v
			}
			switch d := m.Data.(type) {
			case metricdata.Histogram[float64]:
				for _, p := range d.DataPoints {
					add(p.Attributes, float64(p.Count))
				}
			case metricdata.Sum[int64]:
				for _, p := range d.DataPoints {
					add(p.Attributes, float64(p.Value))
				}
			case metricdata.Sum[float64]:
				for _, p := range d.DataPoints {
					add(p.Attributes, p.Value)
				}
			default:
				t.Fatalf("%s: unexpected data %T", name, m.Data)
			}
		}
	}
	return out
}

func collect(t *testing.T, tel *telemetry) metricdata.ResourceMetrics {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := tel.reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	return rm
}

func TestMetrics(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		tel := instrument(t, db)
		for _, name := range []string{"a", "b", "a"} {
			err := db.Insert(ctx, &Item{Name: name})
			if name == "a" && err != nil && !errors.Is(err, rx.ErrUniqueViolation) {
				t.Fatal(err)
			}
		}
		if _, err := rx.Select[Item](db).All(ctx); err != nil {
			t.Fatal(err)
		}
		rm := collect(t, tel)
		ops := points(t, rm, "db.client.operation.duration", "db.query.summary")
		if ops["INSERT item"] != 3 || ops["SELECT item"] != 1 {
			t.Fatalf("operation counts by summary %v, want 3 INSERT item and 1 SELECT item", ops)
		}
		errs := points(t, rm, "db.client.operation.duration", "error.type")
		if errs["rx.ErrUniqueViolation"] != 1 {
			t.Fatalf("operation counts by error.type %v, want one rx.ErrUniqueViolation", errs)
		}
		if sys := points(t, rm, "db.client.operation.duration", "db.system.name"); sys[wantSystem(db)] != 4 {
			t.Fatalf("operation counts by system %v", sys)
		}

		// The pool, seen while a session holds its only connection and a
		// query waits for it.
		db.SQL().SetMaxOpenConns(1)
		before := db.Stats().WaitCount
		done := make(chan error, 1)
		err := db.WithSession(ctx, func(s *rx.Session) error {
			go func() {
				_, err := rx.Select[Item](db).Count(ctx)
				done <- err
			}()
			for db.Stats().WaitCount == before {
				select {
				case err := <-done:
					return fmt.Errorf("query ran without waiting: %v", err)
				case <-time.After(time.Millisecond):
				}
			}
			rm = collect(t, tel)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		conns := points(t, rm, "db.client.connection.count", "db.client.connection.state")
		if conns["used"] != 1 || conns["idle"] != 0 {
			t.Fatalf("connections by state %v, want 1 used, 0 idle", conns)
		}
		pool := db.Endpoint().Database
		if ep := db.Endpoint(); ep.Host != "" {
			pool = fmt.Sprintf("%s:%d/%s", ep.Host, ep.Port, ep.Database)
		}
		if byPool := points(t, rm, "db.client.connection.max", "db.client.connection.pool.name"); byPool[pool] != 1 {
			t.Fatalf("db.client.connection.max by pool %v, want 1 for %q", byPool, pool)
		}
		if w := points(t, rm, "rx.pool.wait.count", "db.client.connection.pool.name"); w[pool] < 1 {
			t.Fatalf("rx.pool.wait.count %v, want a wait", w)
		}
		rm = collect(t, tel)
		if w := points(t, rm, "rx.pool.wait.duration", "db.client.connection.pool.name"); w[pool] <= 0 {
			t.Fatalf("rx.pool.wait.duration %v, want time waited once the query got its connection", w)
		}
		if conns := points(t, rm, "db.client.connection.count", "db.client.connection.state"); conns["used"] != 0 || conns["idle"] != 1 {
			t.Fatalf("after the session, connections by state %v, want 1 idle", conns)
		}
		if c := points(t, rm, "rx.pool.closed", "rx.pool.close.reason"); len(c) != 3 {
			t.Fatalf("rx.pool.closed by reason %v, want max_idle, max_idle_time and max_lifetime", c)
		}
	})
}

// A read on a replica names the replica, not the primary's address.
func TestReplicaSpans(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			u := rxtest.FreshURL(t, d)
			ctx := context.Background()
			db, err := rx.Open(ctx, rx.Config{DBURL: u, ReplicaURLs: []string{u}, IgnoreEnv: true})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			tel := instrument(t, db)
			tel.ended()
			if err := db.Insert(ctx, &Item{Name: "a"}); err != nil {
				t.Fatal(err)
			}
			if _, err := rx.Select[Item](db).All(ctx); err != nil {
				t.Fatal(err)
			}
			spans := tel.ended()
			ins, sel := attrs(byName(t, spans, "INSERT item")[0]), attrs(byName(t, spans, "SELECT item")[0])
			if _, ok := ins["rx.server"]; ok || (d != "sqlite" && ins["server.address"].AsString() != "127.0.0.1") {
				t.Fatalf("write on the primary: %v", ins)
			}
			if _, ok := sel["server.address"]; ok || !strings.HasPrefix(sel["rx.server"].AsString(), "replica 1") || sel["db.namespace"] != ins["db.namespace"] {
				t.Fatalf("read on the replica: %v", sel)
			}
		})
	}
}
