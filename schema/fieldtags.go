package schema

import (
	"reflect"
	"strings"
)

// FieldTags is what a model field's name and tags alone say of it, read
// the way TableOf reads them. Tools that see a model's source rather than
// its Go type, such as cmd/rxcols, use it so that they name columns
// exactly as TableOf does; what depends on the field's type (whether an
// embedded or related type is a struct, a time.Time or a sql.Scanner) is
// theirs to decide.
type FieldTags struct {
	// Name is the column name: the db tag's name, else SnakeCase of the
	// field name. It is not checked with ValidIdent.
	Name string
	// Skip: the field is tagged rx:"-" or db:"-" and maps nothing.
	Skip bool
	// Untagged: the field has no rx and no db tag, so an embedded struct
	// field contributes its own fields instead of being one column.
	Untagged bool
	// Key: the field is a primary key by its name or tags (named ID,
	// db:"id", or rx:"pk"), which tells a model from a plain struct.
	Key bool
	// Relation: an rx option (rel=, through=, join=) makes the field a
	// relation whatever its type. NotRelation: rx:"json" or a db tag
	// makes it a column whatever its type. Neither: a struct type (or a
	// pointer or slice of one) other than time.Time, a sql.Scanner or a
	// driver.Valuer is a relation, anything else a column.
	Relation, NotRelation bool
}

// ReadFieldTags reads the tags of the struct field named field.
func ReadFieldTags(field string, tag reflect.StructTag) FieldTags {
	rxTag, hasRx := tag.Lookup("rx")
	dbTag := tag.Get("db")
	ft := FieldTags{Skip: rxTag == "-" || dbTag == "-", Untagged: dbTag == "" && !hasRx}
	ft.Name, _, _ = strings.Cut(dbTag, ",")
	if ft.Name == "" {
		ft.Name = SnakeCase(field)
	}
	ft.Key = field == "ID" || dbTag == "id"
	for _, opt := range splitOptions(rxTag) {
		key, _, _ := strings.Cut(opt, "=")
		switch strings.TrimSpace(opt) {
		case "pk", "primarykey", "primary_key":
			ft.Key = true
		}
		switch strings.TrimSpace(key) {
		case "rel", "through", "join":
			if !ft.NotRelation {
				ft.Relation = true
			}
		case "json":
			if !ft.Relation {
				ft.NotRelation = true
			}
		}
	}
	if dbTag != "" && !ft.Relation {
		ft.NotRelation = true
	}
	return ft
}
