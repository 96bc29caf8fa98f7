package sqlitemigrate

import (
	"context"
	"database/sql"
	"strings"

	"github.com/rxgo/rxdb/migrate"
)

// binary is SQLite's collation of a column that names none.
const binary = "BINARY"

// createSQL reads the CREATE TABLE text of table from sqlite_master, the
// only place SQLite keeps its columns' collations and its CHECKs; "" when
// there is none.
func createSQL(ctx context.Context, conn *sql.DB, table string) (string, error) {
	var ddl sql.NullString
	err := conn.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&ddl)
	return ddl.String, err
}

// definitions splits the tokens of a CREATE TABLE text into its column
// definitions and table constraints: the comma-separated parts inside
// its outer parentheses.
func definitions(toks []token) [][]token {
	open := -1
	for i, t := range toks {
		if t.punct == '(' {
			open = i
			break
		}
	}
	if open < 0 {
		return nil
	}
	var out [][]token
	start, depth, end := open+1, 0, matching(toks, open)
	for i := open + 1; i < end; i++ {
		switch toks[i].punct {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, toks[start:i])
				start = i + 1
			}
		}
	}
	return append(out, toks[start:end])
}

// name is the identifier t as written (case kept), without its quotes.
func name(ddl string, t token) string {
	if !t.quoted {
		return ddl[t.start:t.end]
	}
	q := ddl[t.end-1]
	return strings.ReplaceAll(ddl[t.start+1:t.end-1], string([]byte{q, q}), string(q))
}

// collations sets the COLLATE of each column of t from ddl, its CREATE
// TABLE text, and t's own collation (BINARY).
func collations(t *migrate.Table, ddl string) {
	t.Collation = binary
	for _, def := range definitions(tokens(ddl)) {
		if len(def) == 0 || def[0].ident == "" {
			continue
		}
		c := t.Column(name(ddl, def[0]))
		depth := 0 // a COLLATE inside a CHECK or DEFAULT (...) is the expression's
		for i := 1; c != nil && i+1 < len(def); i++ {
			switch {
			case def[i].punct == '(':
				depth++
			case def[i].punct == ')':
				depth--
			case depth == 0 && def[i].ident == "collate" && !def[i].quoted && def[i+1].ident != "":
				c.Collate = name(ddl, def[i+1])
			}
		}
	}
}

// parseChecks finds each CHECK (...) of a CREATE TABLE text, at column or
// table level: with its CONSTRAINT name, or "" when written without one,
// and its expression as written.
func parseChecks(ddl string) []*migrate.Check {
	var out []*migrate.Check
	for _, def := range definitions(tokens(ddl)) {
		depth := 0
		for i := 0; i+1 < len(def); i++ {
			switch {
			case def[i].punct == '(':
				depth++
			case def[i].punct == ')':
				depth--
			case depth == 0 && def[i].ident == "check" && !def[i].quoted && def[i+1].punct == '(':
				end := matching(def, i+1)
				ck := &migrate.Check{Expr: strings.TrimSpace(ddl[def[i+1].end:def[end].start])}
				if i >= 2 && def[i-2].ident == "constraint" && !def[i-2].quoted {
					ck.Name = name(ddl, def[i-1])
				}
				out = append(out, ck)
				i = end
			}
		}
	}
	return out
}
