package bench

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/rxgo/rxdb/rx"
)

// The eager-loading fixture: 100 authors with 10 books each, each book
// with 3 of 30 tags, tagged for rx, GORM and bun alike.
type BAuthor struct {
	bun.BaseModel `bun:"table:bench_author"`
	ID            int64   `db:"id" rx:"pk,autoincrement" gorm:"primaryKey" bun:"id,pk,autoincrement"`
	Name          string  `db:"name" bun:"name"`
	Books         []BBook `gorm:"foreignKey:AuthorID" bun:"rel:has-many,join:id=author_id"`
}

func (BAuthor) TableName() string { return "bench_author" }

type BBook struct {
	bun.BaseModel `bun:"table:bench_book"`
	ID            int64  `db:"id" rx:"pk,autoincrement" gorm:"primaryKey" bun:"id,pk,autoincrement"`
	Title         string `db:"title" bun:"title"`
	AuthorID      int64  `db:"author_id" rx:"fk=bench_author.id" bun:"author_id"`
	Tags          []BTag `rx:"through=bench_book_tag" gorm:"many2many:bench_book_tag;joinForeignKey:BookID;joinReferences:TagID" bun:"m2m:bench_book_tag,join:Book=Tag"`
}

func (BBook) TableName() string { return "bench_book" }

type BTag struct {
	bun.BaseModel `bun:"table:bench_tag"`
	ID            int64  `db:"id" rx:"pk,autoincrement" gorm:"primaryKey" bun:"id,pk,autoincrement"`
	Label         string `db:"label" bun:"label"`
}

func (BTag) TableName() string { return "bench_tag" }

// BBookTag is the link model; bun needs its belongs-to fields to follow
// the m2m relation, and rx sees them as relations too.
type BBookTag struct {
	bun.BaseModel `bun:"table:bench_book_tag"`
	BookID        int64  `db:"book_id" rx:"pk,fk=bench_book.id" gorm:"primaryKey" bun:"book_id,pk"`
	Book          *BBook `gorm:"-" bun:"rel:belongs-to,join:book_id=id"`
	TagID         int64  `db:"tag_id" rx:"pk,fk=bench_tag.id" gorm:"primaryKey" bun:"tag_id,pk"`
	Tag           *BTag  `gorm:"-" bun:"rel:belongs-to,join:tag_id=id"`
}

func (BBookTag) TableName() string { return "bench_book_tag" }

const (
	relAuthors     = 100
	relBooksEach   = 10
	relTagsEach    = 3
	relTagsInTotal = 30
)

var relFixture sync.Map // dialect -> *sync.Once guarded error

type relState struct {
	once sync.Once
	err  error
}

// relSeed creates and fills the fixture tables once per database.
func relSeed(b *testing.B, e *env) {
	b.Helper()
	v, _ := relFixture.LoadOrStore(e.dialect, &relState{})
	st := v.(*relState)
	st.once.Do(func() {
		ctx := context.Background()
		if st.err = e.rx.CreateAll(ctx, &BBookTag{}, &BTag{}, &BBook{}, &BAuthor{}); st.err != nil {
			return
		}
		e.bun.RegisterModel((*BBookTag)(nil))
		st.err = e.rx.WithSession(ctx, func(s *rx.Session) error {
			tags := make([]BTag, relTagsInTotal)
			for i := range tags {
				tags[i].Label = fmt.Sprintf("tag %02d", i)
				if err := s.Add(&tags[i]); err != nil {
					return err
				}
			}
			if err := s.Flush(ctx); err != nil {
				return err
			}
			authors := make([]BAuthor, relAuthors)
			for i := range authors {
				authors[i].Name = fmt.Sprintf("author %03d", i)
				if err := s.Add(&authors[i]); err != nil {
					return err
				}
			}
			if err := s.Flush(ctx); err != nil {
				return err
			}
			for i := range authors {
				for j := 0; j < relBooksEach; j++ {
					bk := &BBook{Title: fmt.Sprintf("book %03d/%d", i, j), AuthorID: authors[i].ID}
					for k := 0; k < relTagsEach; k++ {
						bk.Tags = append(bk.Tags, tags[(i+j+k*7)%relTagsInTotal])
					}
					if err := s.Add(bk); err != nil {
						return err
					}
				}
			}
			return nil
		})
	})
	if st.err != nil {
		b.Fatalf("seeding the relations fixture: %v", st.err)
	}
}

// relCheck verifies a load: every author, book and tag in place.
func relCheck(b *testing.B, authors []BAuthor) {
	if len(authors) != relAuthors {
		b.Fatalf("%d authors, want %d", len(authors), relAuthors)
	}
	for _, a := range authors {
		if len(a.Books) != relBooksEach {
			b.Fatalf("author %s has %d books", a.Name, len(a.Books))
		}
		for _, bk := range a.Books {
			if bk.AuthorID != a.ID || len(bk.Tags) != relTagsEach || bk.Tags[0].Label == "" {
				b.Fatalf("book %+v of author %d", bk, a.ID)
			}
		}
	}
}

