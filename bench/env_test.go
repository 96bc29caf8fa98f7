package bench

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/mysqldialect"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	"github.com/uptrace/bun/schema"
	gmysql "gorm.io/driver/mysql"
	gpostgres "gorm.io/driver/postgres"
	gsqlite "gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/rxgo/rxdb/dialect"
	_ "github.com/rxgo/rxdb/drivers/mysql"
	_ "github.com/rxgo/rxdb/drivers/postgres"
	_ "github.com/rxgo/rxdb/drivers/sqlite"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// Model is the go-orm-benchmarks model, tagged for every library so that
// all of them read and write the same table "models".
type Model struct {
	ID      int64  `db:"id" rx:"pk,autoincrement" gorm:"primaryKey" bun:"id,pk,autoincrement"`
	Name    string `db:"name" bun:"name"`
	Title   string `db:"title" bun:"title"`
	Fax     string `db:"fax" bun:"fax"`
	Web     string `db:"web" bun:"web"`
	Age     int    `db:"age" bun:"age"`
	Right   bool   `db:"right" bun:"right"`
	Counter int64  `db:"counter" bun:"counter"`
}

// TableName names the table for rx and GORM; bun derives "models" itself.
func (Model) TableName() string { return "models" }

func newModel() Model {
	return Model{Name: "Orm Benchmark", Title: "Just a Benchmark for fun", Fax: "99909990", Web: "http://blog.milkpod29.me", Age: 100, Right: true, Counter: 1000}
}

// Dialects are the databases benchmarked, in report order.
var dialects = []string{"sqlite", "mysql", "postgres"}

// env is one fresh database with a pool per library, every pool made by
// the same rx dialect connector, so every library uses the same driver
// with the same DSN options and pool settings.
type env struct {
	dialect string
	url     string // the database's URL, as rx opens it
	rx      *rx.DB
	raw     *sql.DB
	admin   *sql.DB // seeds, trims and makes scratch rows, so no library's pool does extra work
	sqlx    *sqlx.DB
	gorm    *gorm.DB
	bun     *bun.DB
	sql     *rawSQL
	pgx     *pgxpool.Pool // pgx native, on PostgreSQL only
	seedMax int64         // rows 1..seedMax are the fixture; later ones are removed after each benchmark
}

const seedRows = 1000

var envs sync.Map // dialect -> *envState

type envState struct {
	once sync.Once
	e    *env
	err  error
}

var cleanups struct {
	sync.Mutex
	fns []func()
}

func atExit(fn func()) {
	cleanups.Lock()
	cleanups.fns = append(cleanups.fns, fn)
	cleanups.Unlock()
}

func TestMain(m *testing.M) {
	code := m.Run()
	// go test prints a benchmark's skip only with -v: repeat it here.
	envs.Range(func(k, v any) bool {
		if st := v.(*envState); st.err != nil {
			fmt.Fprintf(os.Stderr, "SKIPPED, NOT MEASURED: %s: %v; set RX_TEST_REQUIRE_SERVERS=1 to fail instead\n", k, st.err)
		}
		return true
	})
	cleanups.Lock()
	for i := len(cleanups.fns) - 1; i >= 0; i-- {
		cleanups.fns[i]()
	}
	cleanups.Unlock()
	os.Exit(code)
}

// getEnv returns the dialect's environment, creating it on first use. An
// unreachable server skips loudly, or fails under RX_TEST_REQUIRE_SERVERS=1.
func getEnv(b *testing.B, dialect string) *env {
	b.Helper()
	v, _ := envs.LoadOrStore(dialect, &envState{})
	st := v.(*envState)
	st.once.Do(func() { st.e, st.err = newEnv(dialect) })
	if st.err != nil {
		if os.Getenv("RX_TEST_REQUIRE_SERVERS") == "1" {
			b.Fatalf("%s: %v (RX_TEST_REQUIRE_SERVERS=1)", dialect, st.err)
		}
		b.Skipf("SKIPPED, NOT MEASURED: %s: %v; set RX_TEST_REQUIRE_SERVERS=1 to fail instead", dialect, st.err)
	}
	return st.e
}

