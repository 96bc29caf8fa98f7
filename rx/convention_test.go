package rx_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

// A struct as a sqlx application has it: no rx tags.
type Bookmark struct {
	ID    int64  `db:"id"`
	URL   string `db:"url"`
	Title string `db:"title"`
}

func TestConventionalKey(t *testing.T) {
	type FieldNamedID struct {
		ID   int64 `db:"bookmark_id"`
		Name string
	}
	type StringKeyID struct {
		ID   string
		Name string
	}
	type MarkedKey struct {
		ID   int64
		Code string `rx:"pk"`
	}
	type SetByApp struct {
		ID int64 `rx:"pk"`
	}
	tests := []struct {
		model   any
		key     string // column
		autoInc bool
	}{
		{Bookmark{}, "id", true},
		{FieldNamedID{}, "bookmark_id", true},
		{StringKeyID{}, "id", false},
		{MarkedKey{}, "code", false}, // a marked key wins
		{SetByApp{}, "id", false},    // rx:"pk" alone: the application sets it
	}
	for _, tt := range tests {
		tbl, err := schema.TableOf(tt.model)
		if err != nil {
			t.Errorf("%T: %v", tt.model, err)
			continue
		}
		if len(tbl.PrimaryKey) != 1 || tbl.PrimaryKey[0].Name != tt.key || (tbl.AutoIncrement != nil) != tt.autoInc {
			t.Errorf("%T: key %v, autoincrement %v; want %s, %v", tt.model, tbl.PrimaryKey, tbl.AutoIncrement, tt.key, tt.autoInc)
		}
	}
}

// TestConventionalKeyRoundTrip: an untagged sqlx struct inserts, gets its
// generated ID, and reads back by it, on every database.
func TestConventionalKeyRoundTrip(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Bookmark{}); err != nil {
			t.Fatal(err)
		}
		a, b := &Bookmark{URL: "https://a", Title: "A"}, &Bookmark{URL: "https://b", Title: "B"}
		if err := db.Insert(ctx, a, b); err != nil {
			t.Fatal(err)
		}
		if a.ID == 0 || b.ID == 0 || a.ID == b.ID {
			t.Fatalf("generated IDs %d, %d", a.ID, b.ID)
		}
		got, err := rx.Get[Bookmark](ctx, db, b.ID)
		if err != nil || *got != *b {
			t.Fatalf("Get = %+v, %v; want %+v", got, err, b)
		}
	})
}

func TestUnmappableFieldNamesTheTag(t *testing.T) {
	type TagDTO struct{ Name string }
	type WithTags struct {
		ID   int64 `db:"id"`
		Tags []TagDTO
	}
	_, err := schema.TableOf(WithTags{})
	var me *rx.ModelError
	if !errors.As(err, &me) || me.Field != "Tags" || !strings.Contains(err.Error(), "tag the field `rx:\"-\"`") {
		t.Fatalf("TableOf = %v; want a ModelError on Tags naming the tag rx:\"-\"", err)
	}
	type Fixed struct {
		ID   int64    `db:"id"`
		Tags []TagDTO `rx:"-"`
	}
	if _, err := schema.TableOf(Fixed{}); err != nil {
		t.Fatalf("with the tag the message names: %v", err)
	}
}
