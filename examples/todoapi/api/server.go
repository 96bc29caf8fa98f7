// Package api is the HTTP API of the todoapi example: its handlers and
// its model. The todoapi command serves it, and so does
// otel/examples/todoapi-otel, with traces.
package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rxgo/rxdb/rx"
)

// server holds what the handlers share: the database, which is safe for
// concurrent use.
type server struct {
	db     *rx.DB
	logger *slog.Logger
}

// NewServer returns the API's handler on db, logging failed requests to
// logger. It routes with Go 1.22 method and wildcard patterns.
func NewServer(db *rx.DB, logger *slog.Logger) http.Handler {
	s := &server{db: db, logger: logger}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /todos", s.create)
	mux.HandleFunc("GET /todos", s.list)
	mux.HandleFunc("GET /todos/{id}", s.get)
	mux.HandleFunc("PATCH /todos/{id}", s.update)
	mux.HandleFunc("DELETE /todos/{id}", s.delete)
	return mux
}

// httpError is an error with the status it answers with.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &httpError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// fail answers with err as a JSON error. Errors the client caused say
// what to fix; others are logged and answered without detail.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var he *httpError
	var ce *rx.ColumnError
	switch {
	case errors.As(err, &he):
	case errors.Is(err, rx.ErrNotFound):
		he = &httpError{http.StatusNotFound, "no such todo"}
	case errors.As(err, &ce): // a sort or filter column the model lacks
		he = &httpError{http.StatusBadRequest, ce.Error()}
	default:
		s.logger.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		he = &httpError{http.StatusInternalServerError, "internal error"}
	}
	writeJSON(w, he.status, map[string]string{"error": he.msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// MaxBody is the largest request body the API reads.
const MaxBody = 1 << 20

// decode reads a JSON body into v: one JSON object of known fields, and
// nothing after it.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return bodyError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err != nil && !isSyntaxError(err) {
			return bodyError(err)
		}
		return badRequest("invalid JSON body: unexpected data after the JSON object")
	}
	return nil
}

func isSyntaxError(err error) bool {
	var se *json.SyntaxError
	return errors.As(err, &se)
}

// bodyError says what is wrong with a body in the client's terms: the
// JSON types it sent and expected, never the server's Go types.
func bodyError(err error) error {
	var tooLarge *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &tooLarge):
		return &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is larger than %d bytes", tooLarge.Limit)}
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return badRequest("invalid JSON body: want a JSON object, got %s", typeErr.Value)
	case errors.As(err, &typeErr):
		return badRequest("invalid JSON body: %s must be %s, got %s", typeErr.Field, jsonKind(typeErr.Type), typeErr.Value)
	case errors.As(err, &syntax):
		return badRequest("invalid JSON body at byte %d: %s", syntax.Offset, strings.TrimPrefix(syntax.Error(), "json: "))
	case errors.Is(err, io.EOF):
		return badRequest("empty body: want a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("invalid JSON body: it ends before the JSON object does")
	}
	// Unknown fields: `json: unknown field "owner"`.
	return badRequest("invalid JSON body: %s", strings.TrimPrefix(err.Error(), "json: "))
}

// jsonKind names the JSON type a Go type is decoded from.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, badRequest("id must be a positive integer, got %q", r.PathValue("id"))
	}
	return id, nil
}

func checkTitle(title string) error {
	title = strings.TrimSpace(title)
	switch {
	case title == "":
		return badRequest("title is required")
	case utf8.RuneCountInString(title) > maxTitle:
		return badRequest("title is longer than %d characters", maxTitle)
	}
	return nil
}

// create: POST /todos {"title": "...", "priority": 1}
func (s *server) create(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Title    string `json:"title"`
		Priority int    `json:"priority"`
	}
	if err := decode(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := checkTitle(in.Title); err != nil {
		s.fail(w, r, err)
		return
	}
	t := &Todo{Title: strings.TrimSpace(in.Title), Priority: in.Priority, CreatedAt: now()}
	t.UpdatedAt = t.CreatedAt
	if err := s.db.Insert(r.Context(), t); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/todos/%d", t.ID))
	writeJSON(w, http.StatusCreated, t)
}

