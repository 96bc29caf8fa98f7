package bench

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/uptrace/bun"
	"gorm.io/gorm"

	"github.com/rxgo/rxdb/rx"
)

// lib is one library doing each scenario the way its documentation
// shows. Every method checks what the database reports (rows affected),
// so a call that silently does nothing fails.
type lib interface {
	insert(ctx context.Context, m *Model) error
	insertMulti(ctx context.Context, ms []Model) error
	update(ctx context.Context, m *Model) error
	read(ctx context.Context, id int64) (*Model, error)
	readSlice(ctx context.Context) ([]Model, error)
	findPage(ctx context.Context, offset int) ([]Model, error)
	delete(ctx context.Context, m *Model) error
}

type namedLib struct {
	name string
	lib  lib
}

// libs lists the libraries in report order; raw is the floor.
func (e *env) libs() []namedLib {
	libs := []namedLib{
		{"raw", rawLib{e.raw, e.sql}},
		{"sqlx", sqlxLib{e.sqlx, e.sql}},
		{"gorm", gormLib{e.gorm}},
		{"bun", bunLib{e.bun}},
	}
	if e.pgx != nil {
		libs = append(libs, namedLib{"pgx", pgxLib{e.pgx, e.sql}})
	}
	return append(libs, namedLib{"rx", rxLib{e.rx}}, namedLib{"rx-session", rxSessionLib{e.rx}})
}

func affected(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return fmt.Errorf("%d rows affected, want 1", n)
	}
	return nil
}

// rawLib is database/sql with hand-written SQL and Scan: the floor.
type rawLib struct {
	db *sql.DB
	q  *rawSQL
}

func (l rawLib) insert(ctx context.Context, m *Model) error {
	query := l.q.insert
	if l.q.oneByID {
		query = l.q.insertOne
	} else if l.q.returning {
		return l.db.QueryRowContext(ctx, query, m.Name, m.Title, m.Fax, m.Web, m.Age, m.Right, m.Counter).Scan(&m.ID)
	}
	res, err := l.db.ExecContext(ctx, query, m.Name, m.Title, m.Fax, m.Web, m.Age, m.Right, m.Counter)
	if err != nil {
		return err
	}
	m.ID, err = res.LastInsertId()
	return err
}

func (l rawLib) insertMulti(ctx context.Context, ms []Model) error {
	return l.q.insertMulti(ctx, l.db, ms)
}

func (l rawLib) update(ctx context.Context, m *Model) error {
	return affected(l.db.ExecContext(ctx, l.q.update, m.Name, m.Title, m.Fax, m.Web, m.Age, m.Right, m.Counter, m.ID))
}

func (l rawLib) read(ctx context.Context, id int64) (*Model, error) {
	m := new(Model)
	err := l.db.QueryRowContext(ctx, l.q.get, id).Scan(&m.ID, &m.Name, &m.Title, &m.Fax, &m.Web, &m.Age, &m.Right, &m.Counter)
	return m, err
}

func (l rawLib) scanAll(rows *sql.Rows, err error, capHint int) ([]Model, error) {
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

func (l rawLib) readSlice(ctx context.Context) ([]Model, error) {
	rows, err := l.db.QueryContext(ctx, l.q.slice, 0)
	return l.scanAll(rows, err, 100)
}

func (l rawLib) findPage(ctx context.Context, offset int) ([]Model, error) {
	rows, err := l.db.QueryContext(ctx, l.q.page, offset)
	return l.scanAll(rows, err, 10)
}

func (l rawLib) delete(ctx context.Context, m *Model) error {
	return affected(l.db.ExecContext(ctx, l.q.del, m.ID))
}

// sqlxLib uses sqlx's named statements for writes and Get/Select for reads.
type sqlxLib struct {
	db *sqlx.DB
	q  *rawSQL
}

func (l sqlxLib) insert(ctx context.Context, m *Model) error {
	if !l.q.returning || l.q.oneByID {
		query := l.q.insertNamed
		if l.q.oneByID {
			query = l.q.insertOneNamed
		}
		res, err := l.db.NamedExecContext(ctx, query, m)
		if err != nil {
			return err
		}
		m.ID, err = res.LastInsertId()
		return err
	}
	rows, err := l.db.NamedQueryContext(ctx, l.q.insertNamed, m)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		return fmt.Errorf("no key returned: %v", rows.Err())
	}
	return rows.Scan(&m.ID)
}

