package bench

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	gomysql "github.com/go-sql-driver/mysql"
	"github.com/rxgo/rxdb/drivers/mysql"
)

// BenchmarkMySQLDeferredBegin measures on MariaDB the one way its
// protocol leaves to send BEGIN with a transaction's first statement
// (go-sql-driver has no pipelining): one multi-statement text query,
// "START TRANSACTION; SELECT ...", which needs multiStatements=true (and
// interpolateParams=true, which rx's pools set already: a prepared
// statement holds one statement). way=separate is what rx does: BEGIN,
// the SELECT, COMMIT, each its own round trip. Both on a pool made as
// rx makes its own (drivers/mysql.Config).
func BenchmarkMySQLDeferredBegin(b *testing.B) {
	e := getEnv(b, "mysql")
	for _, way := range []string{"separate", "multi"} {
		b.Run("way="+way, func(b *testing.B) {
			p, u := proxied(b, e)
			cfg, err := mysql.Config(u)
			if err != nil {
				b.Fatal(err)
			}
			cfg.MultiStatements = way == "multi" // rx's pools interpolate already
			conn, err := gomysql.NewConnector(cfg)
			if err != nil {
				b.Fatal(err)
			}
			db := sql.OpenDB(conn)
			db.SetMaxOpenConns(1)
			b.Cleanup(func() { db.Close() })
			f := mysqlTxGet(db, e.sql.get, way == "multi")
			benchTurns(b, p, func(i int) error { return f(int64(i%seedRows) + 1) })
		})
	}
}

// mysqlTxGet is a transaction with one Get, its BEGIN sent on its own or
// in front of the SELECT.
func mysqlTxGet(db *sql.DB, get string, multi bool) func(id int64) error {
	ctx := context.Background()
	return func(id int64) error {
		c, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		defer c.Close()
		query := get
		if multi {
			query = "START TRANSACTION; " + get
		} else if _, err := c.ExecContext(ctx, "START TRANSACTION"); err != nil {
			return err
		}
		rows, err := c.QueryContext(ctx, query, id)
		if err != nil {
			return err
		}
		var m Model
		for rows.Next() {
			if err := rows.Scan(&m.ID, &m.Name, &m.Title, &m.Fax, &m.Web, &m.Age, &m.Right, &m.Counter); err != nil {
				rows.Close()
				return err
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if m.ID != id { // go-sql-driver passes over START TRANSACTION's result, which has no columns
			return fmt.Errorf("read row %d, want %d", m.ID, id)
		}
		_, err = c.ExecContext(ctx, "COMMIT")
		return err
	}
}
