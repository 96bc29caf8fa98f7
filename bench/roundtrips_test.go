package bench

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// BenchmarkRoundTrips is issue 25's table: the round trips (roundtrips/op,
// counted by a TCP proxy) and time of an autocommit Get and of
// transactions around Gets and an Update, for rx next to its peers
// written by hand: a database/sql transaction (lib=raw) and, on
// PostgreSQL, a pgx transaction on a pgxpool (lib=pgx). Each library has
// one connection through the proxy, so every round trip is counted.
func BenchmarkRoundTrips(b *testing.B) {
	for _, name := range []string{"mysql", "postgres"} {
		b.Run("db="+name, func(b *testing.B) {
			e := getEnv(b, name)
			libs := rtLibs(b, e)
			for _, op := range rtOps {
				for _, l := range libs {
					if op == "with-two-relations" && l.name != "rx" {
						continue // rx's eager loading alone
					}
					b.Run("op="+op+"/lib="+l.name, func(b *testing.B) {
						benchTurns(b, l.proxy, func(i int) error { return l.run(op, int64(i%seedRows)+1) })
					})
				}
			}
		})
	}
}

// The operations, in the order.
var rtOps = []string{"get", "tx-get", "tx-readonly-get", "tx-get-update-get", "with-two-relations"}

// rtLib runs the operations of rtOps one library's way.
type rtLib struct {
	name  string
	proxy *rxtest.Turns
	run   func(op string, id int64) error
}

// benchTurns runs f b.N times after one warm-up run (which lets pgx
// describe the statements once per connection) and reports the proxy's
// round trips per run.
func benchTurns(b *testing.B, p *rxtest.Turns, f func(i int) error) {
	if err := f(0); err != nil {
		b.Fatal(err)
	}
	start := p.N()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := f(i); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(p.N()-start)/float64(b.N), "roundtrips/op")
}

// proxied returns e's URL pointed at a new counting proxy.
func proxied(b *testing.B, e *env) (*rxtest.Turns, *url.URL) {
	p, raw := rxtest.CountTurns(b, e.url)
	u, err := url.Parse(raw)
	if err != nil {
		b.Fatal(err)
	}
	return p, u
}

func rtLibs(b *testing.B, e *env) []rtLib {
	ctx := context.Background()
	libs := []rtLib{rtRx(b, e), rtRaw(b, e)}
	if e.dialect == "postgres" {
		p, u := proxied(b, e)
		v := u.Query()
		v.Set("pool_max_conns", "1")
		u.RawQuery = v.Encode()
		pool, err := openPgx(ctx, u.String())
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(pool.Close)
		libs = append(libs, rtLib{"pgx", p, pgxOps(pool, e.sql)})
	}
	return libs
}

func rtRx(b *testing.B, e *env) rtLib {
	p, u := proxied(b, e)
	db, err := rx.Open(context.Background(), rx.Config{DBURL: u.String(), IgnoreEnv: true, MaxOpenConns: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	ctx := context.Background()
	rtSeed(b, db)
	get := func(q rx.Querier, id int64) (*Model, error) { return rx.Get[Model](ctx, q, id) }
	return rtLib{"rx", p, func(op string, id int64) error {
		switch op {
		case "with-two-relations":
			_, err := rx.Select[RTAuthor](db).With("Books", "Notes").All(ctx)
			return err
		case "get":
			_, err := get(db, id)
			return err
		case "tx-get", "tx-readonly-get":
			var opts []rx.SessionOption
			if op == "tx-readonly-get" {
				opts = append(opts, rx.ReadOnly())
			}
			return db.WithSession(ctx, func(s *rx.Session) error { _, err := get(s, id); return err }, opts...)
		}
		return db.WithSession(ctx, func(s *rx.Session) error {
			m, err := get(s, id)
			if err != nil {
				return err
			}
			if err := s.Update(ctx, m); err != nil {
				return err
			}
			_, err = get(s, id)
			return err
		})
	}}
}

func rtRaw(b *testing.B, e *env) rtLib {
	p, u := proxied(b, e)
	_, d, err := dialect.ParseURL(u.String())
	if err != nil {
		b.Fatal(err)
	}
	conn, err := d.Connector(u)
	if err != nil {
		b.Fatal(err)
	}
	db := sql.OpenDB(conn)
	db.SetMaxOpenConns(1)
	b.Cleanup(func() { db.Close() })
	return rtLib{"raw", p, rawOps(db, e.sql)}
}

// rawOps are the operations as hand-written database/sql code.
func rawOps(db *sql.DB, q *rawSQL) func(op string, id int64) error {
	ctx := context.Background()
	get := func(qr interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}, id int64) (*Model, error) {
		m := new(Model)
		err := qr.QueryRowContext(ctx, q.get, id).Scan(&m.ID, &m.Name, &m.Title, &m.Fax, &m.Web, &m.Age, &m.Right, &m.Counter)
		return m, err
	}
	return func(op string, id int64) error {
		if op == "get" {
			_, err := get(db, id)
			return err
		}
		tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: op == "tx-readonly-get"})
		if err != nil {
			return err
		}
		defer tx.Rollback()
		m, err := get(tx, id)
		if err != nil {
			return err
		}
		if op == "tx-get-update-get" {
			if _, err := tx.ExecContext(ctx, q.update, m.Name, m.Title, m.Fax, m.Web, m.Age, m.Right, m.Counter, m.ID); err != nil {
				return err
			}
			if _, err := get(tx, id); err != nil {
				return err
			}
		}
		return tx.Commit()
	}
}

