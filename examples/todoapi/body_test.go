package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/examples/todoapi/api"
	"github.com/rxgo/rxdb/rx"
)

// Request bodies: too large is 413; a wrong JSON shape says what to send
// in JSON terms, never the server's Go types; anything after the JSON
// object is refused; and none of it writes a row.
func TestBodyErrors(t *testing.T) {
	eachMigrated(t, func(t *testing.T, db *rx.DB) {
		var logs strings.Builder
		ts := httptest.NewServer(newServer(db, slog.New(slog.NewTextHandler(&logs, nil))))
		defer ts.Close()
		c := client{t, ts.URL}
		var created Todo
		c.do("POST", "/todos", `{"title":"ok"}`, http.StatusCreated, &created)
		patch := "/todos/" + strconv.FormatInt(created.ID, 10)
		cases := []struct {
			method, path, body string
			status             int
			want               string
		}{
			{"POST", "/todos", `{"title":"` + strings.Repeat("x", api.MaxBody) + `"}`, http.StatusRequestEntityTooLarge, "larger than 1048576 bytes"},
			{"POST", "/todos", `{"title":"a"}` + strings.Repeat(" ", api.MaxBody), http.StatusRequestEntityTooLarge, "larger than"},
			{"POST", "/todos", `{"title":5}`, http.StatusBadRequest, "title must be a string, got number"},
			{"POST", "/todos", `{"title":"a","priority":1.5}`, http.StatusBadRequest, "priority must be an integer"},
			{"POST", "/todos", `{"title":"a","priority":"high"}`, http.StatusBadRequest, "priority must be an integer, got string"},
			{"PATCH", patch, `{"done":"yes"}`, http.StatusBadRequest, "done must be true or false"},
			{"POST", "/todos", `[{"title":"a"}]`, http.StatusBadRequest, "want a JSON object, got array"},
			{"POST", "/todos", `{"title":"a"} {"title":"b"}`, http.StatusBadRequest, "unexpected data after the JSON object"},
			{"POST", "/todos", `{"title":"a"}}`, http.StatusBadRequest, "unexpected data after the JSON object"},
			{"POST", "/todos", `{"title":"a"}garbage`, http.StatusBadRequest, "unexpected data after the JSON object"},
			{"PATCH", patch, `{"done":true} x`, http.StatusBadRequest, "unexpected data after the JSON object"},
			{"POST", "/todos", `{"title":"a"`, http.StatusBadRequest, "ends before the JSON object does"},
			{"POST", "/todos", ``, http.StatusBadRequest, "empty body"},
			{"POST", "/todos", `{"title":"a","owner":"me"}`, http.StatusBadRequest, `unknown field \"owner\"`},
		}
		for _, tc := range cases {
			req, err := http.NewRequest(tc.method, ts.URL+tc.path, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(res.Body)
			res.Body.Close()
			short := tc.body[:min(len(tc.body), 40)]
			if res.StatusCode != tc.status || !strings.Contains(string(data), tc.want) {
				t.Errorf("%s %s %q: %d %s, want %d with %q", tc.method, tc.path, short, res.StatusCode, data, tc.status, tc.want)
			}
			for _, leak := range []string{"struct", "main.", "Go value", "int64", "json:"} {
				if strings.Contains(string(data), leak) {
					t.Errorf("%s %q: the answer %s shows the server's Go types (%q)", tc.method, short, data, leak)
				}
			}
		}
		// Trailing white space is not data.
		c.do("POST", "/todos", "{\"title\":\"spaced\"}\n\t ", http.StatusCreated, nil)
		var got Todo
		c.do("GET", patch, "", http.StatusOK, &got)
		if got.Done {
			t.Fatal("a refused PATCH changed the todo")
		}
		if p := c.list(""); p.Total != 2 {
			t.Fatalf("%d todos, want 2: a refused body wrote a row", p.Total)
		}
		if logs.Len() != 0 {
			t.Fatalf("client errors were logged as server errors:\n%s", logs.String())
		}
	})
}
