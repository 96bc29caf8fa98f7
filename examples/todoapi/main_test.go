package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/examples/todoapi/api"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// client drives the API and decodes its answers.
type client struct {
	t    *testing.T
	base string
}

func (c client) do(method, path, body string, wantStatus int, out any) {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode != wantStatus {
		c.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, res.StatusCode, wantStatus, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			c.t.Fatalf("%s %s: %v in %s", method, path, err, data)
		}
	}
}

func (c client) list(query string) api.Page {
	c.t.Helper()
	var p api.Page
	c.do("GET", "/todos"+query, "", http.StatusOK, &p)
	return p
}

func titles(p api.Page) string {
	var out []string
	for _, t := range p.Items {
		out = append(out, t.Title)
	}
	return strings.Join(out, ",")
}

// eachMigrated runs fn on a fresh database of each dialect, its schema
// made by the embedded migrations as run makes it.
func eachMigrated(t *testing.T, fn func(t *testing.T, db *rx.DB)) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			fn(t, migratedDB(t, d, rxtest.FreshURL(t, d)))
		})
	}
}

// migratedDB migrates the fresh database u of dialect d with the embedded
// migrations, checks them against the model, and opens it.
func migratedDB(t *testing.T, d, u string) *rx.DB {
	t.Helper()
	ctx := context.Background()
	cfg, err := withMigrations(rx.Config{DBURL: u, IgnoreEnv: true}, false)
	if err != nil {
		t.Fatal(err)
	}
	if steps, err := migrateSchema(ctx, cfg); err != nil || len(steps) == 0 {
		t.Fatalf("migrating a fresh database: %v, %v", steps, err)
	}
	// The guard against changing Todo without a migration.
	if err := migrate.New(cfg, &Todo{}).Check(ctx); err != nil {
		t.Fatalf("the embedded %s migrations do not give the Todo model's schema; write one with `db makemigrations`: %v", d, err)
	}
	db, err := rx.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestAPI(t *testing.T) {
	eachMigrated(t, func(t *testing.T, db *rx.DB) {
		var logs bytes.Buffer
		ts := httptest.NewServer(newServer(db, slog.New(slog.NewTextHandler(&logs, nil))))
		defer ts.Close()
		c := client{t, ts.URL}

		// Create.
		var milk Todo
		c.do("POST", "/todos", `{"title":"  Buy milk ","priority":2}`, http.StatusCreated, &milk)
		if milk.ID == 0 || milk.Title != "Buy milk" || milk.Priority != 2 || milk.Done || milk.CreatedAt.IsZero() {
			t.Fatalf("created %+v", milk)
		}
		for i, title := range []string{"Write report", "Call 100% of clients", "Water plants", "Fix bike_light"} {
			c.do("POST", "/todos", fmt.Sprintf(`{"title":%q,"priority":%d}`, title, i), http.StatusCreated, nil)
		}
		var errBody map[string]string
		c.do("POST", "/todos", `{"title":"   "}`, http.StatusBadRequest, &errBody)
		if errBody["error"] != "title is required" {
			t.Fatalf("empty title: %v", errBody)
		}
		c.do("POST", "/todos", `{"title":"`+strings.Repeat("x", 201)+`"}`, http.StatusBadRequest, nil)
		c.do("POST", "/todos", `{"title":"x","owner":"me"}`, http.StatusBadRequest, nil)
		c.do("POST", "/todos", `not json`, http.StatusBadRequest, nil)

		// Get.
		var got Todo
		c.do("GET", fmt.Sprintf("/todos/%d", milk.ID), "", http.StatusOK, &got)
		if got.Title != milk.Title || !got.CreatedAt.Equal(milk.CreatedAt) {
			t.Fatalf("get %+v, created %+v", got, milk)
		}
		c.do("GET", "/todos/999999", "", http.StatusNotFound, nil)
		c.do("GET", "/todos/abc", "", http.StatusBadRequest, nil)

		// Update: only the fields sent change.
		var upd Todo
		c.do("PATCH", fmt.Sprintf("/todos/%d", milk.ID), `{"done":true}`, http.StatusOK, &upd)
		if !upd.Done || upd.Title != "Buy milk" || upd.Priority != 2 || upd.UpdatedAt.Before(milk.UpdatedAt) {
			t.Fatalf("after PATCH done: %+v", upd)
		}
		c.do("GET", fmt.Sprintf("/todos/%d", milk.ID), "", http.StatusOK, &got)
		if !got.Done || got.Priority != 2 {
			t.Fatalf("PATCH not stored: %+v", got)
		}
		c.do("PATCH", "/todos/999999", `{"done":true}`, http.StatusNotFound, nil)
		c.do("PATCH", fmt.Sprintf("/todos/%d", milk.ID), `{"title":""}`, http.StatusBadRequest, nil)

		// List: filters, search, sort, pagination.
		all := c.list("")
		if all.Total != 5 || len(all.Items) != 5 || all.Limit != api.DefaultLimit || all.Offset != 0 {
			t.Fatalf("list: %+v", all)
		}
		if got := titles(c.list("?done=true")); got != "Buy milk" {
			t.Fatalf("done=true: %s", got)
		}
		if p := c.list("?done=false"); p.Total != 4 {
			t.Fatalf("done=false: %+v", p)
		}
		if got := titles(c.list("?q=WATER")); got != "Water plants" {
			t.Fatalf("q=WATER: %q", got)
		}
		// The user's % and _ match themselves, not any text.
		if got := titles(c.list("?q=100%25")); got != "Call 100% of clients" {
			t.Fatalf("q=100%%: %q", got)
		}
		if got := titles(c.list("?q=e_l")); got != "Fix bike_light" {
			t.Fatalf("q=e_l: %q", got)
		}
		// Ties (priority 2) keep id order.
		if got := titles(c.list("?sort=-priority&min_priority=2")); got != "Fix bike_light,Buy milk,Water plants" {
			t.Fatalf("sort=-priority&min_priority=2: %q", got)
		}
		p1, p2, p3 := c.list("?limit=2"), c.list("?limit=2&offset=2"), c.list("?limit=2&offset=4")
		if p1.Total != 5 || len(p1.Items) != 2 || len(p2.Items) != 2 || len(p3.Items) != 1 ||
			titles(p1)+","+titles(p2)+","+titles(p3) != titles(all) {
			t.Fatalf("pages %q | %q | %q, want %q in order", titles(p1), titles(p2), titles(p3), titles(all))
		}
		if p := c.list("?offset=10"); p.Total != 5 || p.Items == nil || len(p.Items) != 0 {
			t.Fatalf("past the end: %+v, want an empty items array", p)
		}
		for _, bad := range []string{"?limit=0", "?limit=101", "?offset=-1", "?done=maybe", "?min_priority=x", "?sort=password", "?sort=id%3BDROP", "?sort=title%20DESC%20NULLS"} {
			c.do("GET", "/todos"+bad, "", http.StatusBadRequest, &errBody)
			if errBody["error"] == "" {
				t.Fatalf("%s: no error message", bad)
			}
		}

		// Delete.
		c.do("DELETE", fmt.Sprintf("/todos/%d", milk.ID), "", http.StatusNoContent, nil)
		c.do("DELETE", fmt.Sprintf("/todos/%d", milk.ID), "", http.StatusNotFound, nil)
		c.do("GET", fmt.Sprintf("/todos/%d", milk.ID), "", http.StatusNotFound, nil)
		if p := c.list(""); p.Total != 4 {
			t.Fatalf("after delete: %+v", p)
		}
		c.do("PUT", "/todos/1", `{}`, http.StatusMethodNotAllowed, nil)
		if logs.Len() != 0 {
			t.Fatalf("client errors were logged as server errors:\n%s", logs.String())
		}
	})
}

// run serves on SQLite by default and on the database DB_URL names.
func TestRunServesWhatDBURLSays(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			dbURL := ""
			if d != "sqlite" {
				dbURL = rxtest.FreshURL(t, d)
			}
			t.Setenv("DB_URL", dbURL)
			t.Chdir(t.TempDir()) // the default SQLite file goes here
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- run(ctx, ln) }()
			c := client{t, "http://" + ln.Addr().String()}
			var created Todo
			c.do("POST", "/todos", `{"title":"served"}`, http.StatusCreated, &created)
			if got := titles(c.list("")); got != "served" {
				t.Fatalf("list = %q", got)
			}
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("run did not stop when its context ended")
			}
			// The data is in the database DB_URL named (or the default file).
			cfg := rx.Config{DBURL: "sqlite:///todoapi.db"}
			db, err := rx.Open(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if db.Dialect().Name() != d {
				t.Fatalf("served on %s, want %s", db.Dialect().Name(), d)
			}
			if n, err := rx.Select[Todo](db).Where(rx.Eq{"title": "served"}).Count(context.Background()); err != nil || n != 1 {
				t.Fatalf("row in %s: %d, %v", d, n, err)
			}
		})
	}
}
