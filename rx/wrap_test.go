package rx_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/rxgo/rxdb/drivers/sqlite"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
	msqlite "modernc.org/sqlite"
)

// Account has multi-word fields without db tags: plain sqlx's default
// mapper does not find them, rx's does.
type Account struct {
	rx.Model
	DisplayName string
	CreatedAt   time.Time
	IsAdmin     bool
	Nickname    *string
}

// Ticket tags its multi-word fields, so sqlx's default mapper scans it.
type Ticket struct {
	rx.Model
	Title     string `db:"title"`
	OwnerName string `db:"owner_name"`
	Points    int    `db:"points"`
}

// eachSQL runs fn per dialect on a pool opened with sql.Open, as code that
// does not know rx opens it.
func eachSQL(t *testing.T, fn func(t *testing.T, sqlDB *sql.DB, driverName, dialect string)) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			sqlDB, name := rxtest.OpenSQL(t, d)
			fn(t, sqlDB, name, d)
		})
	}
}

func TestWrapRunsOnTheCallersPool(t *testing.T) {
	eachSQL(t, func(t *testing.T, sqlDB *sql.DB, driverName, dialect string) {
		ctx := context.Background()
		x := sqlx.NewDb(sqlDB, driverName)
		mapper := x.Mapper
		db, err := rx.Wrap(x)
		if err != nil {
			t.Fatal(err)
		}
		if db.Dialect().Name() != dialect {
			t.Fatalf("Wrap found dialect %q, want %q", db.Dialect().Name(), dialect)
		}
		if db.SQLX() != x || x.Mapper != mapper {
			t.Fatal("Wrap must use the caller's *sqlx.DB and leave its mapper alone")
		}
		if err := db.CreateAll(ctx, &Ticket{}); err != nil {
			t.Fatal(err)
		}
		// A multi-row insert: on MySQL the key step is read lazily here.
		rows := []*Ticket{{Title: "a", OwnerName: "ann", Points: 1}, {Title: "b", OwnerName: "bob", Points: 2}, {Title: "c", OwnerName: "cy", Points: 3}}
		if err := db.Insert(ctx, rows[0], rows[1], rows[2]); err != nil {
			t.Fatal(err)
		}
		// The keys rx set are the rows' keys, read back by plain sqlx with
		// its default mapper.
		for _, r := range rows {
			var got Ticket
			if err := x.GetContext(ctx, &got, x.Rebind(`SELECT * FROM ticket WHERE id = ?`), r.ID); err != nil {
				t.Fatal(err)
			}
			if got != *r {
				t.Fatalf("sqlx read %+v for key %d, rx inserted %+v", got, r.ID, *r)
			}
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if err := x.PingContext(ctx); err != nil {
			t.Fatalf("Close of a wrapped DB closed the caller's pool: %v", err)
		}
		if n, err := rx.Select[Ticket](db).Count(ctx); err != nil || n != 3 {
			t.Fatalf("after Close the wrapped DB still runs on the pool: Count = %d, %v", n, err)
		}
	})
}

func TestWrapSQLAndMapNames(t *testing.T) {
	eachSQL(t, func(t *testing.T, sqlDB *sql.DB, driverName, dialect string) {
		ctx := context.Background()
		db, err := rx.WrapSQL(sqlDB)
		if err != nil {
			t.Fatal(err)
		}
		if db.SQL() != sqlDB || db.Dialect().Name() != dialect {
			t.Fatalf("WrapSQL: pool or dialect (%s) not the caller's", db.Dialect().Name())
		}
		if err := db.CreateAll(ctx, &Account{}); err != nil {
			t.Fatal(err)
		}
		nick := "annie"
		want := Account{DisplayName: "Ann", CreatedAt: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC), IsAdmin: true, Nickname: &nick}
		if err := db.Insert(ctx, &want); err != nil {
			t.Fatal(err)
		}
		query, args, err := rx.Select[Account](db).Where(rx.Eq{"display_name": "Ann"}).ToSQL()
		if err != nil {
			t.Fatal(err)
		}
		var got []Account
		if err := db.SQLX().SelectContext(ctx, &got, query, args...); err != nil {
			t.Fatalf("sqlx Select with WrapSQL's mapper: %v", err)
		}
		if len(got) != 1 || !sameAccount(got[0], want) {
			t.Fatalf("sqlx scanned %+v, want %+v", got, want)
		}

		// Wrap leaves a shared *sqlx.DB's default mapper, which does not
		// know display_name; MapNames sets rx's.
		x := sqlx.NewDb(sqlDB, driverName)
		if err := x.SelectContext(ctx, &got, query, args...); err == nil || !strings.Contains(err.Error(), "display_name") {
			t.Fatalf("sqlx's default mapper scanning display_name: err = %v, want a missing destination error", err)
		}
		if _, err := rx.Wrap(x, rx.MapNames()); err != nil {
			t.Fatal(err)
		}
		got = nil
		if err := x.SelectContext(ctx, &got, query, args...); err != nil || len(got) != 1 || !sameAccount(got[0], want) {
			t.Fatalf("after MapNames, sqlx scanned %+v, %v", got, err)
		}
	})
}