func (l sqlxLib) insertMulti(ctx context.Context, ms []Model) error {
	if !l.q.returning {
		res, err := l.db.NamedExecContext(ctx, l.q.insertNamed, ms)
		if err != nil {
			return err
		}
		first, err := res.LastInsertId()
		for i := range ms {
			ms[i].ID = first + int64(i)
		}
		return err
	}
	rows, err := l.db.NamedQueryContext(ctx, l.q.insertNamed, ms)
	if err != nil {
		return err
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		if err := rows.Scan(&ms[i].ID); err != nil {
			return err
		}
		i++
	}
	return rows.Err()
}

func (l sqlxLib) update(ctx context.Context, m *Model) error {
	return affected(l.db.NamedExecContext(ctx, l.q.updateNamed, m))
}

func (l sqlxLib) read(ctx context.Context, id int64) (*Model, error) {
	m := new(Model)
	return m, l.db.GetContext(ctx, m, l.q.get, id)
}

func (l sqlxLib) readSlice(ctx context.Context) ([]Model, error) {
	var ms []Model
	return ms, l.db.SelectContext(ctx, &ms, l.q.slice, 0)
}

func (l sqlxLib) findPage(ctx context.Context, offset int) ([]Model, error) {
	var ms []Model
	return ms, l.db.SelectContext(ctx, &ms, l.q.page, offset)
}

func (l sqlxLib) delete(ctx context.Context, m *Model) error {
	return affected(l.db.ExecContext(ctx, l.q.del, m.ID))
}

// gormLib uses GORM's documented calls.
type gormLib struct{ db *gorm.DB }

func gormOne(tx *gorm.DB) error {
	if tx.Error != nil {
		return tx.Error
	}
	if tx.RowsAffected != 1 {
		return fmt.Errorf("%d rows affected, want 1", tx.RowsAffected)
	}
	return nil
}

func (l gormLib) insert(ctx context.Context, m *Model) error {
	return gormOne(l.db.WithContext(ctx).Create(m))
}

func (l gormLib) insertMulti(ctx context.Context, ms []Model) error {
	return l.db.WithContext(ctx).Create(&ms).Error
}

func (l gormLib) update(ctx context.Context, m *Model) error {
	return gormOne(l.db.WithContext(ctx).Save(m))
}

func (l gormLib) read(ctx context.Context, id int64) (*Model, error) {
	m := new(Model)
	return m, l.db.WithContext(ctx).First(m, id).Error
}

func (l gormLib) readSlice(ctx context.Context) ([]Model, error) {
	var ms []Model
	return ms, l.db.WithContext(ctx).Where("id > ?", 0).Limit(100).Find(&ms).Error
}

func (l gormLib) findPage(ctx context.Context, offset int) ([]Model, error) {
	var ms []Model
	return ms, l.db.WithContext(ctx).Order("id").Offset(offset).Limit(10).Find(&ms).Error
}

func (l gormLib) delete(ctx context.Context, m *Model) error {
	return gormOne(l.db.WithContext(ctx).Delete(m))
}

// bunLib uses bun's query builders.
type bunLib struct{ db *bun.DB }

func (l bunLib) insert(ctx context.Context, m *Model) error {
	_, err := l.db.NewInsert().Model(m).Exec(ctx)
	return err
}

func (l bunLib) insertMulti(ctx context.Context, ms []Model) error {
	_, err := l.db.NewInsert().Model(&ms).Exec(ctx)
	return err
}

func (l bunLib) update(ctx context.Context, m *Model) error {
	return affected(l.db.NewUpdate().Model(m).WherePK().Exec(ctx))
}

func (l bunLib) read(ctx context.Context, id int64) (*Model, error) {
	m := new(Model)
	return m, l.db.NewSelect().Model(m).Where("id = ?", id).Scan(ctx)
}

