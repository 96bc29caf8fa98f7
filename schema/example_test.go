package schema_test

import (
	"fmt"
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
