package rx

import (
	"sort"
	"strings"

	sq "github.com/Masterminds/squirrel"
	"github.com/rxgo/rxdb/dialect"
)

// likeEscaper escapes the characters LIKE gives a meaning to.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// EscapeLike returns s with \, % and _ escaped by \, the escape character
// of rx's Like, NotLike, ILike and NotILike on every database, so that user
// input matches itself and only the wildcards the program adds are
// wildcards:
//
//	rx.Like{"name": "%" + rx.EscapeLike(search) + "%"}
func EscapeLike(s string) string {
	if !strings.ContainsAny(s, `\%_`) {
		return s
	}
	return likeEscaper.Replace(s)
}

// like resolves a Like, NotLike, ILike or NotILike. squirrel would render
// ILIKE, which only PostgreSQL has, its keys in map order, and no ESCAPE
// clause, so that \ escapes on MySQL and PostgreSQL and not on SQLite.
func (r resolver) like(m map[string]any, op string, fold, not bool) (Sqlizer, error) {
	if len(m) == 0 {
		return sq.Eq{}, nil
	}
	c := likeCond{cols: make([]string, 0, len(m)), vals: make([]any, 0, len(m))}
	esc := ""
	if e, ok := r.db.dialect.(dialect.LikeEscaper); ok {
		esc = e.LikeEscape()
	}
	for k, v := range m {
		qk, _, err := r.column(k)
		if err != nil {
			return nil, err
		}
		if v == nil || isList(v) {
			return nil, &ColumnError{Model: r.t.Model(), Column: k, Reason: "a LIKE pattern must be one non-NULL value"}
		}
		if fold {
			qk = r.db.dialect.ILike(qk, not)
		} else {
			qk += op
		}
		qk += esc
		c.cols = append(c.cols, qk)
		c.vals = append(c.vals, v)
	}
	sort.Sort(c)
	return c, nil
}

// likeCond holds LIKE terms rendered but for their patterns, ANDed.
type likeCond eqCond

func (c likeCond) Len() int           { return eqCond(c).Len() }
func (c likeCond) Less(i, j int) bool { return eqCond(c).Less(i, j) }
func (c likeCond) Swap(i, j int)      { eqCond(c).Swap(i, j) }

func (c likeCond) ToSql() (string, []any, error) {
	return strings.Join(c.cols, " AND "), c.vals, nil
}
