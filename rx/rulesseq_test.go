package rx_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// PostgreSQL only: MariaDB and SQLite have no rules, so no table of
// theirs refuses INSERT ... RETURNING (TestInsertIntoTableWithInsteadRules
// covers their plain inserts).

// openRuled is a fresh PostgreSQL database holding stmts, through rx and
// through plain database/sql for reading rows back.
func openRuled(t *testing.T, stmts ...string) (*rx.DB, *sql.DB) {
	t.Helper()
	u := rxtest.FreshURL(t, "postgres")
	raw, _ := rxtest.OpenSQLAt(t, "postgres", u)
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return rxtest.OpenURL(t, u), raw
}

// ruledSeqDDL is Sakila's payment shape: a sequence NOT owned by the
// key (pg_get_serial_sequence finds none), the key's DEFAULT nextval of
// it, inherited children and conditional INSTEAD rules; key is what the
// rules insert as the child's key.
func ruledSeqDDL(key string) []string {
	return []string{
		`CREATE SEQUENCE ruled_pay_seq`,
		`CREATE TABLE ruled_pay (id INTEGER DEFAULT nextval('ruled_pay_seq'::regclass) PRIMARY KEY, paid_on TIMESTAMPTZ NOT NULL, amount BIGINT NOT NULL)`,
		`CREATE TABLE ruled_pay_old (CHECK (paid_on < '2020-01-01')) INHERITS (ruled_pay)`,
		`CREATE TABLE ruled_pay_new (CHECK (paid_on >= '2020-01-01')) INHERITS (ruled_pay)`,
		`CREATE RULE ruled_pay_old AS ON INSERT TO ruled_pay WHERE (NEW.paid_on < '2020-01-01') DO INSTEAD INSERT INTO ruled_pay_old (id, paid_on, amount) VALUES (` + key + `, NEW.paid_on, NEW.amount)`,
		`CREATE RULE ruled_pay_new AS ON INSERT TO ruled_pay WHERE (NEW.paid_on >= '2020-01-01') DO INSTEAD INSERT INTO ruled_pay_new (id, paid_on, amount) VALUES (` + key + `, NEW.paid_on, NEW.amount)`,
	}
}

// Keys are reserved from the sequence that the key's default names when
// the column does not own it, and each model's key is its stored row's.
func TestInsertRuledKeyFromDefaultSequence(t *testing.T) {
	db, raw := openRuled(t, ruledSeqDDL("NEW.id")...)
	ctx := context.Background()
	old, recent := time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	rows := []*ruledPay{{PaidOn: old, Amount: 1}, {PaidOn: old, Amount: 2}, {PaidOn: recent, Amount: 3}}
	if err := db.Insert(ctx, rows[0]); err != nil {
		t.Fatal(err)
	}
	if err := db.Insert(ctx, rows[1], rows[2]); err != nil {
		t.Fatal(err)
	}
	err := db.WithSession(ctx, func(s *rx.Session) error {
		for i := range 300 { // enough for COPY, which the rules rule out
			p := &ruledPay{PaidOn: recent, Amount: int64(100 + i)}
			rows = append(rows, p)
			if err := s.Add(p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	for _, r := range rows {
		var amount int64
		if err := raw.QueryRow(`SELECT amount FROM ruled_pay WHERE id = $1`, r.ID).Scan(&amount); err != nil || amount != r.Amount || seen[r.ID] {
			t.Fatalf("amount %d, key %d: stored amount %d, repeated %v, %v", r.Amount, r.ID, amount, seen[r.ID], err)
		}
		seen[r.ID] = true
	}
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM ruled_pay_new`).Scan(&n); err != nil || n != 301 {
		t.Fatalf("ruled_pay_new holds %d rows, want 301 (%v)", n, err)
	}
}

// Rules that insert DEFAULT for the key (as Sakila's payment rules do)
// store another key than the one rx sent: the insert says so, and the
// model's key stays zero rather than naming no row or another row.
func TestInsertRuledKeyDiscarded(t *testing.T) {
	db, raw := openRuled(t, ruledSeqDDL("DEFAULT")...)
	ctx := context.Background()
	one := &ruledPay{PaidOn: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Amount: 1}
	err := db.Insert(ctx, one)
	if !errors.Is(err, rx.ErrRulesDiscardKey) || one.ID != 0 {
		t.Fatalf("got key %d, %v; want key 0 and ErrRulesDiscardKey", one.ID, err)
	}
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM ruled_pay_new`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("ruled_pay_new holds %d rows, want 1 (%v)", n, err)
	}
}

// A key with no sequence at all is refused before any INSERT is sent,
// naming the table and column, not with the server's RETURNING error.
func TestInsertRuledKeyNoSequence(t *testing.T) {
	db, raw := openRuled(t,
		`CREATE TABLE ruled_pay (id INTEGER PRIMARY KEY, paid_on TIMESTAMPTZ NOT NULL, amount BIGINT NOT NULL)`,
		`CREATE TABLE ruled_pay_new () INHERITS (ruled_pay)`,
		`CREATE RULE ruled_pay_new AS ON INSERT TO ruled_pay WHERE (NEW.paid_on >= '2020-01-01') DO INSTEAD INSERT INTO ruled_pay_new VALUES (NEW.*)`,
	)
	err := db.Insert(context.Background(), &ruledPay{PaidOn: time.Now(), Amount: 1})
	if !errors.Is(err, rx.ErrRulesNoSequence) {
		t.Fatalf("got %v, want ErrRulesNoSequence", err)
	}
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM ruled_pay`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("ruled_pay holds %d rows, want 0 (%v)", n, err)
	}
	t.Log(err)
}