func newEnv(name string) (*env, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// The test harness's database table, shared with every test.
	raw, drop, err := rxtest.Fresh(ctx, name, "rx_bench_")
	if err != nil {
		return nil, err
	}
	atExit(func() { drop() })
	e := &env{dialect: name, url: raw}
	if e.rx, err = rx.Open(ctx, rx.Config{DBURL: raw, IgnoreEnv: true}); err != nil {
		return nil, err
	}
	atExit(func() { e.rx.Close() })
	u, d, err := dialect.ParseURL(raw)
	if err != nil {
		return nil, err
	}
	// One pool per library, from the connector rx itself uses.
	pool := func() (*sql.DB, error) {
		conn, err := d.Connector(u)
		if err != nil {
			return nil, err
		}
		db := sql.OpenDB(conn)
		d.ConfigurePool(db, u)
		atExit(func() { db.Close() })
		return db, db.PingContext(ctx)
	}
	if e.raw, err = pool(); err != nil {
		return nil, err
	}
	if e.admin, err = pool(); err != nil {
		return nil, err
	}
	sx, err := pool()
	if err != nil {
		return nil, err
	}
	e.sqlx = sqlx.NewDb(sx, map[string]string{"sqlite": "sqlite3", "mysql": "mysql", "postgres": "pgx"}[name])
	gdb, err := pool()
	if err != nil {
		return nil, err
	}
	var gd gorm.Dialector
	var bd schema.Dialect
	switch name {
	case "sqlite":
		gd, bd = &gsqlite.Dialector{Conn: gdb}, sqlitedialect.New()
	case "mysql":
		gd, bd = gmysql.New(gmysql.Config{Conn: gdb}), mysqldialect.New()
	case "postgres":
		gd, bd = gpostgres.New(gpostgres.Config{Conn: gdb}), pgdialect.New()
	}
	// GORM's documented performance settings: no implicit transaction
	// around each write, no logging.
	if e.gorm, err = gorm.Open(gd, &gorm.Config{SkipDefaultTransaction: true, Logger: logger.Discard}); err != nil {
		return nil, err
	}
	bdb, err := pool()
	if err != nil {
		return nil, err
	}
	e.bun = bun.NewDB(bdb, bd)
	if name == "postgres" {
		if e.pgx, err = openPgx(ctx, raw); err != nil {
			return nil, err
		}
		atExit(e.pgx.Close)
	}

	if err := e.rx.CreateAll(ctx, &Model{}); err != nil {
		return nil, err
	}
	e.sql = newRawSQL(e.rx.Dialect())
	rows := make([]Model, seedRows)
	for i := range rows {
		rows[i] = newModel()
	}
	if err := e.sql.insertMulti(ctx, e.admin, rows); err != nil {
		return nil, fmt.Errorf("seeding: %w", err)
	}
	e.seedMax = rows[len(rows)-1].ID
	if e.seedMax != seedRows {
		return nil, fmt.Errorf("seeding: last id %d, want %d", e.seedMax, seedRows)
	}
	return e, nil
}

// trim removes the rows a benchmark added, so that every library meets a
// table of the same size.
func (e *env) trim(b *testing.B) {
	b.Helper()
	ctx := context.Background()
	if _, err := e.admin.ExecContext(ctx, e.sql.trim, e.seedMax); err != nil {
		b.Fatal(err)
	}
	// Leave no work behind for the next library: PostgreSQL's dead rows
	// made the library that ran after the most deletes up to 2x slower
	// on InsertMulti, and SQLite's WAL grows until a checkpoint.
	if stmt := settle[e.dialect]; stmt != "" {
		if _, err := e.admin.ExecContext(ctx, stmt); err != nil {
			b.Fatal(err)
		}
	}
}

// settle is the statement that cleans up after trim, per database.
var settle = map[string]string{
	"sqlite":   "PRAGMA wal_checkpoint(TRUNCATE)",
	"postgres": "VACUUM ANALYZE models",
}

// scratch inserts n rows outside the timer, for benchmarks that consume
// rows, and returns them with their keys set.
func (e *env) scratch(b *testing.B, n int) []Model {
	b.Helper()
	out := make([]Model, n)
	for i := range out {
		out[i] = newModel()
	}
	for start := 0; start < n; start += 500 {
		if err := e.sql.insertMulti(context.Background(), e.admin, out[start:min(start+500, n)]); err != nil {
			b.Fatal(err)
		}
	}
	return out
}