func sameAccount(a, b Account) bool {
	return a.ID == b.ID && a.DisplayName == b.DisplayName && a.CreatedAt.Equal(b.CreatedAt) &&
		a.IsAdmin == b.IsAdmin && (a.Nickname == nil) == (b.Nickname == nil) &&
		(a.Nickname == nil || *a.Nickname == *b.Nickname)
}

// wrappedDriver stands for an instrumented driver (otelsql, sqlhooks): a
// real database behind a driver type that no dialect recognizes.
type wrappedDriver struct{ driver.Driver }

func init() { sql.Register("rx-test-wrapped-sqlite", wrappedDriver{&msqlite.Driver{}}) }

func TestWrapUnrecognizedDriverNeedsDialect(t *testing.T) {
	ctx := context.Background()
	sqlDB, err := sql.Open("rx-test-wrapped-sqlite", t.TempDir()+"/w.db")
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	_, err = rx.WrapSQL(sqlDB)
	if err == nil || !strings.Contains(err.Error(), "rx_test.wrappedDriver") || !strings.Contains(err.Error(), "rx.WithDialect") {
		t.Fatalf("WrapSQL of an unknown driver: %v, want an error naming the driver type and WithDialect", err)
	}
	db, err := rx.WrapSQL(sqlDB, rx.WithDialect(sqlite.Dialect{}))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateAll(ctx, &Ticket{}); err != nil {
		t.Fatal(err)
	}
	tk := &Ticket{Title: "x"}
	if err := db.Insert(ctx, tk); err != nil || tk.ID == 0 {
		t.Fatalf("insert through an explicit dialect: id %d, %v", tk.ID, err)
	}
	if _, err := rx.Wrap(nil); err == nil {
		t.Fatal("Wrap(nil) must fail")
	}
}

