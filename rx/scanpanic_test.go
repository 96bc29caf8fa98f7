package rx_test

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// boomScanner is a sql.Scanner that panics on the value "boom", as a buggy
// user type would.
type boomScanner string

func (t *boomScanner) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case []byte:
		s = string(v)
	case string:
		s = v
	case nil:
	default:
		return fmt.Errorf("touchy: %T", src)
	}
	if s == "boom" {
		panic("touchy: boom")
	}
	*t = boomScanner(s)
	return nil
}

func (t boomScanner) Value() (driver.Value, error) { return string(t), nil }

type scanPanicRow struct {
	rx.Model
	Name  boomScanner
	Maybe *boomScanner `rx:"null"`
}

// mustPanic calls fn and reports whether it panicked with the scanner's
// value, as a recover in an HTTP server would catch it.
func mustPanic(t *testing.T, what string, fn func()) {
	t.Helper()
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(fmt.Sprint(r), "touchy: boom") {
			t.Errorf("%s: recovered %v, want the scanner's panic", what, r)
		}
	}()
	fn()
}

// A sql.Scanner that panics while rows are read reaches the caller, and
// the connection goes back to the pool: on database/sql the panic came
// while Rows.Scan held the rows' lock, so closing the rows (and the
// connection) waited for ever. With two connections and each read
// panicking four times over, later queries and Close still work.
func TestPanickingScannerReturnsTheConnection(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, err := rx.Open(ctx, rx.Config{DBURL: rxtest.FreshURL(t, d), IgnoreEnv: true, MaxOpenConns: 2})
			if err != nil {
				t.Fatal(err)
			}
			if err := db.CreateAll(ctx, &scanPanicRow{}); err != nil {
				t.Fatal(err)
			}
			boom := boomScanner("boom")
			rows := []*scanPanicRow{{Name: "fine"}, {Name: "boom"}, {Name: "ok", Maybe: &boom}}
			if err := db.Insert(ctx, rows[0], rows[1], rows[2]); err != nil {
				t.Fatal(err)
			}
			tbl := db.Dialect().Quote("scan_panic_row")
			reads := map[string]func(){
				"All":                 func() { _, _ = rx.Select[scanPanicRow](db).All(ctx) },
				"First":               func() { _, _ = rx.Select[scanPanicRow](db).Where(rx.Eq{"name": "boom"}).First(ctx) },
				"One":                 func() { _, _ = rx.Select[scanPanicRow](db).Where(rx.Eq{"name": "boom"}).One(ctx) },
				"Get":                 func() { _, _ = rx.Get[scanPanicRow](ctx, db, rows[1].ID) },
				"Get (pointer field)": func() { _, _ = rx.Get[scanPanicRow](ctx, db, rows[2].ID) },
				"Iter": func() {
					for _, err := range rx.Select[scanPanicRow](db).OrderBy("id").Iter(ctx) {
						if err != nil {
							t.Error(err)
						}
					}
				},
				"Query":    func() { _, _ = rx.Query[scanPanicRow](ctx, db, "SELECT * FROM "+tbl) },
				"QueryOne": func() { _, _ = rx.QueryOne[scanPanicRow](ctx, db, "SELECT * FROM "+tbl+" WHERE name = 'boom'") },
				"Scan":     func() { _, _ = rx.Scan[scanPanicRow](ctx, rx.Select[scanPanicRow](db)) },
				"Scan into a struct of models": func() {
					_, _ = rx.Scan[struct{ Row *scanPanicRow }](ctx, rx.Select[scanPanicRow](db))
				},
				"session All": func() {
					_ = db.WithSession(ctx, func(s *rx.Session) error {
						_, err := rx.Select[scanPanicRow](s).All(ctx)
						return err
					})
				},
				"read-only session Iter": func() {
					_ = db.WithSession(ctx, func(s *rx.Session) error {
						for range rx.Select[scanPanicRow](s).Iter(ctx) {
						}
						return nil
					}, rx.ReadOnly())
				},
			}
			for name, read := range reads {
				for range 4 {
					within(t, 10*time.Second, name+" with a panicking scanner", func() { mustPanic(t, name, read) })
				}
			}
			within(t, 10*time.Second, "a read after the panics", func() {
				got, err := rx.Select[scanPanicRow](db).Where(rx.Eq{"name": "fine"}).All(ctx)
				if err != nil || len(got) != 1 || got[0].Name != "fine" || got[0].Maybe != nil {
					t.Errorf("read after the panics: %+v, %v", got, err)
				}
				if err := db.WithSession(ctx, func(s *rx.Session) error { return s.Insert(ctx, &scanPanicRow{Name: "after"}) }); err != nil {
					t.Error(err)
				}
			})
			within(t, 10*time.Second, "db.Close after the panics", func() {
				if err := db.Close(); err != nil {
					t.Error(err)
				}
			})
		})
	}
}
