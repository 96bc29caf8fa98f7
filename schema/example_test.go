package schema_test

import (
	"fmt"
	"reflect"
	"time"

	"github.com/rxgo/rxdb/schema"
)

type Post struct {
	ID        int64     `rx:"pk,autoincrement"`
	Title     string    `rx:"size=200"`
	Slug      string    `rx:"unique"`
	AuthorID  int64     `rx:"fk=author.id,ondelete=cascade"`
	CreatedAt time.Time `rx:"autocreate"`
}

// TableOf reads a model's metadata once and caches it: what dialects map
// to column types and migrations compare with the database.
func ExampleTableOf() {
	t, err := schema.TableOf(&Post{})
	if err != nil {
		panic(err)
	}
	fmt.Println("table", t.Name, "key", t.PrimaryKey[0].Name)
	for _, c := range t.Columns {
		fmt.Printf("%-10s %-6s unique=%v index=%v\n", c.Name, c.Kind, c.Unique, c.Index)
	}
	for _, fk := range t.ForeignKeys() {
		fmt.Println(fk.Name, "->", fk.RefTable+"."+fk.RefColumn, "on delete", fk.OnDelete)
	}
	// Output:
	// table post key id
	// id         int64  unique=false index=false
	// title      string unique=false index=false
	// slug       string unique=true index=false
	// author_id  int64  unique=false index=true
	// created_at time   unique=false index=false
	// fk_post_author_id -> author.id on delete CASCADE
}

// ReadFieldTags names a field's column from its name and tags alone, as
// TableOf does: for tools that read a model's source.
func ExampleReadFieldTags() {
	for _, f := range []struct {
		name string
		tag  reflect.StructTag
	}{
		{"HTTPServer", ""},
		{"FullName", `db:"name,omitempty"`},
		{"Tags", `rx:"through=post_tag"`},
		{"Secret", `rx:"-"`},
		{"Code", `rx:"pk,size=8"`},
	} {
		ft := schema.ReadFieldTags(f.name, f.tag)
		fmt.Printf("%s: column %s skip=%v key=%v relation=%v\n", f.name, ft.Name, ft.Skip, ft.Key, ft.Relation)
	}
	// Output:
	// HTTPServer: column http_server skip=false key=false relation=false
	// FullName: column name skip=false key=false relation=false
	// Tags: column tags skip=false key=false relation=true
	// Secret: column secret skip=true key=false relation=false
	// Code: column code skip=false key=true relation=false
}
