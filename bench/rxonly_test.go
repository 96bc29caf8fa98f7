package bench

import (
	"context"
	"flag"
	"fmt"

	"path/filepath"
	"reflect"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	sq "github.com/Masterminds/squirrel"

	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

const bulkRows = 10000

// BenchmarkBulk writes 10,000 rows in one transaction four ways: staged
// with s.Add and flushed (COPY on PostgreSQL, multi-row INSERTs
// elsewhere), the same in a joined transaction (multi-row INSERTs
// everywhere), one s.Insert per row, and hand-written multi-row INSERTs
// of the same batch size on database/sql. Every way sets the generated
// keys.
func BenchmarkBulk(b *testing.B) {
	for _, d := range dialects {
		b.Run("db="+d, func(b *testing.B) {
			e := getEnv(b, d)
			ctx := context.Background()
			rows := make([]Model, bulkRows)
			reset := func() {
				for i := range rows {
					rows[i] = newModel()
				}
			}
			ways := []struct {
				name string
				run  func() error
			}{
				{"add", func() error {
					return e.rx.WithSession(ctx, func(s *rx.Session) error {
						for i := range rows {
							if err := s.Add(&rows[i]); err != nil {
								return err
							}
						}
						return nil
					})
				}},
				{"add-multirow", func() error {
					// The same staging in a transaction rx joined, whose
					// connection it cannot reach: multi-row INSERTs, as
					// every flush was before COPY.
					tx, err := e.rx.SQLX().BeginTxx(ctx, nil)
					if err != nil {
						return err
					}
					defer tx.Rollback()
					err = e.rx.JoinTx(ctx, tx, func(s *rx.Session) error {
						for i := range rows {
							if err := s.Add(&rows[i]); err != nil {
								return err
							}
						}
						return nil
					})
					if err != nil {
						return err
					}
					return tx.Commit()
				}},
				{"insert", func() error {
					return e.rx.WithSession(ctx, func(s *rx.Session) error {
						for i := range rows {
							if err := s.Insert(ctx, &rows[i]); err != nil {
								return err
							}
						}
						return nil
					})
				}},
				{"handwritten", func() error {
					tx, err := e.raw.BeginTx(ctx, nil)
					if err != nil {
						return err
					}
					defer tx.Rollback()
					for start := 0; start < len(rows); start += 1000 {
						if err := e.sql.insertMulti(ctx, tx, rows[start:min(start+1000, len(rows))]); err != nil {
							return err
						}
					}
					return tx.Commit()
				}},
			}
			for _, w := range ways {
				b.Run("way="+w.name, func(b *testing.B) {
					b.ReportAllocs()
					for i := 0; i < b.N; i++ {
						reset()
						check(b, w.run())
						if rows[0].ID <= e.seedMax || rows[bulkRows-1].ID-rows[0].ID != bulkRows-1 {
							b.Fatalf("keys %d..%d after writing %d rows", rows[0].ID, rows[bulkRows-1].ID, bulkRows)
						}
					}
					b.StopTimer()
					e.trim(b)
				})
			}
		})
	}
}

// benchPattern is the -test.bench pattern, to run the big Iter case only
// when asked for by name.
func benchPattern() string {
	if f := flag.Lookup("test.bench"); f != nil {
		return f.Value.String()
	}
	return ""
}

// BenchmarkIter streams the rows of a SQLite table with Iter and loads
// them with All, reporting the peak heap during the call. 100,000 rows
// run always; 1,000,000 only when -bench names Iter, so that CI's
// `-bench . -benchtime 1x` stays quick.
func BenchmarkIter(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			if n > 100_000 && !strings.Contains(benchPattern(), "Iter") {
				b.Skipf("%d rows only with -bench Iter", n)
			}
			db := iterDB(b, n)
			ctx := context.Background()
			b.Run("way=iter", func(b *testing.B) {
				b.ReportAllocs()
				var peak uint64
				for i := 0; i < b.N; i++ {
					peak = max(peak, peakHeap(func() {
						count := 0
						for m, err := range rx.Select[Model](db).Iter(ctx) {
							check(b, err)
							if m.ID == 0 {
								b.Fatal("row without key")
							}
							count++
						}
						if count != n {
							b.Fatalf("iterated %d rows, want %d", count, n)
						}
					}))
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			})
			b.Run("way=all", func(b *testing.B) {
				b.ReportAllocs()
				var peak uint64
				for i := 0; i < b.N; i++ {
					peak = max(peak, peakHeap(func() {
						ms, err := rx.Select[Model](db).All(ctx)
						check(b, err)
						if len(ms) != n {
							b.Fatalf("loaded %d rows, want %d", len(ms), n)
						}
					}))
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			})
		})
	}
}

// iterDB is a SQLite database of its own holding n rows.
func iterDB(b *testing.B, n int) *rx.DB {
	b.Helper()
	dir := b.TempDir()
	ctx := context.Background()
	db, err := rx.Open(ctx, rx.Config{DBURL: "sqlite:///" + filepath.Join(dir, "iter.db"), IgnoreEnv: true})
	check(b, err)
	b.Cleanup(func() { db.Close() })
	check(b, db.CreateAll(ctx, &Model{}))
	rows := make([]Model, 10_000)
	for start := 0; start < n; start += len(rows) {
		check(b, db.WithSession(ctx, func(s *rx.Session) error {
			for i := range rows {
				rows[i] = newModel()
				if err := s.Add(&rows[i]); err != nil {
					return err
				}
			}
			return nil
		}))
	}
	return db
}

