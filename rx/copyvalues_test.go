package rx_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// textValue is a Valuer that gives its value as a string, as decimal
// and UUID types do, or fails with errBadText.
type textValue string

var errBadText = errors.New("textValue: refused")

func (v textValue) Value() (driver.Value, error) {
	if v == "bad" {
		return nil, errBadText
	}
	return string(v), nil
}

func (v *textValue) Scan(src any) error {
	if b, ok := src.([]byte); ok {
		src = string(b)
	}
	*v = textValue(fmt.Sprint(src))
	return nil
}

// copyValue holds strings that the server parses: INSERT sends them as
// text, and binary COPY could not carry them.
type copyValue struct {
	rx.Model
	Batch string
	Num   string    `rx:"type=NUMERIC(20,5)"`
	Dcm   textValue `rx:"type=NUMERIC(20,5)"`
	Qty   textValue `rx:"type=BIGINT"`
}

// copyValuePG adds PostgreSQL's own types.
type copyValuePG struct {
	rx.Model
	Batch string
	Num   string    `rx:"type=NUMERIC"`
	U     string    `rx:"type=UUID"`
	UV    textValue `rx:"type=UUID"`
	Iv    string    `rx:"type=INTERVAL"`
	Text  string
}

var (
	numbers   = []string{"1e5", "12.5", "-0.00001", " 7 ", "1E-3"}
	uuids     = []string{"{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", "a0eebc999c0b4ef8bb6d6bb9bd380a11", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}
	intervals = []string{"P1Y2M", "1 day 02:03:04", "PT1.5S", "-3 hours", "1 mon"}
)

// stage adds rows with s.Add in one session: COPY on PostgreSQL from 256
// rows.
func stage[T any](ctx context.Context, db *rx.DB, rows []*T) error {
	return db.WithSession(ctx, func(s *rx.Session) error {
		for _, r := range rows {
			if err := s.Add(r); err != nil {
				return err
			}
		}
		return nil
	})
}

// A flush writes what INSERT writes, whatever its size: 1 and 255 rows
// go in with INSERT, 256 with COPY on PostgreSQL, and each batch reads
// back as the same rows inserted one by one.
func TestCopyAcceptsWhatInsertAccepts(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &copyValue{}); err != nil {
			t.Fatal(err)
		}
		pg := db.Dialect().Name() == "postgres"
		if pg {
			if err := db.CreateAll(ctx, &copyValuePG{}); err != nil {
				t.Fatal(err)
			}
		}
		for _, n := range []int{1, 255, 256, 600} {
			rows, one := make([]*copyValue, n), make([]*copyValue, n)
			pgRows, pgOne := make([]*copyValuePG, n), make([]*copyValuePG, n)
			for i := range rows {
				num := numbers[i%len(numbers)]
				rows[i] = &copyValue{Batch: fmt.Sprint("add", n), Num: num, Dcm: textValue(num), Qty: textValue(fmt.Sprint(" ", i))}
				c := *rows[i]
				c.Batch = fmt.Sprint("insert", n)
				one[i] = &c
				u := uuids[i%len(uuids)]
				pgRows[i] = &copyValuePG{Batch: rows[i].Batch, Num: num, U: u, UV: textValue(u), Iv: intervals[i%len(intervals)], Text: "t\\\t\n" + num}
				p := *pgRows[i]
				p.Batch = c.Batch
				pgOne[i] = &p
			}
			if err := stage(ctx, db, rows); err != nil {
				t.Fatalf("%d rows: %v", n, err)
			}
			for _, r := range one {
				if err := db.Insert(ctx, r); err != nil {
					t.Fatal(err)
				}
			}
			sameBatches(t, db, "copy_value", n, "num, dcm, qty")
			if !pg {
				continue
			}
			if err := stage(ctx, db, pgRows); err != nil {
				t.Fatalf("%d rows: %v", n, err)
			}
			for _, r := range pgOne {
				if err := db.Insert(ctx, r); err != nil {
					t.Fatal(err)
				}
			}
			sameBatches(t, db, "copy_value_pg", n, "num, u, uv, iv, text")
		}
	})
}

