package rx_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type bytesParent struct {
	ID   []byte `rx:"pk,size=16"`
	Name string
	Kids []bytesKid
	Tags []bytesTag `rx:"through=bytes_parent_tag"`
}

func (bytesParent) TableName() string { return "bytes_parent" }

type bytesKid struct {
	rx.Model
	ParentID []byte `rx:"fk=bytes_parent.id,size=16"`
	Name     string
	Parent   *bytesParent
}

func (bytesKid) TableName() string { return "bytes_kid" }

type bytesTag struct {
	ID    []byte `rx:"pk,size=16"`
	Label string
}

func (bytesTag) TableName() string { return "bytes_tag" }

type bytesParentTag struct {
	ParentID []byte `rx:"pk,fk=bytes_parent.id,size=16"`
	TagID    []byte `rx:"pk,fk=bytes_tag.id,size=16"`
}

func (bytesParentTag) TableName() string { return "bytes_parent_tag" }

// Relations keyed by []byte load their rows: the keys are bound as
// bytes (a BLOB on SQLite, which a text key never equals; a bytea on
// PostgreSQL, where a key with a 0x00 byte is no text at all), keys
// that are not UTF-8 included.
func TestWithBytesKeys(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &bytesParent{}, &bytesKid{}, &bytesTag{}, &bytesParentTag{}); err != nil {
			t.Fatal(err)
		}
		parents := []*bytesParent{
			{ID: []byte{0, 1, 2}, Name: "nul"},
			{ID: []byte{0xff, 0xfe, 'a'}, Name: "not utf-8"},
			{ID: []byte("plain"), Name: "plain"},
		}
		tag := &bytesTag{ID: []byte{0, 0xc3}, Label: "t"}
		if err := db.Insert(ctx, parents[0], parents[1], parents[2]); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, tag); err != nil {
			t.Fatal(err)
		}
		for _, p := range parents[:2] {
			if err := db.Insert(ctx, &bytesKid{ParentID: p.ID, Name: p.Name + " kid"}); err != nil {
				t.Fatal(err)
			}
			if err := db.Insert(ctx, &bytesParentTag{ParentID: p.ID, TagID: tag.ID}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := rx.Select[bytesParent](db).OrderBy("name").With("Kids", "Tags").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range got {
			want := 1
			if p.Name == "plain" {
				want = 0
			}
			if len(p.Kids) != want || want == 1 && (p.Kids[0].Name != p.Name+" kid" || !bytes.Equal(p.Kids[0].ParentID, p.ID)) {
				t.Errorf("%s: kids %+v", p.Name, p.Kids)
			}
			if len(p.Tags) != want || want == 1 && !bytes.Equal(p.Tags[0].ID, tag.ID) {
				t.Errorf("%s: tags %+v", p.Name, p.Tags)
			}
		}
		kids, err := rx.Select[bytesKid](db).OrderBy("id").With("Parent").All(ctx)
		if err != nil || len(kids) != 2 {
			t.Fatalf("%d kids, %v", len(kids), err)
		}
		for _, k := range kids {
			if k.Parent == nil || !bytes.Equal(k.Parent.ID, k.ParentID) {
				t.Errorf("%s: parent %+v", k.Name, k.Parent)
			}
		}
	})
}
