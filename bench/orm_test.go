package bench

import (
	"context"
	"testing"
)

// eachLib runs fn as BenchmarkX/db=D/lib=L for every database and
// library, trimming the rows it added afterwards so every library meets
// a table of the same size.
func eachLib(b *testing.B, fn func(b *testing.B, e *env, l lib)) {
	for _, d := range dialects {
		b.Run("db="+d, func(b *testing.B) {
			e := getEnv(b, d)
			for _, l := range e.libs() {
				b.Run("lib="+l.name, func(b *testing.B) {
					b.ReportAllocs()
					fn(b, e, l.lib)
					b.StopTimer()
					e.trim(b)
				})
			}
		})
	}
}

func check(b *testing.B, err error) {
	if err != nil {
		b.Helper()
		b.Fatal(err)
	}
}

func BenchmarkInsert(b *testing.B) {
	eachLib(b, func(b *testing.B, e *env, l lib) {
		ctx := context.Background()
		for i := 0; i < b.N; i++ {
			m := newModel()
			check(b, l.insert(ctx, &m))
			if m.ID <= e.seedMax {
				b.Fatalf("insert set key %d, want a new one", m.ID)
			}
		}
	})
}

func BenchmarkInsertMulti(b *testing.B) {
	eachLib(b, func(b *testing.B, e *env, l lib) {
		ctx := context.Background()
		ms := make([]Model, 100)
		for i := 0; i < b.N; i++ {
			for j := range ms {
				ms[j] = newModel()
			}
			check(b, l.insertMulti(ctx, ms))
			for j := range ms {
				if ms[j].ID <= e.seedMax || j > 0 && ms[j].ID == ms[j-1].ID {
					b.Fatalf("row %d has key %d after inserting 100 rows", j, ms[j].ID)
				}
			}
		}
	})
}

func BenchmarkUpdate(b *testing.B) {
	eachLib(b, func(b *testing.B, e *env, l lib) {
		ctx := context.Background()
		m := newModel()
		m.ID = 1
		for i := 0; i < b.N; i++ {
			m.Counter = int64(i)
			check(b, l.update(ctx, &m))
		}
	})
}

func BenchmarkRead(b *testing.B) {
	eachLib(b, func(b *testing.B, e *env, l lib) {
		ctx := context.Background()
		want := newModel()
		for i := 0; i < b.N; i++ {
			id := int64(i%seedRows) + 1
			m, err := l.read(ctx, id)
			check(b, err)
			if m.ID != id || m.Web != want.Web || m.Age != want.Age {
				b.Fatalf("read %d: got %+v", id, m)
			}
		}
	})
}

func BenchmarkReadSlice(b *testing.B) {
	eachLib(b, func(b *testing.B, e *env, l lib) {
		ctx := context.Background()
		for i := 0; i < b.N; i++ {
			ms, err := l.readSlice(ctx)
			check(b, err)
			if len(ms) != 100 || ms[99].ID == 0 || ms[99].Web == "" {
				b.Fatalf("read %d rows, want 100", len(ms))
			}
		}
	})
}

func BenchmarkFindPage(b *testing.B) {
	eachLib(b, func(b *testing.B, e *env, l lib) {
		ctx := context.Background()
		for i := 0; i < b.N; i++ {
			ms, err := l.findPage(ctx, 100)
			check(b, err)
			if len(ms) != 10 || ms[0].ID != 101 || ms[9].ID != 110 {
				b.Fatalf("page after 100 rows: %d rows from id %d", len(ms), firstID(ms))
			}
		}
	})
}

func firstID(ms []Model) int64 {
	if len(ms) == 0 {
		return 0
	}
	return ms[0].ID
}

func BenchmarkDelete(b *testing.B) {
	eachLib(b, func(b *testing.B, e *env, l lib) {
		ctx := context.Background()
		b.StopTimer()
		rows := e.scratch(b, b.N)
		b.StartTimer()
		for i := 0; i < b.N; i++ {
			check(b, l.delete(ctx, &rows[i]))
		}
	})
}