// pgxOps are the operations as hand-written pgx code, with pgx's
// transactions (BeginTx, then Commit).
func pgxOps(pool *pgxpool.Pool, q *rawSQL) func(op string, id int64) error {
	ctx := context.Background()
	get := func(qr interface {
		QueryRow(context.Context, string, ...any) pgx.Row
	}, id int64) (*Model, error) {
		m := new(Model)
		err := qr.QueryRow(ctx, q.get, id).Scan(&m.ID, &m.Name, &m.Title, &m.Fax, &m.Web, &m.Age, &m.Right, &m.Counter)
		return m, err
	}
	return func(op string, id int64) error {
		if op == "get" {
			_, err := get(pool, id)
			return err
		}
		opts := pgx.TxOptions{}
		if op == "tx-readonly-get" {
			opts.AccessMode = pgx.ReadOnly
		}
		tx, err := pool.BeginTx(ctx, opts)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		m, err := get(tx, id)
		if err != nil {
			return err
		}
		if op == "tx-get-update-get" {
			if _, err := tx.Exec(ctx, q.update, m.Name, m.Title, m.Fax, m.Web, m.Age, m.Right, m.Counter, m.ID); err != nil {
				return err
			}
			if _, err := get(tx, id); err != nil {
				return err
			}
		}
		return tx.Commit(ctx)
	}
}

// RTAuthor has two relations of one level, for With("Books", "Notes"):
// 10 authors with 3 books and 2 notes each.
type RTAuthor struct {
	ID    int64 `rx:"pk,autoincrement"`
	Name  string
	Books []RTBook
	Notes []RTNote
}

func (RTAuthor) TableName() string { return "rt_author" }

type RTBook struct {
	ID       int64 `rx:"pk,autoincrement"`
	AuthorID int64 `rx:"fk=rt_author.id"`
	Title    string
}

func (RTBook) TableName() string { return "rt_book" }

type RTNote struct {
	ID       int64 `rx:"pk,autoincrement"`
	AuthorID int64 `rx:"fk=rt_author.id"`
	Text     string
}

func (RTNote) TableName() string { return "rt_note" }

// rtSeed makes the authors' tables once per database.
func rtSeed(b *testing.B, db *rx.DB) {
	ctx := context.Background()
	if n, err := rx.Select[RTAuthor](db).Count(ctx); err == nil && n > 0 {
		return
	}
	if err := db.CreateAll(ctx, &RTAuthor{}, &RTBook{}, &RTNote{}); err != nil {
		b.Fatal(err)
	}
	err := db.WithSession(ctx, func(s *rx.Session) error {
		for i := range 10 {
			a := &RTAuthor{Name: fmt.Sprint("author ", i)}
			if err := s.Insert(ctx, a); err != nil {
				return err
			}
			for j := range 3 {
				if err := s.Add(&RTBook{AuthorID: a.ID, Title: fmt.Sprint("book ", j)}); err != nil {
					return err
				}
			}
			for j := range 2 {
				if err := s.Add(&RTNote{AuthorID: a.ID, Text: fmt.Sprint("note ", j)}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
