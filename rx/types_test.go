package rx_test

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

// Point is a custom type stored through sql.Scanner and driver.Valuer.
type Point struct{ X, Y int }

func (p Point) Value() (driver.Value, error) { return fmt.Sprintf("%d,%d", p.X, p.Y), nil }

func (p *Point) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("Point: cannot scan %T", src)
	}
	_, err := fmt.Sscanf(s, "%d,%d", &p.X, &p.Y)
	return err
}

type Status string

type Meta struct {
	Tags  []string       `json:"tags"`
	Attrs map[string]int `json:"attrs"`
}

type AllTypes struct {
	rx.Model
	B    bool
	I    int
	I8   int8
	I16  int16
	I32  int32
	I64  int64
	U    uint
	U8   uint8
	U16  uint16
	U32  uint32
	U64  uint64
	F32  float32
	F64  float64
	S    string
	Sz   string `rx:"size=20"`
	St   Status
	Bs   []byte
	T    time.Time
	PS   *string
	PI   *int64
	PT   *time.Time
	PB   *bool
	NS   sql.NullString
	NI   sql.NullInt64
	NT   sql.NullTime
	NF   sql.NullFloat64
	NB   sql.NullBool
	NG   sql.Null[int32]
	Pnt  Point
	PPnt *Point
	J    Meta   `rx:"json"`
	PJ   *Meta  `rx:"json"`
	Note string `db:"custom_note" rx:"default='none'"`
	Skip string `rx:"-"`
}

func TestTypesRoundTrip(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &AllTypes{}); err != nil {
			t.Fatal(err)
		}
		when := time.Date(2026, 11, 26, 12, 30, 45, 123456000, time.UTC)
		s, i, b := "ptr", int64(-42), true
		full := AllTypes{
			B: true, I: -1 << 40, I8: -128, I16: -32768, I32: -1 << 31, I64: -1 << 62,
			U: 1 << 40, U8: 255, U16: 65535, U32: 1<<32 - 1, U64: 1 << 62,
			F32: 1.5, F64: 3.141592653589793,
			S: "héllo 'wörld' \\ \"x\" ✓", Sz: "short", St: "active",
			Bs: []byte{0, 1, 2, 255, '\'', '\\'}, T: when,
			PS: &s, PI: &i, PT: &when, PB: &b,
			NS: sql.NullString{String: "n", Valid: true}, NI: sql.NullInt64{Int64: 7, Valid: true},
			NT: sql.NullTime{Time: when, Valid: true}, NF: sql.NullFloat64{Float64: 2.5, Valid: true},
			NB: sql.NullBool{Bool: true, Valid: true}, NG: sql.Null[int32]{V: 9, Valid: true},
			Pnt: Point{3, 4}, PPnt: &Point{5, 6},
			J: Meta{Tags: []string{"a", "b"}, Attrs: map[string]int{"k": 1}}, PJ: &Meta{Tags: []string{"p"}},
			Note: "n", Skip: "not stored",
		}
		empty := AllTypes{T: when}
		if err := db.Insert(ctx, &full, &empty); err != nil {
			t.Fatal(err)
		}
		for _, want := range []*AllTypes{&full, &empty} {
			got, err := rx.Get[AllTypes](ctx, db, want.ID)
			if err != nil {
				t.Fatal(err)
			}
			w := *want
			w.Skip = ""
			if diff := compareAllTypes(got, &w); diff != "" {
				t.Errorf("row %d round trip differs: %s", want.ID, diff)
			}
		}
	})
}

