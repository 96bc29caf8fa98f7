package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// Load: loadClients clients at once, each creating a todo, listing twice
// and reading its todo back, against the server with rx's default pool.
// More clients than PostgreSQL's max_connections (100) and MariaDB's (151)
// hold a request open together, so an unbounded pool fails requests with
// "too many clients"; the bounded default queues them instead. Bounded in
// count (loadClients × 4 requests) and in time (loadTimeout).
const (
	loadClients = 300
	loadTimeout = 90 * time.Second
)

func TestLoadNoServerErrorsWithDefaultPool(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	load := func(t *testing.T, db *rx.DB) {
		var logs bytes.Buffer
		var logMu sync.Mutex
		ts := httptest.NewServer(newServer(db, slog.New(slog.NewTextHandler(lockedWriter{&logs, &logMu}, nil))))
		defer ts.Close()
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: loadClients}}
		defer client.CloseIdleConnections()
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()

		var (
			mu       sync.Mutex
			statuses = map[int]int{}
			failures []string
		)
		do := func(method, path, body string) (int, []byte) {
			var rd io.Reader
			if body != "" {
				rd = bytes.NewReader([]byte(body))
			}
			req, err := http.NewRequestWithContext(ctx, method, ts.URL+path, rd)
			if err != nil {
				t.Error(err)
				return 0, nil
			}
			res, err := client.Do(req)
			if err != nil {
				mu.Lock()
				failures = append(failures, fmt.Sprintf("%s %s: %v", method, path, err))
				mu.Unlock()
				return 0, nil
			}
			defer res.Body.Close()
			data, _ := io.ReadAll(res.Body)
			mu.Lock()
			statuses[res.StatusCode]++
			if res.StatusCode >= 500 {
				failures = append(failures, fmt.Sprintf("%s %s: %d %s", method, path, res.StatusCode, data))
			}
			mu.Unlock()
			return res.StatusCode, data
		}

		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range loadClients {
			wg.Go(func() {
				<-start // all clients at once
				status, body := do("POST", "/todos", fmt.Sprintf(`{"title":"load %d","priority":%d}`, i, i%5))
				do("GET", "/todos?limit=50", "")
				do("GET", "/todos?done=false&sort=-priority&limit=10", "")
				var created Todo
				if status == http.StatusCreated && json.Unmarshal(body, &created) == nil {
					do("GET", fmt.Sprintf("/todos/%d", created.ID), "")
				}
			})
		}
		began := time.Now()
		close(start)
		wg.Wait()
		t.Logf("%d clients: statuses %v in %s", loadClients, statuses, time.Since(began).Round(time.Millisecond))
		if len(failures) > 0 {
			t.Fatalf("%d of the requests failed, first: %s\nserver log:\n%.2000s", len(failures), failures[0], logs.String())
		}
		if statuses[http.StatusCreated] != loadClients || statuses[http.StatusOK] != 3*loadClients {
			t.Fatalf("statuses %v, want %d × 201 and %d × 200", statuses, loadClients, 3*loadClients)
		}
	}
	eachMigrated(t, load)
	// The same load through PgBouncer in transaction mode, migrations too.
	t.Run("pgbouncer", func(t *testing.T) {
		t.Parallel()
		load(t, migratedDB(t, "postgres", rxtest.PgBouncerURL(t)))
	})
}

// lockedWriter serializes the server's log writes from many handlers.
type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
