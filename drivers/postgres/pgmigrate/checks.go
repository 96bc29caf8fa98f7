package pgmigrate

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rxgo/rxdb/migrate"
)

// checksQuery lists the CHECK constraints of the current schema's tables
// as PostgreSQL prints them back ("CHECK ((year > 1800))"); NOT NULL
// constraints (PostgreSQL 18 lists them as contype 'n') are columns'.
const checksQuery = `SELECT t.relname, c.conname, pg_get_constraintdef(c.oid)
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE c.contype = 'c' AND n.nspname = current_schema() AND t.relkind IN ('r', 'p')
ORDER BY t.relname, c.conname`

func checks(ctx context.Context, conn *sql.DB, byName map[string]*migrate.Table) error {
	rows, err := conn.QueryContext(ctx, checksQuery)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var table, def string
		ck := &migrate.Check{}
		if err := rows.Scan(&table, &ck.Name, &def); err != nil {
			return err
		}
		if t := byName[table]; t != nil {
			ck.Expr = checkExpr(def)
			t.Checks = append(t.Checks, ck)
		}
	}
	return rows.Err()
}

// checkExpr is the expression of a constraint definition "CHECK ((e))"
// or "CHECK ((e)) NOT VALID": e without the parentheses that wrap it
// whole, which ADD CONSTRAINT ... CHECK (e) re-creates.
func checkExpr(def string) string {
	e := strings.TrimSuffix(strings.TrimSpace(def), " NOT VALID")
	e = strings.TrimSpace(strings.TrimPrefix(e, "CHECK"))
	for wrapped(e) {
		e = strings.TrimSpace(e[1 : len(e)-1])
	}
	return e
}

// wrapped reports whether e is one parenthesized expression: its first
// parenthesis closes at its end.
func wrapped(e string) bool {
	if !strings.HasPrefix(e, "(") || !strings.HasSuffix(e, ")") {
		return false
	}
	depth, quoted := 0, false
	for i := 0; i < len(e); i++ {
		switch {
		case e[i] == '\'':
			quoted = !quoted
		case quoted:
		case e[i] == '(':
			depth++
		case e[i] == ')':
			if depth--; depth == 0 {
				return i == len(e)-1
			}
		}
	}
	return false
}
