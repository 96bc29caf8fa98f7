package rxotel_test

import (
	"context"
	"testing"

	metricnoop "go.opentelemetry.io/otel/metric/noop"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	tracenoop "go.opentelemetry.io/otel/trace/noop"

	"github.com/rxgo/rxdb/internal/rxtest"
	rxotel "github.com/rxgo/rxdb/otel"
	"github.com/rxgo/rxdb/rx"
)

type provider struct {
	name string
	opts []rxotel.Option // nil: no hook
}

// providers are the no-op providers (the hook installed while the
// application exports nothing) and the SDK's, recording every span and
// the duration histogram and exporting them nowhere.
func providers() []provider {
	return []provider{
		{"noop", []rxotel.Option{
			rxotel.WithTracerProvider(tracenoop.NewTracerProvider()),
			rxotel.WithMeterProvider(metricnoop.NewMeterProvider())}},
		{"sdk", []rxotel.Option{
			rxotel.WithTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSyncer(tracetest.NewNoopExporter()))),
			rxotel.WithMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader())))}},
	}
}

// BenchmarkStatement is the cost per statement (a Get by key) of the
// hook: without it, and with each of providers.
func BenchmarkStatement(b *testing.B) {
	for _, d := range rxtest.Dialects {
		b.Run("db="+d, func(b *testing.B) {
			ctx := context.Background()
			setups := append([]provider{{"none", nil}}, providers()...)
			for _, s := range setups {
				b.Run("hook="+s.name, func(b *testing.B) {
					db := rxtest.Open(b, d)
					if err := db.CreateAll(ctx, &Item{}); err != nil {
						b.Fatal(err)
					}
					it := &Item{Name: "x"}
					if err := db.Insert(ctx, it); err != nil {
						b.Fatal(err)
					}
					if s.opts != nil {
						if _, err := rxotel.Instrument(db, s.opts...); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportAllocs()
					for b.Loop() {
						if _, err := rx.Get[Item](ctx, db, it.ID); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

// BenchmarkHook is the hook's own work per statement, without a database:
// BeforeQuery and AfterQuery of a SELECT by key.
func BenchmarkHook(b *testing.B) {
	db := rxtest.Open(b, "sqlite")
	ev := &rx.QueryEvent{Query: `SELECT "item"."id", "item"."name" FROM "item" WHERE "id" = ?`, Args: []any{int64(1)}, Operation: "SELECT", Table: "item", RowsAffected: -1}
	for _, p := range providers() {
		b.Run("hook="+p.name, func(b *testing.B) {
			h, err := rxotel.NewHook(db, p.opts...)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				h.AfterQuery(h.BeforeQuery(ctx, ev), ev)
			}
		})
	}
}
