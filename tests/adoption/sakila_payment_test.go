package adoption

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// sakilaPayment is Sakila's payment table on PostgreSQL.
type sakilaPayment struct {
	PaymentID   int64     `db:"payment_id" rx:"pk,autoincrement"`
	CustomerID  int64     `db:"customer_id"`
	StaffID     int64     `db:"staff_id"`
	RentalID    int64     `db:"rental_id"`
	Amount      string    `db:"amount" rx:"type=numeric(5,2)"`
	PaymentDate time.Time `db:"payment_date"`
}

func (sakilaPayment) TableName() string { return "payment" }

// Inserts into Sakila's payment, whose conditional INSTEAD rules refuse
// RETURNING and whose key's sequence is not OWNED BY it: a payment that
// no rule routes is stored under the key rx reserved from the default's
// sequence; one that a rule routes to a partition is stored under the
// rule's DEFAULT key, which rx cannot know, and rx says so rather than
// set the key it sent. PostgreSQL only: the other databases' Sakila has
// no rules.
func TestSakilaPaymentInsert(t *testing.T) {
	u := loadSakila(t, "postgres")
	db, raw := rxtest.OpenURL(t, u), scriptDB(t, "postgres", u)
	ctx := context.Background()
	kept := &sakilaPayment{CustomerID: 1, StaffID: 1, RentalID: 76, Amount: "2.99", PaymentDate: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
	if err := db.Insert(ctx, kept); err != nil {
		t.Fatal(err)
	}
	var amount string
	if err := raw.QueryRow(`SELECT amount::text FROM ONLY payment WHERE payment_id = $1`, kept.PaymentID).Scan(&amount); err != nil || amount != "2.99" {
		t.Fatalf("key %d: stored amount %q (%v)", kept.PaymentID, amount, err)
	}
	routed := &sakilaPayment{CustomerID: 1, StaffID: 1, RentalID: 76, Amount: "3.99", PaymentDate: time.Date(2007, 2, 14, 0, 0, 0, 0, time.UTC)}
	if err := db.Insert(ctx, routed); !errors.Is(err, rx.ErrRulesDiscardKey) || routed.PaymentID != 0 {
		t.Fatalf("routed payment: key %d, %v; want key 0 and ErrRulesDiscardKey", routed.PaymentID, err)
	}
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM payment_p2007_02 WHERE amount = 3.99 AND payment_date = '2007-02-14'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("payment_p2007_02 holds %d such payments, want 1 (%v)", n, err)
	}
}