func TestJoinTxLeavesCommitToItsOwner(t *testing.T) {
	for _, end := range []string{"commit", "rollback"} {
		t.Run(end, func(t *testing.T) {
			rxtest.Each(t, func(t *testing.T, db *rx.DB) {
				ctx := context.Background()
				if err := db.CreateAll(ctx, &Ticket{}); err != nil {
					t.Fatal(err)
				}
				// Existing code owns the transaction.
				tx, err := db.SQLX().BeginTxx(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer tx.Rollback()
				if _, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO ticket (title, owner_name, points) VALUES (?, ?, ?)`), "legacy", "old", 1); err != nil {
					t.Fatal(err)
				}
				err = db.JoinTx(ctx, tx, func(s *rx.Session) error {
					if s.Tx() != tx {
						t.Error("s.Tx() of a joined session must be the joined transaction")
					}
					// rx sees the owner's uncommitted row.
					if n, err := rx.Select[Ticket](s).Where(rx.Eq{"title": "legacy"}).Count(ctx); err != nil || n != 1 {
						t.Errorf("joined session sees %d legacy rows (%v), want 1", n, err)
					}
					if err := s.Add(&Ticket{Title: "staged"}); err != nil {
						return err
					}
					// A nested scope still uses a savepoint.
					inner := s.WithSession(ctx, func(s *rx.Session) error {
						if err := s.Insert(ctx, &Ticket{Title: "undone"}); err != nil {
							return err
						}
						return errors.New("inner fails")
					})
					if inner == nil {
						t.Error("inner error lost")
					}
					if err := s.Commit(ctx); err == nil || !strings.Contains(err.Error(), "JoinTx") {
						t.Errorf("Commit in a joined session: %v, want an error", err)
					}
					if err := s.Rollback(ctx); err == nil {
						t.Error("Rollback in a joined session must be an error")
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				// The transaction is still open: rx neither committed nor
				// rolled back.
				var titles []string
				if err := tx.SelectContext(ctx, &titles, `SELECT title FROM ticket ORDER BY title`); err != nil {
					t.Fatalf("transaction unusable after JoinTx: %v", err)
				}
				if strings.Join(titles, ",") != "legacy,staged" {
					t.Fatalf("inside the transaction: %v, want legacy,staged", titles)
				}
				if end == "commit" {
					err = tx.Commit()
				} else {
					err = tx.Rollback()
				}
				if err != nil {
					t.Fatalf("owner's %s: %v", end, err)
				}
				n, err := rx.Select[Ticket](db).Count(ctx)
				want := map[string]int64{"commit": 2, "rollback": 0}[end]
				if err != nil || n != want {
					t.Fatalf("after the owner's %s: %d rows (%v), want %d", end, n, err, want)
				}
			})
		})
	}
}

func TestJoinTxErrorKeepsTransactionOpen(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Ticket{}); err != nil {
			t.Fatal(err)
		}
		tx, err := db.SQL().BeginTx(ctx, nil) // a plain *sql.Tx
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		boom := errors.New("boom")
		var leaked *rx.Session
		err = db.JoinSQLTx(ctx, tx, func(s *rx.Session) error {
			leaked = s
			if err := s.Insert(ctx, &Ticket{Title: "written"}); err != nil {
				return err
			}
			if err := s.Add(&Ticket{Title: "staged, never written"}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("JoinSQLTx returned %v, want the callback's error", err)
		}
		if _, err := rx.Select[Ticket](leaked).All(ctx); !errors.Is(err, rx.ErrSessionClosed) {
			t.Fatalf("joined session after its callback: %v, want ErrSessionClosed", err)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM ticket`).Scan(&n); err != nil {
			t.Fatalf("the owner's transaction must still be open: %v", err)
		}
		if n != 1 {
			t.Fatalf("%d rows in the transaction, want the 1 written before the error (staged rows dropped)", n)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := db.JoinTx(ctx, nil, func(*rx.Session) error { return nil }); err == nil {
			t.Fatal("JoinTx(nil) must fail")
		}
	})
}

func TestSessionTxRunsSQLXInside(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &Ticket{}); err != nil {
			t.Fatal(err)
		}
		fail := errors.New("undo")
		err := db.WithSession(ctx, func(s *rx.Session) error {
			if _, err := s.Tx().ExecContext(ctx, s.Tx().Rebind(`INSERT INTO ticket (title, owner_name, points) VALUES (?, ?, ?)`), "sqlx", "", 0); err != nil {
				return err
			}
			if n, err := rx.Select[Ticket](s).Count(ctx); err != nil || n != 1 {
				t.Errorf("rx in the session sees %d rows (%v) after sqlx's insert, want 1", n, err)
			}
			return fail
		})
		if !errors.Is(err, fail) {
			t.Fatal(err)
		}
		if n, _ := rx.Select[Ticket](db).Count(ctx); n != 0 {
			t.Fatalf("sqlx's insert through s.Tx() survived the session's rollback: %d rows", n)
		}
	})
}
