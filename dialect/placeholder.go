package dialect

import (
	"strconv"
	"strings"

	sq "github.com/Masterminds/squirrel"
	"github.com/rxgo/rxdb/internal/sqltext"
)

// Dollar is squirrel's Dollar placeholder format ($1, $2, … for each ?,
// and ?? for a literal ?) except that a ? inside a string literal, a
// quoted identifier, a dollar-quoted string or a comment is left alone,
// as text. rx renders a whole statement, subqueries included, with ?
// and numbers it once with this, so that a subquery's placeholders
// continue the outer statement's instead of starting again at $1.
var Dollar sq.PlaceholderFormat = dollarFormat{}

type dollarFormat struct{}

// ReplacePlaceholders implements squirrel.PlaceholderFormat.
func (dollarFormat) ReplacePlaceholders(sql string) (string, error) {
	if strings.IndexByte(sql, '?') < 0 {
		return sql, nil
	}
	var b strings.Builder
	b.Grow(len(sql) + 16)
	var num [20]byte
	n, last := 0, 0
	for i := 0; i < len(sql); {
		k := strings.IndexAny(sql[i:], sqltext.Special)
		if k < 0 {
			break
		}
		i += k
		if j := sqltext.Skip(sql, i); j > i {
			i = j
			continue
		}
		if sql[i] != '?' {
			i++
			continue
		}
		b.WriteString(sql[last:i])
		if i+1 < len(sql) && sql[i+1] == '?' {
			b.WriteByte('?') // ?? is a literal ?, as in squirrel: jsonb's ?, ?| and ?& are written ??, ??| and ??&
			i += 2
		} else {
			n++
			b.WriteByte('$')
			b.Write(strconv.AppendInt(num[:0], int64(n), 10))
			i++
		}
		last = i
	}
	b.WriteString(sql[last:])
	return b.String(), nil
}

// debugPlaceholder lets squirrel's DebugSqlizer read $n placeholders.
func (dollarFormat) debugPlaceholder() string { return "$" }
