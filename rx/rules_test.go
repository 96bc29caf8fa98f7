package rx_test

import (
	"context"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type ruledPay struct {
	ID     int64
	PaidOn time.Time
	Amount int64
}

func (ruledPay) TableName() string { return "ruled_pay" }

// ruledPayDDL is a table partitioned by hand as older PostgreSQL schemas
// are (inherited tables, conditional ON INSERT DO INSTEAD rules); the
// other databases have no rules and get the plain table.
var ruledPayDDL = map[string][]string{
	"postgres": {
		`CREATE TABLE ruled_pay (id BIGSERIAL PRIMARY KEY, paid_on TIMESTAMPTZ NOT NULL, amount BIGINT NOT NULL)`,
		`CREATE TABLE ruled_pay_old (CHECK (paid_on < '2020-01-01')) INHERITS (ruled_pay)`,
		`CREATE TABLE ruled_pay_new (CHECK (paid_on >= '2020-01-01')) INHERITS (ruled_pay)`,
		`CREATE RULE ruled_pay_old AS ON INSERT TO ruled_pay WHERE (NEW.paid_on < '2020-01-01') DO INSTEAD INSERT INTO ruled_pay_old VALUES (NEW.*)`,
		`CREATE RULE ruled_pay_new AS ON INSERT TO ruled_pay WHERE (NEW.paid_on >= '2020-01-01') DO INSTEAD INSERT INTO ruled_pay_new VALUES (NEW.*)`,
	},
	"mysql":  {`CREATE TABLE ruled_pay (id BIGINT AUTO_INCREMENT PRIMARY KEY, paid_on DATETIME(6) NOT NULL, amount BIGINT NOT NULL)`},
	"sqlite": {`CREATE TABLE ruled_pay (id INTEGER PRIMARY KEY, paid_on DATETIME NOT NULL, amount INTEGER NOT NULL)`},
}

// Inserts into a table whose rules refuse INSERT ... RETURNING (0A000 on
// PostgreSQL, which also aborted the session's transaction) insert and
// set the keys: one row, several, in a session, and enough for COPY,
// which would bypass the rules; the rules put the rows where they route
// them.
func TestInsertIntoTableWithInsteadRules(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		for _, stmt := range ruledPayDDL[db.Dialect().Name()] {
			if _, err := db.Exec(ctx, stmt); err != nil {
				t.Fatal(err)
			}
		}
		old, recent := time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
		one := &ruledPay{PaidOn: old, Amount: 1}
		if err := db.Insert(ctx, one); err != nil {
			t.Fatal(err)
		}
		two := []*ruledPay{{PaidOn: old, Amount: 2}, {PaidOn: recent, Amount: 3}}
		if err := db.Insert(ctx, two[0], two[1]); err != nil {
			t.Fatal(err)
		}
		var staged []*ruledPay
		err := db.WithSession(ctx, func(s *rx.Session) error {
			for i := range 300 {
				p := &ruledPay{PaidOn: recent, Amount: int64(100 + i)}
				staged = append(staged, p)
				if err := s.Add(p); err != nil {
					return err
				}
			}
			return s.Insert(ctx, &ruledPay{PaidOn: old, Amount: 4})
		})
		if err != nil {
			t.Fatal(err)
		}
		checkRuledKeys(t, db, append(append([]*ruledPay{one}, two...), staged[0], staged[299]))
		if db.Dialect().Name() != "postgres" {
			return
		}
		for table, want := range map[string]string{"ONLY ruled_pay": "0", "ruled_pay_old": "3", "ruled_pay_new": "301"} {
			if got := queryString(t, db, "SELECT COUNT(*)::text FROM "+table); got != want {
				t.Errorf("%s holds %s rows, want %s", table, got, want)
			}
		}
	})
}

// checkRuledKeys reads each row back by the key rx set on it.
func checkRuledKeys(t *testing.T, db *rx.DB, rows []*ruledPay) {
	t.Helper()
	seen := map[int64]bool{}
	for _, r := range rows {
		if r.ID == 0 || seen[r.ID] {
			t.Fatalf("amount %d: key %d is zero or repeated", r.Amount, r.ID)
		}
		seen[r.ID] = true
		got, err := rx.Get[ruledPay](context.Background(), db, r.ID)
		if err != nil {
			t.Fatalf("amount %d, key %d: %v", r.Amount, r.ID, err)
		}
		if got.Amount != r.Amount {
			t.Errorf("key %d: amount %d, want %d", r.ID, got.Amount, r.Amount)
		}
	}
}
