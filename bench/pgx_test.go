package bench

import (
	"context"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pgxLib is pgx's native interface on a pgxpool, with the floor's
// hand-written SQL, the way pgx's documentation shows: QueryRow/Scan,
// Exec and its CommandTag, Query with a Scan loop. PostgreSQL only.
type pgxLib struct {
	pool *pgxpool.Pool
	q    *rawSQL
}

// openPgx opens a pgxpool on the database rawURL names (a postgresql://
// URL whose extra parameters, such as search_path, pgx passes on as
// run-time parameters).
func openPgx(ctx context.Context, rawURL string) (*pgxpool.Pool, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	u.Scheme = "postgres"
	pool, err := pgxpool.New(ctx, u.String())
	if err != nil {
		return nil, err
	}
	return pool, pool.Ping(ctx)
}

func (l pgxLib) insert(ctx context.Context, m *Model) error {
	return l.pool.QueryRow(ctx, l.q.insert, m.Name, m.Title, m.Fax, m.Web, m.Age, m.Right, m.Counter).Scan(&m.ID)
}

func (l pgxLib) insertMulti(ctx context.Context, ms []Model) error {
	args := make([]any, 0, len(ms)*insertCols)
	for i := range ms {
		m := &ms[i]
		args = append(args, m.Name, m.Title, m.Fax, m.Web, m.Age, m.Right, m.Counter)
	}
	rows, err := l.pool.Query(ctx, l.q.multiSQL(len(ms)), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		if i == len(ms) {
			return fmt.Errorf("more keys than rows")
		}
		if err := rows.Scan(&ms[i].ID); err != nil {
			return err
		}
		i++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if i != len(ms) {
		return fmt.Errorf("got %d keys for %d rows", i, len(ms))
	}
	return nil
}

func pgxAffected(tag interface{ RowsAffected() int64 }, err error) error {
	if err != nil {
		return err
	}
	if n := tag.RowsAffected(); n != 1 {
		return fmt.Errorf("%d rows affected, want 1", n)
	}
	return nil
}

func (l pgxLib) update(ctx context.Context, m *Model) error {
	return pgxAffected(l.pool.Exec(ctx, l.q.update, m.Name, m.Title, m.Fax, m.Web, m.Age, m.Right, m.Counter, m.ID))
}

func (l pgxLib) read(ctx context.Context, id int64) (*Model, error) {
	m := new(Model)
	err := l.pool.QueryRow(ctx, l.q.get, id).Scan(&m.ID, &m.Name, &m.Title, &m.Fax, &m.Web, &m.Age, &m.Right, &m.Counter)
	return m, err
}

func (l pgxLib) scanAll(rows pgx.Rows, err error, capHint int) ([]Model, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ms := make([]Model, 0, capHint)
	for rows.Next() {
		var m Model
		if err := rows.Scan(&m.ID, &m.Name, &m.Title, &m.Fax, &m.Web, &m.Age, &m.Right, &m.Counter); err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	return ms, rows.Err()
}

func (l pgxLib) readSlice(ctx context.Context) ([]Model, error) {
	rows, err := l.pool.Query(ctx, l.q.slice, 0)
	return l.scanAll(rows, err, 100)
}

func (l pgxLib) findPage(ctx context.Context, offset int) ([]Model, error) {
	rows, err := l.pool.Query(ctx, l.q.page, offset)
	return l.scanAll(rows, err, 10)
}

func (l pgxLib) delete(ctx context.Context, m *Model) error {
	return pgxAffected(l.pool.Exec(ctx, l.q.del, m.ID))
}
