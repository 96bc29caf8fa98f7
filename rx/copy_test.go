package rx_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// copyItem has a column of each kind a bulk load must carry.
type copyItem struct {
	rx.Model
	Code    string `rx:"unique"`
	Note    *string
	Price   float64
	Active  bool
	Made    time.Time
	Tags    []string `rx:"json"`
	Counter int64    `rx:"default=0"`
}

// bulkRows is more rows than the smallest flush that COPY serves.
const bulkRows = 600

func newCopyItems(n int, prefix string) []*copyItem {
	made := time.Date(2026, 11, 26, 12, 30, 0, 0, time.UTC)
	items := make([]*copyItem, n)
	for i := range items {
		it := &copyItem{Code: fmt.Sprintf("%s%04d", prefix, i), Price: float64(i) / 4, Active: i%2 == 0, Made: made.Add(time.Duration(i) * time.Second), Tags: []string{"t", fmt.Sprint(i)}, Counter: int64(i)}
		if i%3 == 0 {
			note := "n" + fmt.Sprint(i)
			it.Note = &note
		}
		items[i] = it
	}
	return items
}

// copyTable creates copyItem's table and records db's statements.
func copyTable(t *testing.T, db *rx.DB) *recorder {
	t.Helper()
	if err := db.CreateAll(context.Background(), &copyItem{}); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	db.AddQueryHook(rec)
	return rec
}

func addAll(s *rx.Session, items []*copyItem) error {
	for _, it := range items {
		if err := s.Add(it); err != nil {
			return err
		}
	}
	return nil
}

// copyOps returns the Operation of each COPY and INSERT the hook saw,
// with their RowsAffected, and forgets them.
func copyOps(r *recorder) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, ev := range r.events {
		if ev.Operation == "COPY" || ev.Operation == "INSERT" {
			out = append(out, fmt.Sprintf("%s %s %d", ev.Operation, ev.Table, ev.RowsAffected))
		}
	}
	r.events = nil
	return out
}

func TestAddManyRowsUsesCopyOnPostgres(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		rec := copyTable(t, db)
		// A row whose key the caller set goes in with its key.
		fixed := &copyItem{Model: rx.Model{ID: 1_000_000}, Code: "fixed", Made: time.Now().UTC()}
		items := newCopyItems(bulkRows, "a")
		err := db.WithSession(ctx, func(s *rx.Session) error {
			if err := s.Add(fixed); err != nil {
				return err
			}
			return addAll(s, items)
		})
		if err != nil {
			t.Fatal(err)
		}
		if db.Dialect().Name() == "postgres" {
			ev := rec.lastOf(t, "COPY")
			if !strings.HasPrefix(ev.Query, `COPY "copy_item" ("id", "code", `) || !strings.HasSuffix(ev.Query, ") FROM STDIN") || ev.Err != nil {
				t.Errorf("COPY event: %q, %v", ev.Query, ev.Err)
			}
		}
		ops := copyOps(rec)
		if db.Dialect().Name() == "postgres" {
			want := fmt.Sprintf("COPY copy_item %d", bulkRows+1)
			if len(ops) != 1 || ops[0] != want {
				t.Fatalf("statements: %q, want one %q", ops, want)
			}
		} else {
			for _, op := range ops {
				if !strings.HasPrefix(op, "INSERT ") {
					t.Fatalf("statements: %q, want INSERTs only", ops)
				}
			}
		}
		seen := map[int64]bool{fixed.ID: true}
		for _, it := range items {
			if it.ID == 0 || seen[it.ID] {
				t.Fatalf("key %d of %s is zero or repeated", it.ID, it.Code)
			}
			seen[it.ID] = true
		}
		if fixed.ID != 1_000_000 {
			t.Errorf("caller's key changed to %d", fixed.ID)
		}
		for _, i := range []int{0, 1, 3, bulkRows - 1} {
			got, err := rx.Get[copyItem](ctx, db, items[i].ID)
			if err != nil {
				t.Fatal(err)
			}
			want := *items[i]
			if got.Code != want.Code || (got.Note == nil) != (want.Note == nil) || (got.Note != nil && *got.Note != *want.Note) ||
				got.Price != want.Price || got.Active != want.Active || !got.Made.Equal(want.Made) ||
				strings.Join(got.Tags, ",") != strings.Join(want.Tags, ",") || got.Counter != want.Counter {
				t.Errorf("row %d read back as %+v, want %+v", i, got, want)
			}
		}
		n, err := rx.Select[copyItem](db).Count(ctx)
		if err != nil || n != bulkRows+1 {
			t.Fatalf("count %d, %v", n, err)
		}
		// The sequence goes on past the reserved keys.
		next := &copyItem{Code: "next", Made: time.Now().UTC()}
		if err := db.Insert(ctx, next); err != nil {
			t.Fatal(err)
		}
		if seen[next.ID] {
			t.Errorf("a later insert got reserved key %d", next.ID)
		}
	})
}