// Page is the answer of GET /todos: a page of to-dos and the total.
type Page struct {
	Items  []Todo `json:"items"`
	Total  int64  `json:"total"`
	Limit  int    `json:"limit"`
	Offset int    `json:"offset"`
}

// DefaultLimit is the page size of GET /todos without a limit;
// maxLimit the largest a client may ask for.
const (
	DefaultLimit = 20
	maxLimit     = 100
)

// list: GET /todos?done=true&q=milk&min_priority=2&sort=-priority&limit=20&offset=0
func (s *server) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var where []rx.Sqlizer
	if v := q.Get("done"); v != "" {
		done, err := strconv.ParseBool(v)
		if err != nil {
			s.fail(w, r, badRequest("done must be true or false, got %q", v))
			return
		}
		where = append(where, rx.Eq{"done": done})
	}
	if v := q.Get("min_priority"); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil {
			s.fail(w, r, badRequest("min_priority must be an integer, got %q", v))
			return
		}
		where = append(where, rx.GtOrEq{"priority": p})
	}
	if v := q.Get("q"); v != "" {
		// A substring match, case-insensitive on every database; the
		// user's % and _ are escaped so they match themselves.
		where = append(where, rx.Expr("LOWER(title) LIKE ? ESCAPE '!'", "%"+likeEscape(strings.ToLower(v))+"%"))
	}
	limit, err := intParam(q.Get("limit"), DefaultLimit, 1, maxLimit, "limit")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	offset, err := intParam(q.Get("offset"), 0, 0, 1<<31-1, "offset")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// sort is a column name, checked by rx against the model: an unknown
	// one is a ColumnError, answered with 400. id breaks ties.
	order := []string{"id"}
	if v := q.Get("sort"); v != "" {
		order = []string{v, "id"}
	}

	out := Page{Limit: limit, Offset: offset}
	// One read-only transaction, so the total and the page agree.
	err = s.db.WithSession(r.Context(), func(sess *rx.Session) error {
		var err error
		if out.Total, err = rx.Select[Todo](sess).Where(where...).Count(r.Context()); err != nil {
			return err
		}
		out.Items, err = rx.Select[Todo](sess).Where(where...).OrderBy(order...).Limit(limit).Offset(offset).All(r.Context())
		return err
	}, rx.ReadOnly())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func likeEscape(s string) string {
	return strings.NewReplacer("!", "!!", "%", "!%", "_", "!_").Replace(s)
}

func intParam(v string, def, lo, hi int, name string) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("%s must be an integer from %d to %d, got %q", name, lo, hi, v)
	}
	return n, nil
}

// get: GET /todos/{id}
func (s *server) get(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, err := rx.Get[Todo](r.Context(), s.db, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, t)
}

// update: PATCH /todos/{id} {"title": "...", "done": true, "priority": 3};
// only the fields present change.
func (s *server) update(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in struct {
		Title    *string `json:"title"`
		Done     *bool   `json:"done"`
		Priority *int    `json:"priority"`
	}
	if err := decode(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.Title != nil {
		if err := checkTitle(*in.Title); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	var t *Todo
	err = s.db.WithSession(r.Context(), func(sess *rx.Session) error {
		var err error
		if t, err = rx.Get[Todo](r.Context(), sess, id); err != nil {
			return err
		}
		cols := []string{"updated_at"}
		if in.Title != nil {
			t.Title, cols = strings.TrimSpace(*in.Title), append(cols, "title")
		}
		if in.Done != nil {
			t.Done, cols = *in.Done, append(cols, "done")
		}
		if in.Priority != nil {
			t.Priority, cols = *in.Priority, append(cols, "priority")
		}
		t.UpdatedAt = now()
		return sess.Update(r.Context(), t, cols...)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, t)
}

// delete: DELETE /todos/{id}
func (s *server) delete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.db.Delete(r.Context(), &Todo{ID: id}); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
