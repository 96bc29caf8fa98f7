package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
)

// span is the part of stdouttrace's JSON that the test reads.
type span struct {
	Name        string
	SpanContext struct{ TraceID, SpanID string }
	Parent      struct{ TraceID, SpanID string }
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// Each request's span has the statements it ran under it, on every
// database, printed to stdout as the command does by default.
func TestRequestSpansHoldTheirQueries(t *testing.T) {
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "")
	t.Setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "")
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Setenv("DB_URL", rxtest.FreshURL(t, d))
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			var out lockedBuffer
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- run(ctx, ln, &out) }()
			base := "http://" + ln.Addr().String()
			post(t, base+"/todos", `{"title":"buy milk"}`, http.StatusCreated)
			post(t, base+"/todos", `{"title":""}`, http.StatusBadRequest)
			res, err := http.Get(base + "/todos?q=milk")
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			cancel()
			if err := <-done; err != nil {
				t.Fatal(err)
			}

			spans := decode(t, &out.b)
			byID := map[string]span{}
			for _, s := range spans {
				byID[s.SpanContext.SpanID] = s
			}
			// root is the request span a statement's chain of parents ends in.
			root := func(s span) span {
				for {
					p, ok := byID[s.Parent.SpanID]
					if !ok {
						return s
					}
					s = p
				}
			}
			under := map[string][]string{}
			for _, s := range spans {
				if r := root(s); r.SpanContext.SpanID != s.SpanContext.SpanID {
					under[r.Name] = append(under[r.Name], s.Name)
				}
			}
			if got := strings.Join(under["POST /todos"], ","); got != "INSERT todo" {
				t.Fatalf("under POST /todos: %q, want the INSERT (the refused one runs none); all: %v", got, under)
			}
			if got := strings.Join(under["GET /todos"], ","); !strings.Contains(got, "SELECT todo") || !strings.Contains(got, "rx.WithSession") {
				t.Fatalf("under GET /todos: %q, want its session and SELECTs", got)
			}
			if strings.Contains(out.b.String(), "buy milk") {
				t.Fatal("a bound value in the spans")
			}
		})
	}
}

func post(t *testing.T, url, body string, want int) {
	t.Helper()
	res, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != want {
		t.Fatalf("POST %s: status %d, want %d", url, res.StatusCode, want)
	}
}

func decode(t *testing.T, r io.Reader) []span {
	t.Helper()
	var spans []span
	dec := json.NewDecoder(r)
	for {
		var s span
		if err := dec.Decode(&s); errors.Is(err, io.EOF) {
			return spans
		} else if err != nil {
			t.Fatal(err)
		}
		spans = append(spans, s)
	}
}
