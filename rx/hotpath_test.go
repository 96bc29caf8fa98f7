package rx_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// hotPathRow has a generated key of type int (not int64): a single-row
// insert scans the returned key straight into that field.
type hotPathRow struct {
	ID   int `rx:"pk,autoincrement"`
	Name string
}

type hotPathArgsHook struct{ args [][]any }

func (h *hotPathArgsHook) BeforeQuery(ctx context.Context, ev *rx.QueryEvent) context.Context {
	h.args = append(h.args, ev.Args)
	return ctx
}
func (h *hotPathArgsHook) AfterQuery(context.Context, *rx.QueryEvent) {}

func TestHotPathKeysMessagesAndHookArgs(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &hotPathRow{}); err != nil {
			t.Fatal(err)
		}
		a, b := &hotPathRow{Name: "a"}, &hotPathRow{Name: "b"}
		if err := db.Insert(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, b); err != nil {
			t.Fatal(err)
		}
		if a.ID == 0 || b.ID != a.ID+1 {
			t.Fatalf("keys %d, %d: want consecutive generated keys", a.ID, b.ID)
		}
		got, err := rx.Get[hotPathRow](ctx, db, b.ID)
		if err != nil || got.Name != "b" {
			t.Fatalf("Get(%d) = %+v, %v", b.ID, got, err)
		}

		_, err = rx.Get[hotPathRow](ctx, db, 987654)
		if !errors.Is(err, rx.ErrNotFound) || !strings.Contains(err.Error(), "hotPathRow with key [987654]") {
			t.Fatalf("Get of a missing key: %v, want ErrNotFound naming the key", err)
		}

		// Hooks keep the bound values of each statement, even though the
		// statement's own argument slice lives on the caller's stack.
		h := &hotPathArgsHook{}
		db.AddQueryHook(h)
		a.Name = "a2"
		if err := db.Update(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := rx.Get[hotPathRow](ctx, db, a.ID); err != nil {
			t.Fatal(err)
		}
		if len(h.args) != 2 {
			t.Fatalf("hook saw %d statements, want 2", len(h.args))
		}
		// An int field is bound as the int64 that database/sql would make of it.
		if up := h.args[0]; len(up) != 2 || up[0] != "a2" || up[1] != int64(a.ID) {
			t.Fatalf("hook args of Update = %#v, want [a2 %d]", up, a.ID)
		}
		if get := h.args[1]; len(get) != 1 || get[0] != a.ID {
			t.Fatalf("hook args of Get = %#v, want [%d]", get, a.ID)
		}
	})
}