// peakHeap runs fn and returns the largest growth of the heap's live and
// unswept objects over what it held before, sampled every 200µs.
func peakHeap(fn func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	runtime.GC()
	base := read()
	stop, done := make(chan struct{}), make(chan uint64)
	go func() {
		peak := base
		t := time.NewTicker(200 * time.Microsecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				done <- max(peak, read()) - base
				return
			case <-t.C:
				peak = max(peak, read())
			}
		}
	}()
	fn()
	close(stop)
	return <-done
}

// BenchmarkBuildSelect renders a typical SELECT (three conditions, order,
// limit) without running it: rx's builder against squirrel alone.
func BenchmarkBuildSelect(b *testing.B) {
	e := getEnv(b, "sqlite")
	b.Run("lib=rx", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			query, args, err := rx.Select[Model](e.rx).
				Where(rx.Eq{"name": "Orm Benchmark"}, rx.Gt{"age": 18}, rx.Like{"title": "Just%"}).
				OrderBy("-id").Limit(10).ToSQL()
			check(b, err)
			if len(args) != 3 || !strings.Contains(query, "LIMIT 10") {
				b.Fatalf("%s %v", query, args)
			}
		}
	})
	b.Run("lib=squirrel", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			query, args, err := sq.Select(`"id"`, `"name"`, `"title"`, `"fax"`, `"web"`, `"age"`, `"right"`, `"counter"`).
				From(`"models"`).
				Where(sq.Eq{`"name"`: "Orm Benchmark"}).Where(sq.Gt{`"age"`: 18}).Where(sq.Like{`"title"`: "Just%"}).
				OrderBy(`"id" DESC`).Limit(10).ToSql()
			check(b, err)
			if len(args) != 3 || !strings.Contains(query, "LIMIT 10") {
				b.Fatalf("%s %v", query, args)
			}
		}
	})
}

// BenchmarkRegister measures first-use registration of a model: reading
// its struct by reflection and building its column accessors. Each
// iteration needs a type never seen before, from a pool of distinct
// types (regTypes), so b.N is bounded: run it with -benchtime Nx (N at
// most a twentieth of the pool, for -count 10).
func BenchmarkRegister(b *testing.B) {
	b.ReportAllocs()
	if b.N > len(regTypes)-regNext {
		b.Skipf("only %d unregistered types left for b.N=%d: use -benchtime 100x", len(regTypes)-regNext, b.N)
	}
	for i := 0; i < b.N; i++ {
		t := regTypes[regNext]
		regNext++
		tbl, err := schema.TableOf(t)
		check(b, err)
		if len(tbl.Columns) != 8 {
			b.Fatalf("%s: %d columns", t, len(tbl.Columns))
		}
	}
}

var regNext int

// RegBase is the body of every generated registration type; its
// TableName gives each a table of its own.
type RegBase struct {
	ID      int64 `rx:"pk,autoincrement"`
	Name    string
	Title   string
	Fax     string
	Web     string
	Age     int
	Right   bool
	Counter int64
}

var regSeq int

func (RegBase) TableName() string {
	regSeq++
	return fmt.Sprintf("reg_%d", regSeq)
}

// regTypes are 2,048 distinct model types for BenchmarkRegister, each a
// regT instantiated with its own type argument: reflect cannot make named
// struct types at run time, but the compiler instantiates a generic type
// once per type argument, and eleven levels of pairs make 2^11 of them.
var regTypes = func() []reflect.Type {
	var out []reflect.Type
	reg11[struct{}](&out)
	seen := map[reflect.Type]bool{}
	for _, t := range out {
		if seen[t] {
			panic("bench: regTypes holds " + t.String() + " twice")
		}
		seen[t] = true
	}
	return out
}()

type (
	regT[P any]       struct{ RegBase }
	regPair[A, B any] struct{}
	reg0bit           struct{}
	reg1bit           struct{}
)

func reg0[P any](o *[]reflect.Type)  { *o = append(*o, reflect.TypeFor[regT[P]]()) }
func reg1[P any](o *[]reflect.Type)  { reg0[regPair[P, reg0bit]](o); reg0[regPair[P, reg1bit]](o) }
func reg2[P any](o *[]reflect.Type)  { reg1[regPair[P, reg0bit]](o); reg1[regPair[P, reg1bit]](o) }
func reg3[P any](o *[]reflect.Type)  { reg2[regPair[P, reg0bit]](o); reg2[regPair[P, reg1bit]](o) }
func reg4[P any](o *[]reflect.Type)  { reg3[regPair[P, reg0bit]](o); reg3[regPair[P, reg1bit]](o) }
func reg5[P any](o *[]reflect.Type)  { reg4[regPair[P, reg0bit]](o); reg4[regPair[P, reg1bit]](o) }
func reg6[P any](o *[]reflect.Type)  { reg5[regPair[P, reg0bit]](o); reg5[regPair[P, reg1bit]](o) }
func reg7[P any](o *[]reflect.Type)  { reg6[regPair[P, reg0bit]](o); reg6[regPair[P, reg1bit]](o) }
func reg8[P any](o *[]reflect.Type)  { reg7[regPair[P, reg0bit]](o); reg7[regPair[P, reg1bit]](o) }
func reg9[P any](o *[]reflect.Type)  { reg8[regPair[P, reg0bit]](o); reg8[regPair[P, reg1bit]](o) }
func reg10[P any](o *[]reflect.Type) { reg9[regPair[P, reg0bit]](o); reg9[regPair[P, reg1bit]](o) }
func reg11[P any](o *[]reflect.Type) { reg10[regPair[P, reg0bit]](o); reg10[regPair[P, reg1bit]](o) }
