package rx_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

type lifeNote struct {
	rx.Model
	Body      string    `rx:"unique"`
	CreatedAt time.Time `rx:"autocreate"`
	UpdatedAt time.Time `rx:"autoupdate"`

	calls []string // not exported: not a column
}

func (lifeNote) TableName() string { return "life_note" }

var errRefused = errors.New("refused by hook")

func (n *lifeNote) BeforeInsert(ctx context.Context) error {
	n.calls = append(n.calls, "BeforeInsert")
	if n.Body == "forbidden" {
		return errRefused
	}
	return nil
}

func (n *lifeNote) AfterInsert(ctx context.Context) error {
	n.calls = append(n.calls, "AfterInsert")
	if n.ID == 0 && n.Body != "bulk" { // an upsert that updated has no new key
		return errors.New("AfterInsert before the key was set")
	}
	return nil
}

func (n *lifeNote) BeforeUpdate(ctx context.Context) error {
	n.calls = append(n.calls, "BeforeUpdate")
	return nil
}

func (n *lifeNote) AfterUpdate(ctx context.Context) error {
	n.calls = append(n.calls, "AfterUpdate")
	return nil
}

func (n *lifeNote) BeforeDelete(ctx context.Context) error {
	n.calls = append(n.calls, "BeforeDelete")
	if n.Body == "keep" {
		return errRefused
	}
	return nil
}

func (n *lifeNote) AfterDelete(ctx context.Context) error {
	n.calls = append(n.calls, "AfterDelete")
	return nil
}

func TestTimestampsAndHooks(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &lifeNote{}); err != nil {
			t.Fatal(err)
		}
		before := time.Now().UTC().Add(-time.Second)
		n := &lifeNote{Body: "hello"}
		if err := db.WithSession(ctx, func(s *rx.Session) error { return s.Add(n) }); err != nil {
			t.Fatal(err)
		}
		if n.CreatedAt.Before(before) || n.CreatedAt.Location() != time.UTC || !n.UpdatedAt.Equal(n.CreatedAt) {
			t.Errorf("insert stamps: created %v, updated %v", n.CreatedAt, n.UpdatedAt)
		}
		if got := strings.Join(n.calls, " "); got != "BeforeInsert AfterInsert" {
			t.Errorf("insert hooks: %s", got)
		}
		got, err := rx.Get[lifeNote](ctx, db, n.ID)
		if err != nil || !got.CreatedAt.Equal(n.CreatedAt) {
			t.Errorf("stored created_at %v, model has %v (%v)", got.CreatedAt, n.CreatedAt, err)
		}

		// Update, even of named columns only, moves updated_at and keeps
		// created_at.
		time.Sleep(2 * time.Millisecond)
		n.calls, n.Body = nil, "hello again"
		created := n.CreatedAt
		if err := db.Update(ctx, n, "body"); err != nil {
			t.Fatal(err)
		}
		if !n.UpdatedAt.After(created) || !n.CreatedAt.Equal(created) {
			t.Errorf("update stamps: created %v, updated %v", n.CreatedAt, n.UpdatedAt)
		}
		if got := strings.Join(n.calls, " "); got != "BeforeUpdate AfterUpdate" {
			t.Errorf("update hooks: %s", got)
		}
		got, _ = rx.Get[lifeNote](ctx, db, n.ID)
		if !got.UpdatedAt.Equal(n.UpdatedAt) || !got.CreatedAt.Equal(created) {
			t.Errorf("stored after update: %+v", got)
		}

		// The bulk Update sets updated_at too, with no hook.
		time.Sleep(2 * time.Millisecond)
		if _, err := rx.Update[lifeNote](db).Set("body", "bulk").Where(rx.Eq{"id": n.ID}).Exec(ctx); err != nil {
			t.Fatal(err)
		}
		got, _ = rx.Get[lifeNote](ctx, db, n.ID)
		if !got.UpdatedAt.After(n.UpdatedAt) {
			t.Errorf("bulk update left updated_at at %v", got.UpdatedAt)
		}

		// An upsert keeps the stored created_at and moves updated_at.
		time.Sleep(2 * time.Millisecond)
		up := &lifeNote{Body: "bulk"}
		if _, err := rx.Insert(db, up).OnConflict("body").DoUpdate().Exec(ctx); err != nil {
			t.Fatal(err)
		}
		after, _ := rx.Get[lifeNote](ctx, db, n.ID)
		if !after.CreatedAt.Equal(created) || !after.UpdatedAt.After(got.UpdatedAt) {
			t.Errorf("upsert: created %v (was %v), updated %v (was %v)", after.CreatedAt, created, after.UpdatedAt, got.UpdatedAt)
		}

		// A Before hook's error rolls the session back.
		err = db.WithSession(ctx, func(s *rx.Session) error {
			if err := s.Insert(ctx, &lifeNote{Body: "fine"}); err != nil {
				return err
			}
			return s.Add(&lifeNote{Body: "forbidden"})
		})
		if !errors.Is(err, errRefused) {
			t.Errorf("refused insert: %v", err)
		}
		if c, _ := rx.Select[lifeNote](db).Count(ctx); c != 1 {
			t.Errorf("%d notes after the rolled-back session, want 1", c)
		}
		keep := &lifeNote{Body: "keep"}
		if err := db.Insert(ctx, keep); err != nil {
			t.Fatal(err)
		}
		if err := db.Delete(ctx, keep); !errors.Is(err, errRefused) {
			t.Errorf("refused delete: %v", err)
		}
		n.calls = nil
		if err := db.Delete(ctx, n); err != nil || strings.Join(n.calls, " ") != "BeforeDelete AfterDelete" {
			t.Errorf("delete: %v, hooks %v", err, n.calls)
		}
	})
}

type lifeBadStamp struct {
	rx.Model
	CreatedAt int64 `rx:"autocreate"`
}

func TestTimestampNeedsTime(t *testing.T) {
	if _, err := schema.TableOf(&lifeBadStamp{}); err == nil || !strings.Contains(err.Error(), "autocreate and autoupdate need a time.Time") {
		t.Errorf("autocreate on an int64: %v", err)
	}
}
