// Command sqlxinterop shows an application written with sqlx adopting rx
// one function at a time: rx runs on the application's own pool, and both
// styles share one transaction, in either direction.
//
//	go run ./examples/sqlxinterop
//
// It runs on an in-memory SQLite database; its test runs it on MariaDB and
// PostgreSQL too.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/jmoiron/sqlx"
	_ "github.com/rxgo/rxdb/drivers/mysql"
	_ "github.com/rxgo/rxdb/drivers/postgres"
	_ "github.com/rxgo/rxdb/drivers/sqlite"
	"github.com/rxgo/rxdb/rx"
)

// Customer is the application's existing struct, tagged for sqlx. Embedding
// rx.Model (whose ID is tagged db:"id") makes it an rx model as well.
type Customer struct {
	rx.Model
	Email string `db:"email" rx:"unique"`
	Name  string `db:"name"`
	Tier  string `db:"tier" rx:"index"`
}

// Purchase is a newer table, written with rx from the start; sqlx reads it
// too because its multi-word field has a db tag.
type Purchase struct {
	rx.Model
	CustomerID int64 `db:"customer_id" rx:"index"`
	Cents      int64 `db:"cents"`
}

// Repo is the existing repository type. Its old methods keep using sqlx;
// new and migrated ones use rx on the same pool.
type Repo struct {
	x  *sqlx.DB // the application's pool, as before
	db *rx.DB   // rx on that same pool
}

// NewRepo adds rx to the repository without a second pool.
func NewRepo(x *sqlx.DB) (*Repo, error) {
	db, err := rx.Wrap(x)
	if err != nil {
		return nil, err
	}
	return &Repo{x: x, db: db}, nil
}

// ByEmail is an old method, unchanged: plain sqlx.
func (r *Repo) ByEmail(ctx context.Context, email string) (Customer, error) {
	var c Customer
	err := r.x.GetContext(ctx, &c, r.x.Rebind(`SELECT id, email, name, tier FROM customer WHERE email = ?`), email)
	return c, err
}

// insertCustomer is an old helper that takes the caller's transaction.
func insertCustomer(ctx context.Context, tx *sqlx.Tx, c *Customer) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO customer (email, name, tier) VALUES (?, ?, ?)`), c.Email, c.Name, c.Tier)
	return err
}

// Create has been migrated to rx: one INSERT, the generated id set.
func (r *Repo) Create(ctx context.Context, c *Customer) error { return r.db.Insert(ctx, c) }

// ByTier is new, written with rx's builder.
func (r *Repo) ByTier(ctx context.Context, tier string, limit int) ([]Customer, error) {
	return rx.Select[Customer](r.db).Where(rx.Eq{"tier": tier}).OrderBy("email").Limit(limit).All(ctx)
}

// Signup is old code that owns a transaction; the rx part joins it. The
// owner commits or rolls back both.
func (r *Repo) Signup(ctx context.Context, c *Customer, firstPurchaseCents int64) (err error) {
	tx, err := r.x.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if err := insertCustomer(ctx, tx, c); err != nil {
		return err
	}
	err = r.db.JoinTx(ctx, tx, func(s *rx.Session) error {
		saved, err := rx.Select[Customer](s).Where(rx.Eq{"email": c.Email}).One(ctx)
		if err != nil {
			return err
		}
		*c = *saved
		return s.Add(&Purchase{CustomerID: c.ID, Cents: firstPurchaseCents})
	})
	if err != nil {
		return err
	}
	return tx.Commit()
}

// Upgrade is new code that owns the transaction; an old sqlx helper runs
// inside it through s.Tx() and commits or rolls back with it.
func (r *Repo) Upgrade(ctx context.Context, email string, fail bool) error {
	return r.db.WithSession(ctx, func(s *rx.Session) error {
		if _, err := rx.Update[Customer](s).Set("tier", "gold").Where(rx.Eq{"email": email}).Exec(ctx); err != nil {
			return err
		}
		if err := insertCustomer(ctx, s.Tx(), &Customer{Email: "referral+" + email, Name: "referral", Tier: "free"}); err != nil {
			return err
		}
		if fail {
			return fmt.Errorf("payment declined")
		}
		return nil
	})
}

// run is the example, on the application's pool x.
func run(ctx context.Context, x *sqlx.DB, w io.Writer) error {
	repo, err := NewRepo(x)
	if err != nil {
		return err
	}
	if err := repo.db.CreateAll(ctx, &Customer{}, &Purchase{}); err != nil {
		return err
	}

	ann := &Customer{Email: "ann@example.com", Name: "Ann", Tier: "free"}
	if err := repo.Create(ctx, ann); err != nil { // rx
		return err
	}
	got, err := repo.ByEmail(ctx, "ann@example.com") // sqlx, reading rx's row
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "created with rx, read with sqlx: %d %s %s\n", got.ID, got.Name, got.Tier)

	bob := &Customer{Email: "bob@example.com", Name: "Bob", Tier: "free"}
	if err := repo.Signup(ctx, bob, 4200); err != nil {
		return err
	}
	var purchases []Purchase // sqlx scanning an rx model
	if err := x.SelectContext(ctx, &purchases, x.Rebind(`SELECT * FROM purchase WHERE customer_id = ?`), bob.ID); err != nil {
		return err
	}
	fmt.Fprintf(w, "signup in one transaction: customer %d, %d purchase of %d cents\n", bob.ID, len(purchases), purchases[0].Cents)

	if err := repo.Upgrade(ctx, "ann@example.com", true); err != nil {
		fmt.Fprintf(w, "upgrade failed (%v): both styles rolled back\n", err)
	}
	if err := repo.Upgrade(ctx, "ann@example.com", false); err != nil {
		return err
	}
	gold, err := repo.ByTier(ctx, "gold", 10)
	if err != nil {
		return err
	}
	free, err := repo.ByTier(ctx, "free", 10)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "gold: %d (%s), free: %d (%s, %s)\n", len(gold), gold[0].Email, len(free), free[0].Email, free[1].Email)
	return repo.db.Close() // leaves the pool to its owner
}

func main() {
	x, err := sqlx.Open("sqlite", ":memory:")
	if err != nil {
		log.Fatal(err)
	}
	defer x.Close()
	x.SetMaxOpenConns(1) // an in-memory SQLite database lives on one connection
	if err := run(context.Background(), x, os.Stdout); err != nil {
		log.Fatal(err)
	}
}