func (r *recorder) lastOf(t *testing.T, op string) rx.QueryEvent {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.events) - 1; i >= 0; i-- {
		if r.events[i].Operation == op {
			return r.events[i]
		}
	}
	t.Fatalf("no %s statement seen", op)
	return rx.QueryEvent{}
}

func TestBulkAddUniqueViolation(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		rec := copyTable(t, db)
		items := newCopyItems(bulkRows, "u")
		items[bulkRows-1].Code = items[0].Code
		err := db.WithSession(ctx, func(s *rx.Session) error { return addAll(s, items) })
		if !errors.Is(err, rx.ErrUniqueViolation) {
			t.Fatalf("got %v, want ErrUniqueViolation", err)
		}
		var oe *rx.OpError
		if !errors.As(err, &oe) || oe.Table != "copy_item" {
			t.Errorf("error %v does not name the table", err)
		}
		if db.Dialect().Name() == "postgres" {
			if ev := rec.lastOf(t, "COPY"); !errors.Is(ev.Err, rx.ErrUniqueViolation) {
				t.Errorf("hook saw %v", ev.Err)
			}
			for _, it := range items {
				if it.ID != 0 {
					t.Fatalf("key %d left on a row that was not written", it.ID)
				}
			}
		}
		if n, err := rx.Select[copyItem](db).Count(ctx); err != nil || n != 0 {
			t.Fatalf("count %d, %v: nothing may be left", n, err)
		}
	})
}

func TestBulkAddInSavepointAndAfterCommit(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		copyTable(t, db)
		errUndo := errors.New("undo")
		err := db.WithSession(ctx, func(s *rx.Session) error {
			if err := addAll(s, newCopyItems(bulkRows, "c")); err != nil {
				return err
			}
			// The next transaction is on the same connection.
			if err := s.Commit(ctx); err != nil {
				return err
			}
			err := s.WithSession(ctx, func(s *rx.Session) error {
				if err := addAll(s, newCopyItems(bulkRows, "s")); err != nil {
					return err
				}
				if err := s.Flush(ctx); err != nil {
					return err
				}
				return errUndo
			})
			if !errors.Is(err, errUndo) {
				return fmt.Errorf("nested session: %v", err)
			}
			return addAll(s, newCopyItems(bulkRows, "d"))
		})
		if err != nil {
			t.Fatal(err)
		}
		n, err := rx.Select[copyItem](db).Count(ctx)
		if err != nil || n != 2*bulkRows {
			t.Fatalf("count %d, %v; want %d", n, err, 2*bulkRows)
		}
		if n, _ := rx.Select[copyItem](db).Where(rx.Like{"code": "s%"}).Count(ctx); n != 0 {
			t.Errorf("%d rows of the rolled-back savepoint remain", n)
		}
	})
}

func TestBulkAddJoinedTxInserts(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		rec := copyTable(t, db)
		tx, err := db.SQLX().BeginTxx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		items := newCopyItems(bulkRows, "j")
		if err := db.JoinTx(ctx, tx, func(s *rx.Session) error { return addAll(s, items) }); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		for _, op := range copyOps(rec) {
			if !strings.HasPrefix(op, "INSERT ") {
				t.Fatalf("joined transaction sent %q: rx cannot reach its connection", op)
			}
		}
		if items[bulkRows-1].ID == 0 {
			t.Error("keys not set")
		}
	})
}

