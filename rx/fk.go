package rx

import (
	"errors"

	"github.com/rxgo/rxdb/schema"
)

// ErrForeignKeyViolation marks an error that a foreign-key constraint
// raised: a row pointing at a parent that does not exist, or the delete
// of a parent whose children forbid it (ondelete=restrict or no action).
var ErrForeignKeyViolation = errors.New("rx: foreign key constraint violated")

// ForeignKeySQL renders fk as a table constraint of CREATE TABLE.
func ForeignKeySQL(d Dialect, fk *schema.ForeignKey) string {
	s := "CONSTRAINT " + d.Quote(fk.Name) + " FOREIGN KEY (" + d.Quote(fk.Column) + ") REFERENCES " + d.Quote(fk.RefTable) + " (" + d.Quote(fk.RefColumn) + ")"
	if fk.OnDelete != "" {
		s += " ON DELETE " + fk.OnDelete
	}
	if fk.OnUpdate != "" {
		s += " ON UPDATE " + fk.OnUpdate
	}
	return s
}
