package migrate_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// defaultsRow has every column kind with the default forms a model can
// portably write: boolean keywords in either case, signed, quoted and
// decimal numbers, quoted strings (empty, with a quote), the current
// time, JSON.
type defaultsRow struct {
	ID int64          `rx:"pk,autoincrement"`
	B1 bool           `rx:"default=TRUE"`
	B2 bool           `rx:"default=false"`
	B3 *bool          `rx:"default=true"`
	B4 bool           `rx:"default=FALSE"`
	I1 int32          `rx:"default=-1"`
	I2 int64          `rx:"default=5"`
	I3 int16          `rx:"default='7'"`
	I4 int8           `rx:"default=(3)"`
	U1 uint32         `rx:"default=0"`
	F1 float64        `rx:"default=1.5"`
	F2 float32        `rx:"default=-2.25"`
	F3 float64        `rx:"default=10"`
	D1 string         `rx:"type=NUMERIC(10,2),default=1.5"`
	S1 string         `rx:"default='none'"`
	S2 string         `rx:"size=20,default=''"`
	S3 *string        `rx:"default='it''s'"`
	S4 string         `rx:"size=10,default='5'"`
	T1 time.Time      `rx:"default=CURRENT_TIMESTAMP"`
	T2 *time.Time     `rx:"default=current_timestamp"`
	J1 map[string]int `rx:"json,default='{}'"`
	Y1 []byte         `rx:"default=''"`
}

// Forms that only one database accepts, as a model written for it has
// them.
type sqliteDefaults struct {
	ID int64     `rx:"pk,autoincrement"`
	B  bool      `rx:"default=1"`
	I  int32     `rx:"default=+4"`
	T  time.Time `rx:"default=(datetime('now'))"`
}

type mysqlDefaults struct {
	ID int64     `rx:"pk,autoincrement"`
	B  bool      `rx:"default=1"`
	I  int32     `rx:"default=4.0"`
	T  time.Time `rx:"default=current_timestamp(6)"`
	S  string    `rx:"size=10,default=\"dq\""`
}

type postgresDefaults struct {
	ID int64     `rx:"pk,autoincrement"`
	B  bool      `rx:"default='t'"`
	I  int32     `rx:"default='4'::integer"`
	T  time.Time `rx:"default=now()"`
	S  string    `rx:"default='x'::text"`
	V  string    `rx:"size=10,default='y'::character varying"`
}

// TestDefaultsDoNotDrift: after migrating, every default form compares
// equal to what the database reports (MariaDB says 1 for TRUE and
// current_timestamp() for CURRENT_TIMESTAMP, PostgreSQL '7'::smallint
// and 'x'::text), so `db check` is clean and makemigrations finds
// nothing; and the boolean default works on every database.
func TestDefaultsDoNotDrift(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		native := map[string]any{"sqlite": sqliteDefaults{}, "mysql": mysqlDefaults{}, "postgres": postgresDefaults{}}
		_, d, err := rx.ParseURL(cfg.DBURL)
		if err != nil {
			t.Fatal(err)
		}
		models := []any{defaultsRow{}, renamed(t, native[d.Name()], "native_defaults")}
		m := migrate.New(cfg, models...)
		if _, err := m.Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "check"}, models...); err != nil {
			t.Fatalf("db check: %v\n%s\nlive:\n%s", err, out.String(), dump(liveSchema(t, cfg)))
		}
		out.Reset()
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "makemigrations", "-m", "again"}, models...); err != nil || !strings.Contains(out.String(), "No changes detected") {
			t.Fatalf("makemigrations: %v\n%s", err, out.String())
		}
		db := openDB(t, cfg)
		if _, err := db.Exec(ctx(t), "INSERT INTO defaults_row (s3) VALUES (NULL)"); err != nil {
			t.Fatal(err)
		}
		var b1, b2 bool
		var i3 int
		var s3 *string
		if err := db.SQL().QueryRowContext(ctx(t), "SELECT b1, b2, i3, s3 FROM defaults_row").Scan(&b1, &b2, &i3, &s3); err != nil {
			t.Fatal(err)
		}
		if !b1 || b2 || i3 != 7 || s3 != nil {
			t.Fatalf("defaults applied: b1=%v b2=%v i3=%v s3=%v", b1, b2, i3, s3)
		}
	})
}