func TestBulkAddOnWrappedPool(t *testing.T) {
	eachSQL(t, func(t *testing.T, sqlDB *sql.DB, _, dialect string) {
		db, err := rx.WrapSQL(sqlDB)
		if err != nil {
			t.Fatal(err)
		}
		rec := copyTable(t, db)
		items := newCopyItems(bulkRows, "w")
		if err := db.WithSession(context.Background(), func(s *rx.Session) error { return addAll(s, items) }); err != nil {
			t.Fatal(err)
		}
		ops := strings.Join(copyOps(rec), "; ")
		if want := fmt.Sprintf("COPY copy_item %d", bulkRows); (dialect == "postgres") != (ops == want) {
			t.Errorf("statements: %s", ops)
		}
		if items[0].ID == 0 || items[bulkRows-1].ID == 0 {
			t.Error("keys not set")
		}
	})
}

// cancelOn cancels a context when a statement of operation op starts.
type cancelOn struct {
	op     string
	cancel context.CancelFunc
}

func (c cancelOn) BeforeQuery(ctx context.Context, ev *rx.QueryEvent) context.Context {
	if ev.Operation == c.op {
		c.cancel()
	}
	return ctx
}

func (cancelOn) AfterQuery(context.Context, *rx.QueryEvent) {}

func TestBulkAddCancelled(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		copyTable(t, db)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		db.AddQueryHook(cancelOn{op: "COPY", cancel: cancel})
		items := newCopyItems(bulkRows, "x")
		err := db.WithSession(ctx, func(s *rx.Session) error { return addAll(s, items) })
		if db.Dialect().Name() == "postgres" && !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
		// The pool goes on: the connection COPY ran on is rolled back or
		// discarded, never handed out mid-COPY.
		bg := context.Background()
		for range 3 {
			more := newCopyItems(bulkRows, "y")
			if err := db.WithSession(bg, func(s *rx.Session) error { return addAll(s, more) }); err != nil {
				t.Fatal(err)
			}
			if _, err := rx.Delete[copyItem](db).All().Exec(bg); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// touchy is a Valuer that panics on "boom", as a buggy one might.
type touchy string

func (v touchy) Value() (driver.Value, error) {
	if v == "boom" {
		panic("touchy: boom")
	}
	return string(v), nil
}

type touchyItem struct {
	rx.Model
	V touchy
}

// TestBulkAddValuerPanicReachesCaller: pgx runs a COPY's Valuers on a
// goroutine of its own, where a panic would end the program; rx runs
// them itself and the panic reaches WithSession's caller. The INSERT
// path is TestValuerPanicInQuery's.
func TestBulkAddValuerPanicReachesCaller(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		if db.Dialect().Name() != "postgres" {
			t.Skip("COPY runs on PostgreSQL only; see the comment")
		}
		ctx := context.Background()
		if err := db.CreateAll(ctx, &touchyItem{}); err != nil {
			t.Fatal(err)
		}
		items := make([]touchyItem, bulkRows)
		items[bulkRows/2].V = "boom"
		got := func() (r any) {
			defer func() { r = recover() }()
			_ = db.WithSession(ctx, func(s *rx.Session) error {
				for i := range items {
					if err := s.Add(&items[i]); err != nil {
						return err
					}
				}
				return nil
			})
			return nil
		}()
		if got != "touchy: boom" {
			t.Fatalf("recovered %v, want the Valuer's panic", got)
		}
		items[bulkRows/2].V = "fine"
		for i := range items {
			items[i].ID = 0
		}
		err := db.WithSession(ctx, func(s *rx.Session) error {
			for i := range items {
				if err := s.Add(&items[i]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := rx.Select[touchyItem](db).Count(ctx); err != nil || n != bulkRows {
			t.Fatalf("count %d, %v; want %d: the panicked session must have left nothing", n, err, bulkRows)
		}
	})
}