// BenchmarkRelations loads 100 authors with their 1,000 books and the
// books' 3,000 tag links: rx With, GORM Preload, bun Relation, and the
// hand-written three queries on database/sql as the floor.
func BenchmarkRelations(b *testing.B) {
	for _, d := range dialects {
		b.Run("db="+d, func(b *testing.B) {
			e := getEnv(b, d)
			relSeed(b, e)
			ctx := context.Background()
			stmts, err := relStatements(ctx, e)
			check(b, err)
			libs := []struct {
				name string
				load func() ([]BAuthor, error)
			}{
				{"raw", func() ([]BAuthor, error) { return relRaw(ctx, e) }},
				{"gorm", func() ([]BAuthor, error) {
					var out []BAuthor
					return out, e.gorm.WithContext(ctx).Preload("Books.Tags").Find(&out).Error
				}},
				{"bun", func() ([]BAuthor, error) {
					var out []BAuthor
					return out, e.bun.NewSelect().Model(&out).Relation("Books").Relation("Books.Tags").Scan(ctx)
				}},
				{"rx", func() ([]BAuthor, error) {
					return rx.Select[BAuthor](e.rx).With("Books.Tags").All(ctx)
				}},
			}
			for _, l := range libs {
				b.Run("lib="+l.name, func(b *testing.B) {
					b.ReportAllocs()
					for i := 0; i < b.N; i++ {
						out, err := l.load()
						check(b, err)
						relCheck(b, out)
					}
					b.ReportMetric(float64(stmts[l.name]), "queries/op")
				})
			}
		})
	}
}

// relRaw is the floor: three hand-written queries, the IN lists written
// out, rows grouped by key with maps.
func relRaw(ctx context.Context, e *env) ([]BAuthor, error) {
	rebind := e.sql.rebind
	rows, err := e.raw.QueryContext(ctx, "SELECT id, name FROM bench_author")
	if err != nil {
		return nil, err
	}
	var authors []BAuthor
	for rows.Next() {
		var a BAuthor
		if err := rows.Scan(&a.ID, &a.Name); err != nil {
			return nil, err
		}
		authors = append(authors, a)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	ids := make([]any, len(authors))
	byAuthor := make(map[int64]int, len(authors))
	for i, a := range authors {
		ids[i] = a.ID
		byAuthor[a.ID] = i
	}
	rows, err = e.raw.QueryContext(ctx, rebind("SELECT id, title, author_id FROM bench_book WHERE author_id IN ("+placeholders(len(ids))+") ORDER BY id"), ids...)
	if err != nil {
		return nil, err
	}
	var books []BBook
	for rows.Next() {
		var bk BBook
		if err := rows.Scan(&bk.ID, &bk.Title, &bk.AuthorID); err != nil {
			return nil, err
		}
		books = append(books, bk)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	bookIDs := make([]any, len(books))
	byBook := make(map[int64]int, len(books))
	for i, bk := range books {
		bookIDs[i] = bk.ID
		byBook[bk.ID] = i
	}
	rows, err = e.raw.QueryContext(ctx, rebind("SELECT t.id, t.label, bt.book_id FROM bench_tag t JOIN bench_book_tag bt ON bt.tag_id = t.id WHERE bt.book_id IN ("+placeholders(len(bookIDs))+") ORDER BY t.id"), bookIDs...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var t BTag
		var bookID int64
		if err := rows.Scan(&t.ID, &t.Label, &bookID); err != nil {
			return nil, err
		}
		bk := &books[byBook[bookID]]
		bk.Tags = append(bk.Tags, t)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	for _, bk := range books {
		a := &authors[byAuthor[bk.AuthorID]]
		a.Books = append(a.Books, bk)
	}
	return authors, nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// Statement counters, one per library's own hook, used once per
// database outside the timed loop so that the timed loads carry no hook.
type rxCounter struct{ n atomic.Int64 }

func (c *rxCounter) BeforeQuery(ctx context.Context, ev *rx.QueryEvent) context.Context { return ctx }
func (c *rxCounter) AfterQuery(ctx context.Context, ev *rx.QueryEvent)                  { c.n.Add(1) }

type bunCounter struct{ n atomic.Int64 }

func (c *bunCounter) BeforeQuery(ctx context.Context, ev *bun.QueryEvent) context.Context {
	return ctx
}
func (c *bunCounter) AfterQuery(ctx context.Context, ev *bun.QueryEvent) { c.n.Add(1) }

type gormCounter struct {
	logger.Interface
	n atomic.Int64
}

func (c *gormCounter) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	c.n.Add(1)
}

// relStatements loads once per library with a counting hook and returns
// the statements each sent.
func relStatements(ctx context.Context, e *env) (map[string]int64, error) {
	out := map[string]int64{"raw": 3}
	rc := &rxCounter{}
	rdb, err := rx.Wrap(e.rx.SQLX())
	if err != nil {
		return nil, err
	}
	rdb.AddQueryHook(rc)
	if _, err := rx.Select[BAuthor](rdb).With("Books.Tags").All(ctx); err != nil {
		return nil, err
	}
	out["rx"] = rc.n.Load()
	gc := &gormCounter{Interface: logger.Discard}
	var ga []BAuthor
	if err := e.gorm.Session(&gorm.Session{Logger: gc}).WithContext(ctx).Preload("Books.Tags").Find(&ga).Error; err != nil {
		return nil, err
	}
	out["gorm"] = gc.n.Load()
	bc := &bunCounter{}
	bdb := bun.NewDB(e.bun.DB, e.bun.Dialect())
	bdb.RegisterModel((*BBookTag)(nil))
	bdb.AddQueryHook(bc)
	var ba []BAuthor
	if err := bdb.NewSelect().Model(&ba).Relation("Books").Relation("Books.Tags").Scan(ctx); err != nil {
		return nil, err
	}
	out["bun"] = bc.n.Load()
	return out, nil
}
