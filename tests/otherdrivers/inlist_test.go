package otherdrivers

import (
	"context"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/dialect/pgdialect"
	"github.com/rxgo/rxdb/dialect/sqlitedialect"
	"github.com/rxgo/rxdb/rx"
)

// TestInListOtherDrivers: an IN list of any length, and of text that an
// array or JSON literal must escape, on lib/pq and mattn/go-sqlite3 (the
// dialects bind it as one literal parameter that every driver passes).
func TestInListOtherDrivers(t *testing.T) {
	for name, open := range map[string]func(*testing.T) (*sqlx.DB, dialect.Dialect){
		"lib/pq":           func(t *testing.T) (*sqlx.DB, dialect.Dialect) { return pqPool(t), pgdialect.Dialect{} },
		"mattn/go-sqlite3": func(t *testing.T) (*sqlx.DB, dialect.Dialect) { return mattnPool(t), sqlitedialect.Dialect{} },
	} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			x, d := open(t)
			db := wrap(t, x, d)
			emails := []string{`a"b`, `c\d`, `e,f`, `{g}`, `NULL`, `h'i`, "é\u2028"}
			for _, e := range emails {
				if err := db.Insert(ctx, &account{Email: e}); err != nil {
					t.Fatal(err)
				}
			}
			if n, err := rx.Select[account](db).Where(rx.Eq{"email": append(emails, "absent")}).Count(ctx); err != nil || n != int64(len(emails)) {
				t.Fatalf("Eq{email: %d strings} = %d, %v; want %d", len(emails)+1, n, err, len(emails))
			}
			if n, err := rx.Select[account](db).Where(rx.NotEq{"email": emails[:3]}).Count(ctx); err != nil || n != int64(len(emails)-3) {
				t.Fatalf("NotEq{email: 3 strings} = %d, %v; want %d", n, err, len(emails)-3)
			}
			ids := make([]int64, 70000)
			for i := range ids {
				ids[i] = int64(i + 1)
			}
			if n, err := rx.Select[account](db).Where(rx.Eq{"id": ids}).Count(ctx); err != nil || n != int64(len(emails)) {
				t.Fatalf("Eq{id: 70,000 ids} = %d, %v; want %d", n, err, len(emails))
			}
		})
	}
}
