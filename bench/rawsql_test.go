package bench

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"

	"github.com/rxgo/rxdb/dialect"
)

// rawSQL is the hand-written SQL of the floor, rendered once per database
// with the dialect's quoting and placeholders (so no branching here), and
// also used by sqlx.
type rawSQL struct {
	returning bool // INSERT ... RETURNING id, else LastInsertId
	// oneByID: a single-row insert reads its key from LastInsertId even
	// where batches need RETURNING (SQLite), as hand-written code would.
	oneByID                   bool
	insertOne, insertOneNamed string // the single-row INSERT for oneByID
	rebind                    func(string) string

	insert, update, get, slice, page, del, trim string
	insertNamed, updateNamed                    string // sqlx :name form

	multiHead, ret string

	mu    sync.Mutex
	multi map[int]string // n rows -> INSERT
}

const insertCols = 7 // name, title, fax, web, age, right, counter

func newRawSQL(d dialect.Dialect) *rawSQL {
	q := d.Quote
	rebind := func(s string) string {
		out, err := d.Placeholder().ReplacePlaceholders(s)
		if err != nil {
			panic(err)
		}
		return out
	}
	names := []string{"name", "title", "fax", "web", "age", "right", "counter"}
	cols := make([]string, len(names))
	sets := make([]string, len(names))
	named := make([]string, len(names))
	namedSets := make([]string, len(names))
	for i, n := range names {
		cols[i] = q(n)
		sets[i] = q(n) + " = ?"
		named[i] = ":" + n
		namedSets[i] = q(n) + " = :" + n
	}
	all := q("id") + ", " + strings.Join(cols, ", ")
	tbl := q("models")
	r := &rawSQL{returning: d.Returning(), rebind: rebind, multi: map[int]string{}}
	ret := ""
	if r.returning {
		ret = " RETURNING " + q("id")
	}
	head := "INSERT INTO " + tbl + " (" + strings.Join(cols, ", ") + ") VALUES "
	r.insert = rebind(head + "(?, ?, ?, ?, ?, ?, ?)" + ret)
	r.insertNamed = head + "(" + strings.Join(named, ", ") + ")" + ret
	_, r.oneByID = d.(dialect.OneRowLastInsertID)
	r.insertOne = rebind(head + "(?, ?, ?, ?, ?, ?, ?)")
	r.insertOneNamed = head + "(" + strings.Join(named, ", ") + ")"
	r.update = rebind("UPDATE " + tbl + " SET " + strings.Join(sets, ", ") + " WHERE " + q("id") + " = ?")
	r.updateNamed = "UPDATE " + tbl + " SET " + strings.Join(namedSets, ", ") + " WHERE " + q("id") + " = :id"
	sel := "SELECT " + all + " FROM " + tbl
	r.get = rebind(sel + " WHERE " + q("id") + " = ?")
	r.slice = rebind(sel + " WHERE " + q("id") + " > ? LIMIT 100")
	r.page = rebind(sel + " ORDER BY " + q("id") + " LIMIT 10 OFFSET ?")
	r.del = rebind("DELETE FROM " + tbl + " WHERE " + q("id") + " = ?")
	r.trim = rebind("DELETE FROM " + tbl + " WHERE " + q("id") + " > ?")
	r.multiHead, r.ret = head, ret
	return r
}

// multiSQL is the n-row INSERT, built once per size as a hand-written
// program would keep it in a variable.
func (r *rawSQL) multiSQL(n int) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if s, ok := r.multi[n]; ok {
		return s
	}
	var b strings.Builder
	b.WriteString(r.multiHead)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?)")
	}
	b.WriteString(r.ret)
	s := r.rebind(b.String())
	r.multi[n] = s
	return s
}

// conn is what *sql.DB and *sql.Tx share.
type conn interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// insertMulti writes rows in one statement and sets their keys.
func (r *rawSQL) insertMulti(ctx context.Context, c conn, rows []Model) error {
	args := make([]any, 0, len(rows)*insertCols)
	for i := range rows {
		m := &rows[i]
		args = append(args, m.Name, m.Title, m.Fax, m.Web, m.Age, m.Right, m.Counter)
	}
	query := r.multiSQL(len(rows))
	if !r.returning {
		res, err := c.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		first, err := res.LastInsertId()
		if err != nil {
			return err
		}
		for i := range rows {
			rows[i].ID = first + int64(i)
		}
		return nil
	}
	rs, err := c.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	i := 0
	for rs.Next() {
		if i == len(rows) {
			return fmt.Errorf("more keys than rows")
		}
		if err := rs.Scan(&rows[i].ID); err != nil {
			return err
		}
		i++
	}
	if err := rs.Err(); err != nil {
		return err
	}
	if i != len(rows) {
		return fmt.Errorf("got %d keys for %d rows", i, len(rows))
	}
	return rs.Close()
}
