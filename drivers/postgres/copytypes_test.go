package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// copyRow is a row of table "cw", whose s and p columns are of the type
// under test; the model gives them as strings, as a model written for
// database/sql does (pq.StringArray-free, decimal-as-string).
type copyRow struct {
	rx.Model
	S string
	P *string
}

func (copyRow) TableName() string { return "cw" }

// copyBatch is enough rows for a flush to use COPY (copyMinRows).
const copyBatch = 300

// TestCopyWritesAsInsert: for every type a PostgreSQL column can have (the
// list of TestNativeReadsAsDatabaseSQL, from pg_type), a flush of
// copyBatch rows (COPY, or INSERT where binary COPY cannot carry the
// strings) stores exactly what one INSERT of the same value stores, NULLs
// included, read back as text through database/sql; and where INSERT
// refuses a value, the flush refuses it too.
func TestCopyWritesAsInsert(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, ty := range columnTypes(t, rxtest.Open(t, "postgres")) {
		t.Run(ty.decl+"="+ty.sample, func(t *testing.T) {
			db := rxtest.Open(t, "postgres")
			ddl := fmt.Sprintf("CREATE TABLE cw (id bigserial PRIMARY KEY, s %s NOT NULL, p %[1]s)", ty.decl)
			if _, err := db.SQL().ExecContext(ctx, ddl); err != nil {
				t.Fatalf("%s: %v", ddl, err)
			}
			sample := ty.sample
			insErr := db.Insert(ctx, &copyRow{S: sample, P: &sample})
			flushErr := db.WithSession(ctx, func(s *rx.Session) error {
				for i := range copyBatch {
					r := &copyRow{S: sample}
					if i%2 == 0 {
						r.P = &sample
					}
					if err := s.Add(r); err != nil {
						return err
					}
				}
				return nil
			})
			if (insErr == nil) != (flushErr == nil) {
				t.Fatalf("INSERT: %v; flush of %d rows: %v", insErr, copyBatch, flushErr)
			}
			if insErr != nil {
				return
			}
			var want string
			if err := db.SQL().QueryRowContext(ctx, "SELECT s::text || '|' || p::text FROM cw WHERE id = 1").Scan(&want); err != nil {
				t.Fatal(err)
			}
			rows, err := db.SQL().QueryContext(ctx, "SELECT id, s::text, p::text FROM cw WHERE id > 1 ORDER BY id")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			n := 0
			for ; rows.Next(); n++ {
				var id int64
				var s string
				var p *string
				if err := rows.Scan(&id, &s, &p); err != nil {
					t.Fatal(err)
				}
				got := s + "|"
				if p != nil {
					got += *p
				}
				if n%2 == 0 && got != want || n%2 == 1 && (p != nil || s+"|"+s != want) {
					t.Fatalf("row %d of the flush holds %q (p nil: %v); one INSERT stored %q", id, got, p == nil, want)
				}
			}
			if err := rows.Err(); err != nil || n != copyBatch {
				t.Fatalf("%d rows of %d read back: %v", n, copyBatch, err)
			}
		})
	}
}
