package rx_test

import (
	"context"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type stamped struct {
	ID   int64
	Name string
	At   time.Time
}

func (stamped) TableName() string { return "stamped" }

// stampedDDL is a table made by hand whose default writes the database's
// own "now", as the triggers of an existing schema do: SQLite's
// DATETIME('now') is the text '2024-06-01 15:00:00'.
var stampedDDL = map[string]string{
	"sqlite":   `CREATE TABLE stamped (id INTEGER PRIMARY KEY, name TEXT NOT NULL, at DATETIME NOT NULL DEFAULT (DATETIME('now')))`,
	"mysql":    `CREATE TABLE stamped (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL, at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))`,
	"postgres": `CREATE TABLE stamped (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'))`,
}

// openStamped opens a fresh database with the stamped table and two rows
// written by plain SQL: "old" at 15:00:00 UTC and "now" by the default.
// SQLite's URL chooses the format the rows hold, _time_format=datetime_frac.
func openStamped(t *testing.T, dialect string) *rx.DB {
	u := rxtest.FreshURL(t, dialect)
	if dialect == "sqlite" {
		u += "?_time_format=datetime_frac"
	}
	db := rxtest.OpenURL(t, u)
	ctx := context.Background()
	for _, stmt := range []string{
		stampedDDL[dialect],
		`INSERT INTO stamped (name, at) VALUES ('old', '2024-06-01 15:00:00')`,
		`INSERT INTO stamped (name) VALUES ('now')`,
	} {
		if _, err := db.Exec(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// On a schema whose rows hold times as the database writes its own
// "now" (SQLite's DATETIME('now') text, chosen by the URL's
// _time_format=datetime_frac), a time read back finds its row with Eq,
// ranges agree with those rows, fractions included, and plain SQL finds
// the rows rx writes. SQLite bound '... +00:00' text, equal to none of
// them.
func TestTimesMatchRowsTheDatabaseWrote(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, dialect := range rxtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			db := openStamped(t, dialect)
			ctx := context.Background()
			read, err := rx.Select[stamped](db).OrderBy("id").All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range read {
				countStamped(t, db, r.Name+" Eq the value read", rx.Eq{"at": r.At}, 1)
				countStamped(t, db, r.Name+" In the value read", rx.Eq{"at": []time.Time{r.At.In(ny)}}, 1)
			}
			for _, r := range []*stamped{
				{Name: "rx", At: time.Date(2024, 6, 1, 12, 0, 0, 0, ny)},             // 16:00Z
				{Name: "frac", At: time.Date(2024, 6, 1, 12, 0, 0, 250_000_000, ny)}, // 16:00:00.25Z
			} {
				if err := db.Insert(ctx, r); err != nil {
					t.Fatal(err)
				}
				got, err := rx.Get[stamped](ctx, db, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !got.At.Equal(r.At) {
					t.Errorf("%s: stored %v, read back %v", r.Name, r.At, got.At)
				}
			}
			checkStampedSQL(t, db)
			utc := func(s string) time.Time { return mustParse(t, "2024-06-01T"+s+"Z").In(ny) }
			countStamped(t, db, "[15:00, 16:00)", rx.And{rx.GtOrEq{"at": utc("15:00:00")}, rx.Lt{"at": utc("16:00:00")}}, 1)
			countStamped(t, db, "[15:00, 16:00]", rx.And{rx.GtOrEq{"at": utc("15:00:00")}, rx.LtOrEq{"at": utc("16:00:00")}}, 2)
			countStamped(t, db, "(14:59:59.5, 15:00:00.5)", rx.And{rx.Gt{"at": utc("14:59:59.5")}, rx.Lt{"at": utc("15:00:00.5")}}, 1)
			countStamped(t, db, "(16:00, 16:00:00.5)", rx.And{rx.Gt{"at": utc("16:00:00")}, rx.Lt{"at": utc("16:00:00.5")}}, 1)
			countStamped(t, db, "Eq 16:00:00.25", rx.Eq{"at": utc("16:00:00.25")}, 1)
		})
	}
}

// checkStampedSQL finds rx's rows with the team's own SQL, a literal of
// the text the database writes, and on SQLite reads the text itself.
func checkStampedSQL(t *testing.T, db *rx.DB) {
	t.Helper()
	for lit, want := range map[string]string{"2024-06-01 16:00:00": "rx", "2024-06-01 16:00:00.25": "frac"} {
		if got := queryString(t, db, "SELECT name FROM stamped WHERE at = '"+lit+"'"); got != want {
			t.Errorf("WHERE at = '%s' finds %s, want %s", lit, got, want)
		}
	}
	if db.Dialect().Name() != "sqlite" {
		return
	}
	for name, want := range map[string]string{"rx": "2024-06-01 16:00:00", "frac": "2024-06-01 16:00:00.25"} {
		if got := queryString(t, db, "SELECT at || '' FROM stamped WHERE name = ?", name); got != want {
			t.Errorf("%s: SQLite holds %q, want %q", name, got, want)
		}
	}
}

func countStamped(t *testing.T, db *rx.DB, what string, cond rx.Sqlizer, want int64) {
	t.Helper()
	n, err := rx.Select[stamped](db).Where(cond).Count(context.Background())
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if n != want {
		t.Errorf("%s: %d rows, want %d", what, n, want)
	}
}