func compareAllTypes(got, want *AllTypes) string {
	var d []string
	chk := func(name string, ok bool, g, w any) {
		if !ok {
			d = append(d, fmt.Sprintf("%s: got %v, want %v", name, g, w))
		}
	}
	chk("B", got.B == want.B, got.B, want.B)
	chk("I", got.I == want.I, got.I, want.I)
	chk("I8", got.I8 == want.I8, got.I8, want.I8)
	chk("I16", got.I16 == want.I16, got.I16, want.I16)
	chk("I32", got.I32 == want.I32, got.I32, want.I32)
	chk("I64", got.I64 == want.I64, got.I64, want.I64)
	chk("U", got.U == want.U, got.U, want.U)
	chk("U8", got.U8 == want.U8, got.U8, want.U8)
	chk("U16", got.U16 == want.U16, got.U16, want.U16)
	chk("U32", got.U32 == want.U32, got.U32, want.U32)
	chk("U64", got.U64 == want.U64, got.U64, want.U64)
	chk("F32", got.F32 == want.F32, got.F32, want.F32)
	chk("F64", got.F64 == want.F64, got.F64, want.F64)
	chk("S", got.S == want.S, got.S, want.S)
	chk("Sz", got.Sz == want.Sz, got.Sz, want.Sz)
	chk("St", got.St == want.St, got.St, want.St)
	chk("Bs", bytes.Equal(got.Bs, want.Bs), got.Bs, want.Bs)
	chk("T", got.T.Equal(want.T), got.T, want.T)
	chk("PS", eqPtr(got.PS, want.PS), got.PS, want.PS)
	chk("PI", eqPtr(got.PI, want.PI), got.PI, want.PI)
	chk("PT", (got.PT == nil) == (want.PT == nil) && (got.PT == nil || got.PT.Equal(*want.PT)), got.PT, want.PT)
	chk("PB", eqPtr(got.PB, want.PB), got.PB, want.PB)
	chk("NS", got.NS == want.NS, got.NS, want.NS)
	chk("NI", got.NI == want.NI, got.NI, want.NI)
	chk("NT", got.NT.Valid == want.NT.Valid && got.NT.Time.Equal(want.NT.Time), got.NT, want.NT)
	chk("NF", got.NF == want.NF, got.NF, want.NF)
	chk("NB", got.NB == want.NB, got.NB, want.NB)
	chk("NG", got.NG == want.NG, got.NG, want.NG)
	chk("Pnt", got.Pnt == want.Pnt, got.Pnt, want.Pnt)
	chk("PPnt", eqPtr(got.PPnt, want.PPnt), got.PPnt, want.PPnt)
	chk("J", fmt.Sprint(got.J) == fmt.Sprint(want.J), got.J, want.J)
	chk("PJ", fmt.Sprint(got.PJ) == fmt.Sprint(want.PJ) || got.PJ != nil && want.PJ != nil && fmt.Sprint(*got.PJ) == fmt.Sprint(*want.PJ), got.PJ, want.PJ)
	chk("Note", got.Note == want.Note, got.Note, want.Note)
	chk("Skip", got.Skip == "", got.Skip, "")
	return strings.Join(d, "; ")
}

func eqPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func TestUnsupportedFieldType(t *testing.T) {
	type Bad struct {
		rx.Model
		Ch chan int
	}
	_, err := schema.TableOf(Bad{})
	var me *rx.ModelError
	if !errors.As(err, &me) || me.Field != "Ch" || !strings.Contains(err.Error(), "chan int") {
		t.Fatalf("TableOf(Bad) = %v; want a ModelError naming field Ch and its type", err)
	}
	if !strings.Contains(err.Error(), "Bad") {
		t.Fatalf("error %q does not name the model", err)
	}
}

type nullBlob struct {
	rx.Model
	Data []byte `rx:"null"`
}

// In an rx:"null" []byte field, nil is NULL and an empty slice is an
// empty value: both survive the round trip on every database.
func TestNullBytesEmptyIsNotNil(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &nullBlob{}); err != nil {
			t.Fatal(err)
		}
		rows := []*nullBlob{{Data: []byte{}}, {Data: nil}, {Data: []byte("x")}}
		for _, r := range rows {
			if err := db.Insert(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range rows {
			got, err := rx.Get[nullBlob](ctx, db, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if (got.Data == nil) != (r.Data == nil) || !bytes.Equal(got.Data, r.Data) {
				t.Errorf("stored %#v, read back %#v", r.Data, got.Data)
			}
		}
		if n, err := rx.Select[nullBlob](db).Where(rx.Eq{"data": nil}).Count(ctx); err != nil || n != 1 {
			t.Errorf("rows with NULL data: %d, %v; want 1", n, err)
		}
	})
}
