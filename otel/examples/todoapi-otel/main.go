// Command todoapi-otel serves the API of examples/todoapi with
// OpenTelemetry traces: each request is a server span (otelhttp), with the
// sessions and statements it ran under it (rxotel).
//
//	cd otel/examples/todoapi-otel
//	go run .                                              # spans printed to stdout as JSON
//	OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 go run .   # sent to an OTLP/HTTP collector
//
//	curl -X POST localhost:8080/todos -d '{"title":"buy milk"}'
//
// DB_URL and ADDR work as for examples/todoapi (a SQLite file todoapi.db,
// on :8080). It is a module of its own, with a main of its own, so that
// neither rxdb's module nor the otel module depends on the exporters and
// otelhttp; the handlers and the embedded migrations are todoapi's
// (packages api and migrations).
package main

import (
	"context"
	"errors"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"

	_ "github.com/rxgo/rxdb/drivers/mysql/mysqlmigrate"
	_ "github.com/rxgo/rxdb/drivers/postgres/pgmigrate"
	_ "github.com/rxgo/rxdb/drivers/sqlite/sqlitemigrate"
	"github.com/rxgo/rxdb/examples/todoapi/api"
	"github.com/rxgo/rxdb/examples/todoapi/migrations"
	"github.com/rxgo/rxdb/migrate"
	rxotel "github.com/rxgo/rxdb/otel"
	"github.com/rxgo/rxdb/rx"
)

func main() {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = ":8080"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, ln, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// run serves the API on ln until ctx ends, writing spans to out unless
// an OTLP endpoint is set.
func run(ctx context.Context, ln net.Listener, out io.Writer) (err error) {
	tp, err := tracerProvider(ctx, out)
	if err != nil {
		return err
	}
	defer func() {
		// Shutdown exports the spans still buffered.
		err = errors.Join(err, tp.Shutdown(context.WithoutCancel(ctx)))
	}()
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	cfg, err := migrations.Use(rx.Config{AppName: "todoapi", DBURL: "sqlite:///todoapi.db", Logger: logger}, false)
	if err != nil {
		return err
	}
	if _, err := migrate.New(cfg, &api.Todo{}).Migrate(ctx); err != nil {
		return err
	}
	db, err := rx.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	reg, err := rxotel.Instrument(db, rxotel.WithTracerProvider(tp))
	if err != nil {
		return err
	}
	defer reg.Unregister()

	handler := otelhttp.NewHandler(api.NewServer(db, logger), "todoapi", otelhttp.WithTracerProvider(tp))
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 5 * time.Second}
	done := make(chan error, 1)
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		done <- srv.Shutdown(shutdown)
	}()
	logger.Info("todoapi-otel listening", "addr", ln.Addr().String(), "db", db.String())
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return <-done
}

// tracerProvider exports to the OTLP/HTTP endpoint that
// OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
// names, in batches, else prints each span to out as it ends.
func tracerProvider(ctx context.Context, out io.Writer) (*sdktrace.TracerProvider, error) {
	res, err := resource.Merge(resource.Default(), resource.NewWithAttributes(semconv.SchemaURL, semconv.ServiceName("todoapi")))
	if err != nil {
		return nil, err
	}
	if os.Getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || os.Getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != "" {
		exp, err := otlptracehttp.New(ctx) // reads the endpoint, headers and TLS settings from the environment
		if err != nil {
			return nil, err
		}
		return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res)), nil
	}
	exp, err := stdouttrace.New(stdouttrace.WithWriter(out), stdouttrace.WithPrettyPrint())
	if err != nil {
		return nil, err
	}
	return sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp), sdktrace.WithResource(res)), nil
}
