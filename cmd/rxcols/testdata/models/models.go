// Package models holds models whose fields take every path of schema's
// field mapping, for rxcols' test that its column names are TableOf's.
package models

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"time"

	"github.com/rxgo/rxdb/rx"
)

// Stamps is embedded without a tag: its fields are the model's own.
type Stamps struct {
	CreatedAt time.Time `rx:"autocreate"`
	UpdatedAt time.Time `rx:"autoupdate"`
}

// Point is a sql.Scanner and driver.Valuer: a struct that is one column.
type Point struct{ X, Y int }

// Scan implements sql.Scanner.
func (p *Point) Scan(any) error { return nil }

// Value implements driver.Valuer.
func (p Point) Value() (driver.Value, error) { return "0,0", nil }

// Meta is a plain struct stored as JSON.
type Meta struct{ Tags []string }

// Handle is a named string type.
type Handle string

// Author has a key by convention (a field named ID), no rx.Model.
type Author struct {
	ID       int64
	FullName string `db:"name"`
	Handle   Handle `db:"handle,omitempty"`
	HTTPURL  string
	Books    []Book  // has-many
	Best     *Book   `rx:"rel=has-one"`
	secret   string  //nolint:unused // unexported: no column
	Ignored  string  `rx:"-"`
	Hidden   string  `db:"-"`
	Raw      []byte  // bytes, a column
	Score    float64 `rx:"check=score >= 0,default=0"`
}

// Book embeds rx.Model and a struct of stamps, and holds every column
// kind a struct field can be.
type Book struct {
	rx.Model
	Stamps
	AuthorID  int64  `rx:"fk=author.id"`
	Title     string `rx:"unique,size=200"`
	Where     Point
	Meta      Meta `rx:"json"`
	Extra     json.RawMessage
	Subtitle  sql.NullString
	Published *time.Time
	Author    *Author  // belongs-to
	Shelves   []*Shelf `rx:"through=book_shelf"`
}

// Shelf has a composite key of rx:"pk" fields and a tagged embedded
// struct, which is one column (JSON). (An embedded Point would give Shelf
// Point's Scan method, and a sql.Scanner is no relation.)
type Shelf struct {
	Room  string `rx:"pk"`
	Row   int    `rx:"pk"`
	Meta  `db:"labels" rx:"json"`
	Books []*Book `rx:"through=book_shelf"`
}

// BookShelf links books and shelves.
type BookShelf struct {
	BookID    int64  `rx:"pk,fk=book.id"`
	ShelfRoom string `rx:"pk"`
	ShelfRow  int    `rx:"pk"`
}

// NotAModel has no key field: rxcols leaves it out unless -type names it.
type NotAModel struct {
	Name string
}

// All are the models by type name, for the test to compare with TableOf.
var All = map[string]any{"Author": Author{}, "Book": Book{}, "Shelf": Shelf{}, "BookShelf": BookShelf{}}