func (l bunLib) readSlice(ctx context.Context) ([]Model, error) {
	var ms []Model
	return ms, l.db.NewSelect().Model(&ms).Where("id > ?", 0).Limit(100).Scan(ctx)
}

func (l bunLib) findPage(ctx context.Context, offset int) ([]Model, error) {
	var ms []Model
	return ms, l.db.NewSelect().Model(&ms).Order("id").Offset(int64(offset)).Limit(10).Scan(ctx)
}

func (l bunLib) delete(ctx context.Context, m *Model) error {
	return affected(l.db.NewDelete().Model(m).WherePK().Exec(ctx))
}

// rx on *rx.DB: one statement in autocommit. Update and Delete return
// rx.ErrNotFound when no row matched.
type rxLib struct{ db *rx.DB }

func (l rxLib) insert(ctx context.Context, m *Model) error { return l.db.Insert(ctx, m) }
func (l rxLib) insertMulti(ctx context.Context, ms []Model) error {
	return rxInsertMulti(ctx, l.db, ms)
}
func (l rxLib) update(ctx context.Context, m *Model) error { return l.db.Update(ctx, m) }
func (l rxLib) read(ctx context.Context, id int64) (*Model, error) {
	return rx.Get[Model](ctx, l.db, id)
}
func (l rxLib) readSlice(ctx context.Context) ([]Model, error) { return rxReadSlice(ctx, l.db) }
func (l rxLib) findPage(ctx context.Context, offset int) ([]Model, error) {
	return rxFindPage(ctx, l.db, offset)
}
func (l rxLib) delete(ctx context.Context, m *Model) error { return l.db.Delete(ctx, m) }

func rxInsertMulti(ctx context.Context, q rx.Querier, ms []Model) error {
	ptrs := make([]*Model, len(ms))
	for i := range ms {
		ptrs[i] = &ms[i]
	}
	n, err := rx.Insert(q, ptrs...).Exec(ctx)
	if err == nil && n != int64(len(ms)) {
		err = fmt.Errorf("%d rows inserted, want %d", n, len(ms))
	}
	return err
}

func rxReadSlice(ctx context.Context, q rx.Querier) ([]Model, error) {
	return rx.Select[Model](q).Where(rx.Gt{"id": 0}).Limit(100).All(ctx)
}

func rxFindPage(ctx context.Context, q rx.Querier, offset int) ([]Model, error) {
	return rx.Select[Model](q).OrderBy("id").Offset(offset).Limit(10).All(ctx)
}

// rx inside WithSession: the same calls, each in its own transaction, so
// the BEGIN and COMMIT round trips show.
type rxSessionLib struct{ db *rx.DB }

func (l rxSessionLib) insert(ctx context.Context, m *Model) error {
	return l.db.WithSession(ctx, func(s *rx.Session) error { return s.Insert(ctx, m) })
}

func (l rxSessionLib) insertMulti(ctx context.Context, ms []Model) error {
	return l.db.WithSession(ctx, func(s *rx.Session) error { return rxInsertMulti(ctx, s, ms) })
}

func (l rxSessionLib) update(ctx context.Context, m *Model) error {
	return l.db.WithSession(ctx, func(s *rx.Session) error { return s.Update(ctx, m) })
}

func (l rxSessionLib) read(ctx context.Context, id int64) (m *Model, err error) {
	err = l.db.WithSession(ctx, func(s *rx.Session) error {
		m, err = rx.Get[Model](ctx, s, id)
		return err
	})
	return m, err
}

func (l rxSessionLib) readSlice(ctx context.Context) (ms []Model, err error) {
	err = l.db.WithSession(ctx, func(s *rx.Session) error {
		ms, err = rxReadSlice(ctx, s)
		return err
	})
	return ms, err
}

func (l rxSessionLib) findPage(ctx context.Context, offset int) (ms []Model, err error) {
	err = l.db.WithSession(ctx, func(s *rx.Session) error {
		ms, err = rxFindPage(ctx, s, offset)
		return err
	})
	return ms, err
}

func (l rxSessionLib) delete(ctx context.Context, m *Model) error {
	return l.db.WithSession(ctx, func(s *rx.Session) error { return s.Delete(ctx, m) })
}
