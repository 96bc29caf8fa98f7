package rx

import (
	"errors"
	"fmt"
	"strings"

	"github.com/rxgo/rxdb/schema"
)

// A model often maps fewer columns than its table has (a list view), and
// rx.Scan reads rows into another struct that has the others. Columns
// then names a column that no model of the table has: rx cannot check it
// against a model, so it checks it against the struct Scan reads into,
// before any SQL is sent. All, First, One and Iter refuse it (T has no
// field for it).

// scanOnlyColumn accepts name, a column of the query's own table that no
// model of it has (err says so), for Scan to check; any other error, and
// a name that is no plain identifier, stays refused.
func (s *SelectQuery[T]) scanOnlyColumn(r resolver, name string, err error) (string, error) {
	tname, cname, qualified := strings.Cut(name, ".")
	if !qualified {
		cname, tname = name, s.t.Name
	}
	var ce *ColumnError
	if tname != s.t.Name || !schema.ValidIdent(cname) || !errors.As(err, &ce) {
		return "", err
	}
	s.scanOnly = append(s.scanOnly, cname)
	q := r.db.dialect.Quote
	return q(s.t.Name) + "." + q(cname), nil
}

// checkScanOnly refuses the query when rt, the struct Scan reads into,
// lacks a field for a column no model of the table has.
func (s *SelectQuery[T]) checkScanOnly(rt *schema.Table) error {
	for _, name := range s.scanOnly {
		if rt.Column(name) == nil {
			return &ColumnError{Model: s.t.Model(), Column: name, Reason: fmt.Sprintf(
				"no such column (columns: %s), and %s, which the rows scan into, has no field for it either", sortedColumnNames(schema.Definition(s.t)), rt.GoType)}
		}
	}
	return nil
}

// scanOnlyRefused is the error of ToSQL and Builder for a query with a
// column no model has: they have no struct to check it against.
func (s *SelectQuery[T]) scanOnlyRefused() error {
	if len(s.scanOnly) == 0 {
		return nil
	}
	return &ColumnError{Model: s.t.Model(), Column: s.scanOnly[0], Reason: "no such column (columns: " + sortedColumnNames(schema.Definition(s.t)) +
		"); a column no model of the table has is read only by rx.Scan, into a struct with a field for it"}
}
