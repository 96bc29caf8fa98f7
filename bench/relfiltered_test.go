package bench

import (
	"context"
	"strings"
	"testing"

	"github.com/uptrace/bun"
	"gorm.io/gorm"

	"github.com/rxgo/rxdb/rx"
)

// BenchmarkRelationsFiltered loads 100 authors with a filtered, ordered
// relation: each author's books but the /9 ones, newest title first (900
// of the 1,000 books): rx WithQuery, GORM Preload with a condition
// function, bun Relation with one.
func BenchmarkRelationsFiltered(b *testing.B) {
	for _, d := range dialects {
		b.Run("db="+d, func(b *testing.B) {
			e := getEnv(b, d)
			relSeed(b, e)
			ctx := context.Background()
			libs := []struct {
				name string
				load func() ([]BAuthor, error)
			}{
				{"gorm", func() ([]BAuthor, error) {
					var out []BAuthor
					return out, e.gorm.WithContext(ctx).Preload("Books", func(db *gorm.DB) *gorm.DB {
						return db.Where("title NOT LIKE ?", "%/9").Order("title DESC")
					}).Find(&out).Error
				}},
				{"bun", func() ([]BAuthor, error) {
					var out []BAuthor
					return out, e.bun.NewSelect().Model(&out).Relation("Books", func(q *bun.SelectQuery) *bun.SelectQuery {
						return q.Where("title NOT LIKE ?", "%/9").Order("title DESC")
					}).Scan(ctx)
				}},
				{"rx", func() ([]BAuthor, error) {
					return rx.Select[BAuthor](e.rx).WithQuery("Books", func(q *rx.RelQuery) *rx.RelQuery {
						return q.Where(rx.NotLike{"title": "%/9"}).OrderBy("-title")
					}).All(ctx)
				}},
			}
			for _, l := range libs {
				b.Run("lib="+l.name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						out, err := l.load()
						check(b, err)
						relFilteredCheck(b, out)
					}
				})
			}
		})
	}
}

func relFilteredCheck(b *testing.B, authors []BAuthor) {
	if len(authors) != relAuthors {
		b.Fatalf("%d authors, want %d", len(authors), relAuthors)
	}
	for _, a := range authors {
		if len(a.Books) != relBooksEach-1 || !strings.HasSuffix(a.Books[0].Title, "/8") || !strings.HasSuffix(a.Books[8].Title, "/0") {
			b.Fatalf("author %s: %d books, from %q", a.Name, len(a.Books), a.Books[0].Title)
		}
	}
}
