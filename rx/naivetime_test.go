package rx_test

import (
	"context"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, on machines without a zone database

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type naiveTime struct {
	ID   int64
	Name string
	At   time.Time
}

func (naiveTime) TableName() string { return "naive_times" }

// naiveTimeDDL is a table made by hand, as an existing schema has it:
// a time column that holds a wall clock without a zone.
var naiveTimeDDL = map[string]string{
	"postgres": `CREATE TABLE naive_times (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, at TIMESTAMP WITHOUT TIME ZONE NOT NULL)`,
	"mysql":    `CREATE TABLE naive_times (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL, at DATETIME(6) NOT NULL)`,
	"sqlite":   `CREATE TABLE naive_times (id INTEGER PRIMARY KEY, name TEXT NOT NULL, at DATETIME NOT NULL)`,
}

// wallClockSQL reads the column's stored wall clock as text.
var wallClockSQL = map[string]string{
	"postgres": `SELECT to_char(at, 'YYYY-MM-DD HH24:MI:SS') FROM naive_times WHERE name = $1`,
	"mysql":    `SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s') FROM naive_times WHERE name = ?`,
	"sqlite":   `SELECT strftime('%Y-%m-%d %H:%M:%S', at) FROM naive_times WHERE name = ?`,
}

// A time in any zone is stored in a column without a zone as its UTC
// wall clock, whether it is a model's field or an argument of raw SQL,
// and every condition compares it as the same instant: PostgreSQL's
// timestamp took the time's own wall clock, five hours off for New
// York, so the row read back as another instant and ranges missed it.
func TestTimesWithoutZoneAreUTCInstants(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		name := db.Dialect().Name()
		if _, err := db.Exec(ctx, naiveTimeDDL[name]); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2024, 1, 15, 9, 0, 0, 0, ny) // 14:00Z
		row := &naiveTime{Name: "model", At: at}
		if err := db.Insert(ctx, row); err != nil {
			t.Fatal(err)
		}
		raw := `INSERT INTO naive_times (name, at) VALUES (?, ?)`
		if name == "postgres" {
			raw = `INSERT INTO naive_times (name, at) VALUES ($1, $2)`
		}
		if _, err := db.Exec(ctx, raw, "raw", at.Add(time.Hour).In(tokyo)); err != nil { // 15:00Z
			t.Fatal(err)
		}
		got, err := rx.Get[naiveTime](ctx, db, row.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.At.Equal(at) {
			t.Errorf("stored %v, read back %v", at, got.At)
		}
		for _, c := range []struct{ name, want string }{{"model", "2024-01-15 14:00:00"}, {"raw", "2024-01-15 15:00:00"}} {
			if wall := queryString(t, db, wallClockSQL[name], c.name); wall != c.want {
				t.Errorf("%s: the database holds %s, want the UTC wall clock %s", c.name, wall, c.want)
			}
		}
		checkNaiveTimeConds(t, db, at.In(tokyo), tokyo)
		// Enough rows for COPY on PostgreSQL, INSERTs elsewhere.
		err = db.WithSession(ctx, func(s *rx.Session) error {
			for range 300 {
				if err := s.Add(&naiveTime{Name: "bulk", At: at.Add(2 * time.Hour)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if wall := queryString(t, db, wallClockSQL[name]+" LIMIT 1", "bulk"); wall != "2024-01-15 16:00:00" {
			t.Errorf("bulk: the database holds %s, want the UTC wall clock 2024-01-15 16:00:00", wall)
		}
	})
}

// checkNaiveTimeConds finds the rows at 14:00Z and 15:00Z by conditions
// whose times are in another zone than the one they were written in.
func checkNaiveTimeConds(t *testing.T, db *rx.DB, at time.Time, loc *time.Location) {
	t.Helper()
	ctx := context.Background()
	later := at.Add(time.Hour)
	for i, c := range []struct {
		cond rx.Sqlizer
		want int
	}{
		{rx.Eq{"at": at}, 1},
		{rx.Eq{"at": []time.Time{at, later}}, 2},
		{rx.Eq{"at": []*time.Time{&later}}, 1},
		{rx.And{rx.GtOrEq{"at": at}, rx.Lt{"at": later}}, 1},
		{rx.And{rx.Gt{"at": at.Add(-time.Minute).UTC()}, rx.LtOrEq{"at": later.In(time.Local)}}, 2},
		{rx.Lt{"at": at}, 0},
	} {
		n, err := rx.Select[naiveTime](db).Where(c.cond).Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n != int64(c.want) {
			t.Errorf("condition %d (%s): %d rows, want %d", i, loc, n, c.want)
		}
	}
}

// queryString runs a raw query of one text value.
func queryString(t *testing.T, db *rx.DB, query string, args ...any) string {
	t.Helper()
	rows, err := db.Query(context.Background(), query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var s string
	if !rows.Next() {
		t.Fatalf("%s: no row (%v)", query, rows.Err())
	}
	if err := rows.Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}
