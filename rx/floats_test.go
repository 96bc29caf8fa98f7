package rx_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

type measurement struct {
	rx.Model
	Name  string
	Value float64
	Opt   *float64
}

// NaN and ±Inf are refused before sending where the database cannot
// store them (MySQL/MariaDB: all three; SQLite: NaN, which it would turn
// into NULL), in values and in conditions alike, and round-trip where it
// can (PostgreSQL; SQLite's infinities).
func TestNonFiniteFloats(t *testing.T) {
	refused := map[string][]float64{
		"mysql":    {math.NaN(), math.Inf(1), math.Inf(-1)},
		"sqlite":   {math.NaN()},
		"postgres": nil,
	}
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &measurement{}); err != nil {
			t.Fatal(err)
		}
		// A column named nan, which an unquoted NaN would read.
		if err := db.Insert(ctx, &measurement{Name: "nan", Value: 1}); err != nil {
			t.Fatal(err)
		}
		isRefused := func(f float64) bool {
			for _, r := range refused[db.Dialect().Name()] {
				if r == f || math.IsNaN(r) && math.IsNaN(f) {
					return true
				}
			}
			return false
		}
		for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			m := &measurement{Name: "x", Value: f}
			err := db.Insert(ctx, m)
			p := f
			_, condErr := rx.Select[measurement](db).Where(rx.Eq{"value": f}).All(ctx)
			stageErr := db.WithSession(ctx, func(s *rx.Session) error { return s.Add(&measurement{Name: "opt", Opt: &p}) })
			if !isRefused(f) {
				if err != nil || condErr != nil || stageErr != nil {
					t.Fatalf("%v: %v, %v, %v", f, err, condErr, stageErr)
				}
				got, err := rx.Get[measurement](ctx, db, m.ID)
				if err != nil || !(got.Value == f || math.IsNaN(got.Value) && math.IsNaN(f)) {
					t.Fatalf("%v read back as %v, %v", f, got, err)
				}
				continue
			}
			for i, e := range []error{err, condErr, stageErr} {
				if !errors.Is(e, rx.ErrUnsupportedFloat) || !strings.Contains(e.Error(), "store NULL") {
					t.Errorf("%v (case %d): %v, want ErrUnsupportedFloat", f, i, e)
				}
			}
		}
		want := int64(1)
		if name := db.Dialect().Name(); name == "postgres" {
			want = 7
		} else if name == "sqlite" {
			want = 5
		}
		if n, err := rx.Select[measurement](db).Count(ctx); err != nil || n != want {
			t.Fatalf("%d rows, %v; want %d (nothing half-written)", n, err, want)
		}
	})
}

type blobRow struct {
	rx.Model
	Data []byte
}

// A statement over MariaDB's max_allowed_packet is refused with an error
// that names the limit, instead of a connection reset; the pool works on.
func TestMySQLPacketTooLarge(t *testing.T) {
	db := rxtest.Open(t, "mysql")
	ctx := context.Background()
	if err := db.CreateAll(ctx, &blobRow{}); err != nil {
		t.Fatal(err)
	}
	var limit int64
	if err := db.SQL().QueryRowContext(ctx, "SELECT @@max_allowed_packet").Scan(&limit); err != nil {
		t.Fatal(err)
	}
	if limit > 256<<20 {
		t.Skipf("max_allowed_packet is %d: too large to exceed in a test", limit)
	}
	err := db.Insert(ctx, &blobRow{Data: make([]byte, limit+1)})
	if err == nil || !strings.Contains(err.Error(), "max_allowed_packet") || strings.Contains(err.Error(), "reset") {
		t.Fatalf("insert over max_allowed_packet (%d): %v, want an error naming max_allowed_packet", limit, err)
	}
	if err := db.Insert(ctx, &blobRow{Data: []byte("small")}); err != nil {
		t.Fatalf("after the refused statement: %v", err)
	}
}

type float32Row struct {
	rx.Model
	Name string
	F    float32
	PF   *float32
}

// float32Edges are values a FLOAT printed with 6 significant digits
// (MySQL's text protocol) would change: the integers around 2²⁴, where
// float32 stops holding every integer, the extremes, a subnormal, and
// a fraction float32 holds only approximately.
var float32Edges = map[string]float32{
	"2^24-1":    16777215,
	"2^24":      16777216,
	"2^24+2":    math.Nextafter32(16777216, math.MaxFloat32),
	"max":       math.MaxFloat32,
	"-max":      -math.MaxFloat32,
	"smallest":  math.SmallestNonzeroFloat32,
	"zero":      0,
	"negzero":   float32(math.Copysign(0, -1)),
	"tenth":     0.1,
	"third":     1.0 / 3,
	"123456.78": 123456.78,
}

// Every float32 reads back as the value written, on every database:
// MySQL and MariaDB send a FLOAT column's value as text with 6
// significant digits (16777215 read back as 16777200), so rx stores
// float32 there as DOUBLE, which holds every float32 exactly.
func TestFloat32RoundTrip(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &float32Row{}); err != nil {
			t.Fatal(err)
		}
		for name, f := range float32Edges {
			p := f
			if err := db.Insert(ctx, &float32Row{Name: name, F: f, PF: &p}); err != nil {
				t.Fatalf("%s (%v): %v", name, f, err)
			}
		}
		rows, err := rx.Select[float32Row](db).All(ctx)
		if err != nil || len(rows) != len(float32Edges) {
			t.Fatalf("%d rows, %v", len(rows), err)
		}
		for _, r := range rows {
			want := float32Edges[r.Name]
			if r.F != want || r.PF == nil || *r.PF != want {
				t.Errorf("%s: wrote %v, read %v and %v", r.Name, want, r.F, deref(r.PF))
			}
			if math.Signbit(float64(r.F)) != math.Signbit(float64(want)) {
				t.Logf("%s: wrote %v, read %v: the database keeps no sign of zero", r.Name, want, r.F)
			}
			// The condition finds the value it was written with.
			n, err := rx.Select[float32Row](db).Where(rx.Eq{"f": want}).Count(ctx)
			if err != nil || n == 0 {
				t.Errorf("%s: Eq{f: %v} counts %d, %v", r.Name, want, n, err)
			}
		}
	})
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
