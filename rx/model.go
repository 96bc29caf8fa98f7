package rx

import (
	"database/sql/driver"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/rxgo/rxdb/schema"
)

// Model is embedded in a struct to give it an auto-increment int64 primary
// key named id, as rx.Model does in Reflex:
//
//	type User struct {
//		rx.Model
//		Username string `rx:"unique"`
//	}
type Model struct {
	ID int64 `db:"id" rx:"pk,autoincrement"`
}

// TableNamer lets a model choose its table name.
type TableNamer interface{ TableName() string }

// Register reads and caches the metadata of each model (a struct or a
// pointer to one), reporting the first model that cannot be mapped.
// Registration also happens lazily on first use; calling it at start-up
// surfaces mistakes early and makes the models visible to migrations
// (schema.Models lists them).
func Register(models ...any) error { return schema.Register(models...) }

// tableFor is the metadata of the type parameter of a generic call, which
// must be the struct itself: rows are written through its address.
func tableFor[T any]() (*schema.Table, error) {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		return nil, &ModelError{Model: t.String(), Reason: notStruct(t, "the type parameter must be a model struct, "+
			"a struct type whose fields are the table's columns (such as rx.Select[User]); "+
			"to read one column, use rx.Scan or rx.Query into a struct with that field")}
	}
	return schema.TableOf(t)
}

// notStruct explains a type parameter t that is not a struct: a pointer
// to a struct is written as the struct itself, anything else gets what.
func notStruct(t reflect.Type, what string) string {
	if t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct {
		return fmt.Sprintf("the type parameter must be the struct itself: write [%s], not [%s]", t.Elem(), t)
	}
	return fmt.Sprintf("%s, not %s", what, t)
}

var (
	timeType   = reflect.TypeFor[time.Time]()
	valuerType = reflect.TypeFor[driver.Valuer]()
)

// columnNames returns the names of cols.
func columnNames(cols []*schema.Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

func sortedColumnNames(t *schema.Table) string {
	names := columnNames(t.Columns)
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func containsColumn(cols []*schema.Column, c *schema.Column) bool {
	for _, x := range cols {
		if x == c {
			return true
		}
	}
	return false
}
