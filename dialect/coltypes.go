package dialect

import (
	"fmt"
	"strings"

	"github.com/rxgo/rxdb/schema"
)

// TypeNormalizer is an optional interface of a Dialect whose type names
// have several spellings for one column type (MySQL's int(11) and INT,
// SQLite's INT and INTEGER): NormalizeType returns the canonical one, so
// that two spellings of the same storage compare equal, in foreign-key
// checks (SameType) and in migrations' diff.
type TypeNormalizer interface {
	NormalizeType(t string) string
}

// ColumnOnUpdater is an optional interface of a Dialect whose columns
// take an ON UPDATE expression (MySQL, MariaDB): rx:"update=..." is
// rendered and compared there, and neither created nor compared on the
// others.
type ColumnOnUpdater interface {
	ColumnOnUpdate()
}

// NormalizeType is t in d's canonical spelling (TypeNormalizer), or else
// in upper case with single spaces.
func NormalizeType(d Dialect, t string) string {
	if n, ok := d.(TypeNormalizer); ok {
		return n.NormalizeType(t)
	}
	return strings.Join(strings.Fields(strings.ToUpper(t)), " ")
}

// SameType reports whether a and b are one column type on d.
func SameType(d Dialect, a, b string) bool { return NormalizeType(d, a) == NormalizeType(d, b) }

// CheckForeignKeyTypes checks that the column of each foreign key of
// tables has, on d, the type of the column it references (among tables,
// else the registered models), equivalent spellings accepted. Models
// check their Go types as they register; SQL types (type=, type.<dialect>=)
// are known only on a dialect.
func CheckForeignKeyTypes(d Dialect, tables []*schema.Table) error {
	for _, t := range tables {
		for _, c := range t.Columns {
			fk := c.ForeignKey
			if fk == nil {
				continue
			}
			ref := findTable(tables, fk.RefTable)
			if ref == nil {
				continue // reported by schema.Resolve, or not a model
			}
			rc := ref.Column(fk.RefColumn)
			if rc == nil {
				continue
			}
			// Types rx chose from two equal Go types are ones the
			// database takes (a VARCHAR of another length included).
			explicit := c.SQLTypeFor(d.Name()) != "" || rc.SQLTypeFor(d.Name()) != ""
			if a, b := d.ColumnType(c), d.ColumnType(rc); explicit && !SameType(d, a, b) {
				return &schema.ModelError{Model: t.GoType.String(), Field: c.Field, Reason: fmt.Sprintf("fk=%s.%s: the column is %s but %s.%s is %s on %s: give both the same type (type=, or type.%s= for %s alone)", fk.RefTable, fk.RefColumn, a, ref.Name, rc.Name, b, d.Name(), d.Name(), d.Name())}
			}
		}
	}
	return nil
}

func findTable(tables []*schema.Table, name string) *schema.Table {
	for _, t := range tables {
		if t.Name == name {
			return t
		}
	}
	return schema.Lookup(name)
}
