package rx

import (
	"errors"
	"fmt"
	"strings"
)

// ErrMissingJoin is returned (wrapped, naming the table) by a query that
// names "table.column" of a table it does not join: the database would
// refuse it with a message about an unknown table or a missing FROM
// entry, far from the condition that caused it.
var ErrMissingJoin = errors.New("rx: a table.column names a table the query does not join")

// checkJoins refuses a query whose "table.column" names refer to a table
// that none of its Join clauses mentions. The Join clauses are the
// programmer's SQL: a table counts as joined when its name appears in one
// as an identifier, quoted or not.
func (s *SelectQuery[T]) checkJoins(db *DB) error {
	for _, t := range s.others {
		if !joinsTable(s.joins, t.Name) {
			q := db.dialect.Quote
			return fmt.Errorf("rx: Select[%s] names a column of table %s, which the query does not join: add "+
				".Join(`JOIN %s ON ...`) (or leave out the table name for a column of %s): %w",
				s.t.Model(), q(t.Name), q(t.Name), s.t.Model(), ErrMissingJoin)
		}
	}
	return nil
}

// joinsTable reports whether one of joins holds name as an identifier.
func joinsTable(joins []Sqlizer, name string) bool {
	for _, j := range joins {
		text, _, err := j.ToSql()
		if err != nil {
			continue
		}
		words := strings.FieldsFunc(text, func(r rune) bool {
			return !(r == '_' || r == '$' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f)
		})
		for _, w := range words {
			if strings.EqualFold(w, name) {
				return true
			}
		}
	}
	return false
}
