package bench

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/rxgo/rxdb/rx"
)

// BPage is the pagination fixture: pageRows rows in newest-first order by
// (created, id), with the index that order reads.
type BPage struct {
	ID      int64     `db:"id" rx:"pk,autoincrement,index=ix_bench_page_order:2"`
	Created time.Time `db:"created" rx:"index=ix_bench_page_order:1"`
	Title   string    `db:"title"`
}

func (BPage) TableName() string { return "bench_page" }

const (
	pageRows = 25_000
	pageSize = 20
)

var pageFixture sync.Map // dialect -> *relState

func pageSeed(b *testing.B, e *env) {
	b.Helper()
	v, _ := pageFixture.LoadOrStore(e.dialect, &relState{})
	st := v.(*relState)
	st.once.Do(func() {
		ctx := context.Background()
		if st.err = e.rx.CreateAll(ctx, &BPage{}); st.err != nil {
			return
		}
		base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		rows := make([]*BPage, 0, 1000)
		for i := range pageRows {
			// Three rows a second: ties on created, broken by id.
			rows = append(rows, &BPage{Created: base.Add(time.Duration(i/3) * time.Second), Title: "a page of the fixture"})
			if len(rows) == cap(rows) {
				if _, st.err = rx.Insert(e.rx, rows...).Exec(ctx); st.err != nil {
					return
				}
				rows = rows[:0]
			}
		}
		// Fresh statistics, so that each database plans with the index as
		// it would on a table filled over time.
		if e.dialect != "sqlite" {
			_, st.err = e.admin.ExecContext(ctx, map[string]string{"mysql": "ANALYZE TABLE bench_page", "postgres": "ANALYZE bench_page"}[e.dialect])
		}
	})
	if st.err != nil {
		b.Fatal(st.err)
	}
}

// BenchmarkKeysetPage reads page 1 and page 1,000 (20 rows a page) of a
// 25,000-row table ordered newest first, by OFFSET and by After (the
// last row of the page before, read once outside the timing): OFFSET
// reads and drops every row before its page, After starts at the page
// in the index.
func BenchmarkKeysetPage(b *testing.B) {
	for _, d := range dialects {
		b.Run("db="+d, func(b *testing.B) {
			e := getEnv(b, d)
			pageSeed(b, e)
			ctx := context.Background()
			q := func() *rx.SelectQuery[BPage] {
				return rx.Select[BPage](e.rx).OrderBy("-created", "-id").Limit(pageSize)
			}
			for _, page := range []int{1, 1000} {
				offset := (page - 1) * pageSize
				var last *BPage
				if page > 1 {
					prev, err := q().Offset(offset - 1).Limit(1).One(ctx)
					if err != nil {
						b.Fatal(err)
					}
					last = prev
					samePage(b, q().Offset(offset), q().After(last))
				}
				b.Run("page="+strconv.Itoa(page)+"/how=offset", func(b *testing.B) {
					for b.Loop() {
						if rows, err := q().Offset(offset).All(ctx); err != nil || len(rows) != pageSize {
							b.Fatal(len(rows), err)
						}
					}
				})
				b.Run("page="+strconv.Itoa(page)+"/how=keyset", func(b *testing.B) {
					for b.Loop() {
						qq := q()
						if last != nil {
							qq = qq.After(last)
						}
						if rows, err := qq.All(ctx); err != nil || len(rows) != pageSize {
							b.Fatal(len(rows), err)
						}
					}
				})
			}
		})
	}
}

// samePage checks that the two queries read the same rows.
func samePage(b *testing.B, offset, keyset *rx.SelectQuery[BPage]) {
	b.Helper()
	ctx := context.Background()
	x, err := offset.All(ctx)
	if err != nil {
		b.Fatal(err)
	}
	y, err := keyset.All(ctx)
	if err != nil {
		b.Fatal(err)
	}
	ids := func(rows []BPage) (out []int64) {
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out
	}
	if !slices.Equal(ids(x), ids(y)) {
		b.Fatalf("OFFSET read %v, After %v", ids(x), ids(y))
	}
}
