package pgmigrate

import (
	"context"
	"slices"
	"strings"

	"github.com/rxgo/rxdb/rx"
)

// userTypesQuery lists the enums and domains of the current schema, in
// creation order (a domain over an enum comes after it), each with the
// body of its CREATE TYPE/DOMAIN as the catalog has it.
const userTypesQuery = `SELECT t.typname, t.typtype,
	CASE t.typtype
	WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)
	ELSE format_type(t.typbasetype, t.typtypmod)
		|| CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
		|| COALESCE(' DEFAULT ' || t.typdefault, '')
		|| COALESCE((SELECT ' ' || string_agg('CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid), ' ' ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid), '')
	END
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE n.nspname = current_schema() AND t.typtype IN ('e', 'd')
ORDER BY t.oid`

// TypeDefinitions implements migrate.TypeDefiner: the enums and domains
// of the current schema that names use (as format_type writes them, an
// array of one as name[]).
func (Driver) TypeDefinitions(ctx context.Context, db *rx.DB, names []string) (create, drop []string, err error) {
	used := map[string]bool{}
	for _, n := range names {
		used[strings.Trim(strings.TrimSuffix(strings.TrimSpace(n), "[]"), `"`)] = true
	}
	rows, err := db.SQL().QueryContext(ctx, userTypesQuery)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	q := db.Dialect().Quote
	for rows.Next() {
		var name, kind, body string
		if err := rows.Scan(&name, &kind, &body); err != nil {
			return nil, nil, err
		}
		if !used[name] {
			continue
		}
		if kind == "e" {
			create = append(create, "CREATE TYPE "+q(name)+" AS ENUM ("+body+")")
			drop = append(drop, "DROP TYPE "+q(name))
			continue
		}
		create = append(create, "CREATE DOMAIN "+q(name)+" AS "+body)
		drop = append(drop, "DROP DOMAIN "+q(name))
	}
	slices.Reverse(drop)
	return create, drop, rows.Err()
}
