package migrate

import (
	"context"
	"strings"

	"github.com/rxgo/rxdb/rx"
)

// TypeDefiner is an optional interface of a Driver whose databases have
// column types of their own (PostgreSQL's enums and domains): db init
// writes their definitions before the tables that use them, so that its
// first migration builds an empty database, and the folder replays, as
// the database it was written from.
type TypeDefiner interface {
	// TypeDefinitions returns, for the user-defined types among names
	// (column types as the schema writes them), the statements that
	// create them and those that drop them, in order.
	TypeDefinitions(ctx context.Context, db *rx.DB, names []string) (create, drop []string, err error)
}

// withTypes adds to mig, the first migration, the definitions of the
// database's own types that s's columns use: created first in the up
// file, dropped last in the down file.
func withTypes(ctx context.Context, c *conn, s *Schema, mig *Migration) error {
	td, ok := baseDriver(c.drv).(TypeDefiner)
	if !ok {
		return nil
	}
	var names []string
	for _, t := range s.Tables {
		for _, col := range t.Columns {
			names = append(names, col.Type)
		}
	}
	create, drop, err := td.TypeDefinitions(ctx, c.db, names)
	if err != nil || len(create) == 0 {
		return err
	}
	var b strings.Builder
	b.WriteString("-- the database's own types that the tables use\n")
	writeStmts(&b, create)
	mig.Up = afterHeader(mig.Up, b.String())
	b.Reset()
	b.WriteString("-- the database's own types that the tables used\n")
	writeStmts(&b, drop)
	mig.Down += b.String()
	return nil
}

// afterHeader inserts text into a migration file's text after its
// header, which ends at the first blank line.
func afterHeader(file, text string) string {
	i := strings.Index(file, "\n\n")
	if i < 0 {
		return text + file
	}
	return file[:i+2] + text + file[i+2:]
}