// sameBatches compares the rows of batch "add<n>" with those of
// "insert<n>" in table, in key order, columns cols read as text through
// database/sql.
func sameBatches(t *testing.T, db *rx.DB, table string, n int, cols string) {
	t.Helper()
	ctx := context.Background()
	ph := "?"
	if db.Dialect().Name() == "postgres" {
		ph = "$1"
	}
	read := func(batch string) []string {
		rows, err := db.SQL().QueryContext(ctx, "SELECT "+cols+" FROM "+table+" WHERE batch = "+ph+" ORDER BY id", batch)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		ncol := strings.Count(cols, ",") + 1
		var out []string
		for rows.Next() {
			vals := make([]sql.NullString, ncol)
			dest := make([]any, ncol)
			for i := range vals {
				dest[i] = &vals[i]
			}
			if err := rows.Scan(dest...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(vals))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	added, inserted := read(fmt.Sprint("add", n)), read(fmt.Sprint("insert", n))
	if len(added) != n || len(inserted) != n {
		t.Fatalf("%s, %d rows: %d added, %d inserted", table, n, len(added), len(inserted))
	}
	for i := range added {
		if added[i] != inserted[i] {
			t.Errorf("%s, %d rows, row %d: s.Add wrote %s, Insert %s", table, n, i, added[i], inserted[i])
			return
		}
	}
}

// A Valuer's error in a flush reaches the caller as itself, whether the
// flush uses INSERT or COPY, and nothing is written.
func TestCopyKeepsValuerError(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &copyValue{}); err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{255, 256, 600} {
			rows := make([]*copyValue, n)
			for i := range rows {
				rows[i] = &copyValue{Batch: "b", Num: "1", Dcm: "2", Qty: "3"}
			}
			rows[n-2].Qty = "bad"
			if err := stage(ctx, db, rows); !errors.Is(err, errBadText) {
				t.Fatalf("%d rows: %v, want the Valuer's error", n, err)
			}
			if db.Dialect().Name() == "postgres" { // the others store "x" in a NUMERIC
				rows[n-2].Qty = "3"
				rows[n-2].Num = "x"
				if err := stage(ctx, db, rows); err == nil {
					t.Fatalf("%d rows with a bad number: no error", n)
				}
			}
			if c, err := rx.Select[copyValue](db).Count(ctx); err != nil || c != 0 {
				t.Fatalf("%d rows: %d written, %v", n, c, err)
			}
		}
	})
}

type copyUUID struct {
	rx.Model
	Batch string
	U     string    `rx:"type=UUID"`
	UV    textValue `rx:"type=UUID"`
	Note  string
}

// Strings that COPY carries as INSERT does (UUIDs in their canonical
// forms, text) keep the COPY; its values read back as INSERT's.
func TestCopyKeepsCopyForCanonicalStrings(t *testing.T) {
	db := rxtest.Open(t, "postgres")
	ctx := context.Background()
	if err := db.CreateAll(ctx, &copyUUID{}); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	db.AddQueryHook(rec)
	rows, one := make([]*copyUUID, 300), make([]*copyUUID, 300)
	for i := range rows {
		u := uuids[1+i%2] // 32 digits, upper case
		rows[i] = &copyUUID{Batch: "add300", U: u, UV: textValue(uuids[4]), Note: "a\tb\\c\n" + u}
		c := *rows[i]
		c.Batch = "insert300"
		one[i] = &c
	}
	if err := stage(ctx, db, rows); err != nil {
		t.Fatal(err)
	}
	if ops := copyOps(rec); len(ops) != 1 || ops[0] != "COPY copy_uuid 300" {
		t.Fatalf("statements %q, want one COPY", ops)
	}
	for _, r := range one {
		if err := db.Insert(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	sameBatches(t, db, "copy_uuid", 300, "u, uv, note")
}
