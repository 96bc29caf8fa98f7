package rx_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

// The relation tests' library: authors write books, books carry tags.
type RelAuthor struct {
	rx.Model
	Name  string    `rx:"unique"`
	Books []RelBook // has-many, joined on rel_book.author_id by its fk
}

func (RelAuthor) TableName() string { return "rel_author" }

type RelBook struct {
	rx.Model
	Title    string
	AuthorID int64      `rx:"fk=rel_author.id,ondelete=cascade"`
	Author   *RelAuthor // belongs-to, through author_id
	Tags     []RelTag   `rx:"through=rel_book_tag"`
}

func (RelBook) TableName() string { return "rel_book" }

type RelTag struct {
	rx.Model
	Label string
}

func (RelTag) TableName() string { return "rel_tag" }

type RelBookTag struct {
	BookID int64 `rx:"pk,fk=rel_book.id,ondelete=cascade"`
	TagID  int64 `rx:"pk,fk=rel_tag.id,ondelete=restrict"`
}

func (RelBookTag) TableName() string { return "rel_book_tag" }

// A review may outlive its book (set null), and a shelf entry must not
// (restrict, the default being no action).
type RelReview struct {
	rx.Model
	BookID *int64 `rx:"fk=rel_book.id,ondelete=set null,onupdate=cascade"`
	Stars  int
}

func (RelReview) TableName() string { return "rel_review" }

var relModels = []any{&RelBookTag{}, &RelReview{}, &RelTag{}, &RelBook{}, &RelAuthor{}}

func TestForeignKeyDDL(t *testing.T) {
	if err := rx.Register(relModels...); err != nil {
		t.Fatal(err)
	}
	book, _ := schema.TableOf(&RelBook{})
	for _, dialect := range rxtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			db := rxtest.Open(t, dialect)
			q := db.Dialect().Quote
			stmts := db.CreateTableSQL(book)
			want := "CONSTRAINT " + q("fk_rel_book_author_id") + " FOREIGN KEY (" + q("author_id") + ") REFERENCES " + q("rel_author") + " (" + q("id") + ") ON DELETE CASCADE"
			if !strings.Contains(stmts[0], want) {
				t.Errorf("CREATE TABLE lacks\n%s\n in\n%s", want, stmts[0])
			}
			// The referencing column is indexed, by rx rather than by
			// MySQL behind migrations' back.
			if len(stmts) != 2 || !strings.Contains(stmts[1], q("ix_rel_book_author_id")) {
				t.Errorf("want the fk column's index, got %q", stmts[1:])
			}
		})
	}
	review, _ := schema.TableOf(&RelReview{})
	fk := review.ForeignKeys()[0]
	if fk.OnDelete != schema.ActionSetNull || fk.OnUpdate != schema.ActionCascade || fk.Name != "fk_rel_review_book_id" {
		t.Errorf("review fk = %+v", fk)
	}
}

type fkBadType struct {
	rx.Model
	AuthorID string `rx:"fk=rel_author.id"`
}

type fkBadColumn struct {
	rx.Model
	AuthorID int64 `rx:"fk=rel_author.uid"`
}

type fkNotUnique struct {
	rx.Model
	AuthorName int64 `rx:"fk=rel_tag.label"`
}

type fkSetNull struct {
	rx.Model
	AuthorID int64 `rx:"fk=rel_author.id,ondelete=set null"`
}

type fkBadAction struct {
	rx.Model
	AuthorID int64 `rx:"fk=rel_author.id,ondelete=explode"`
}

type fkNoTarget struct {
	rx.Model
	AuthorID int64 `rx:"ondelete=cascade"`
}

type fkLater struct {
	rx.Model
	ParentID int64 `rx:"fk=fk_later_parent.id"`
}

type fkLaterParent struct {
	ID string `rx:"pk"`
}

func (fkLaterParent) TableName() string { return "fk_later_parent" }

func TestForeignKeyChecks(t *testing.T) {
	if err := rx.Register(relModels...); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		model any
		want  string
	}{
		{&fkBadType{}, "the column is string but rel_author.id is int64"},
		{&fkBadColumn{}, `has no column "uid"`},
		{&fkNotUnique{}, "neither the primary key nor unique"},
		{&fkSetNull{}, "set null needs a nullable column"},
		{&fkBadAction{}, `unknown action "explode"`},
		{&fkNoTarget{}, "ondelete and onupdate need fk=table.column"},
	}
	for _, tt := range tests {
		_, err := schema.TableOf(tt.model)
		var me *rx.ModelError
		if !errors.As(err, &me) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%T: got %v, want a ModelError with %q", tt.model, err, tt.want)
		}
	}

	// A reference to a model not registered yet waits for it: CreateAll
	// names the missing model, and the target's registration checks it.
	if _, err := schema.TableOf(&fkLater{}); err != nil {
		t.Fatalf("registering before the target: %v", err)
	}
	db := rxtest.Open(t, "sqlite")
	ctx := context.Background()
	if err := db.CreateAll(ctx, &fkLater{}); err == nil || !strings.Contains(err.Error(), `no registered model has table "fk_later_parent"`) {
		t.Errorf("CreateAll with an unregistered target: %v", err)
	}
	if _, err := schema.TableOf(&fkLaterParent{}); err == nil || !strings.Contains(err.Error(), "the column is int64 but fk_later_parent.id is string") {
		t.Errorf("registering the mismatched target: %v", err)
	}
}

type cycleA struct {
	rx.Model
	BID int64 `rx:"fk=cycle_b.id"`
}

func (cycleA) TableName() string { return "cycle_a" }

type cycleB struct {
	rx.Model
	AID int64 `rx:"fk=cycle_a.id"`
}

func (cycleB) TableName() string { return "cycle_b" }

// A model may reference itself: its table is created with the constraint.
type relCategory struct {
	rx.Model
	ParentID *int64 `rx:"fk=rel_category.id,ondelete=cascade"`
	Parent   *relCategory
}

func (relCategory) TableName() string { return "rel_category" }

func TestCreateAllOrdersByForeignKeys(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		// Children first, parents last: CreateAll reorders.
		if err := db.CreateAll(ctx, relModels...); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateAll(ctx, &relCategory{}); err != nil {
			t.Fatal(err)
		}
		// A cycle: the key that points at a table not created yet is
		// added once both exist (inline on SQLite), and both are enforced.
		if err := db.CreateAll(ctx, &cycleA{}, &cycleB{}); err != nil {
			t.Fatalf("cycle: %v", err)
		}
		for _, row := range []any{&cycleA{BID: 99}, &cycleB{AID: 99}} {
			if err := db.Insert(ctx, row); !errors.Is(err, rx.ErrForeignKeyViolation) {
				t.Errorf("insert %T pointing at nothing: %v, want ErrForeignKeyViolation", row, err)
			}
		}
	})
}

func TestForeignKeyViolations(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, relModels...); err != nil {
			t.Fatal(err)
		}
		// A child pointing at no parent.
		err := db.Insert(ctx, &RelBook{Title: "orphan", AuthorID: 999})
		if !errors.Is(err, rx.ErrForeignKeyViolation) {
			t.Fatalf("orphan insert: %v, want ErrForeignKeyViolation", err)
		}
		if errors.Is(err, rx.ErrUniqueViolation) {
			t.Errorf("an fk violation is also marked unique: %v", err)
		}
		a := &RelAuthor{Name: "Ann"}
		tag := &RelTag{Label: "sf"}
		if err := db.Insert(ctx, a, tag); err != nil {
			t.Fatal(err)
		}
		b := &RelBook{Title: "One", AuthorID: a.ID}
		if err := db.Insert(ctx, b); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, &RelBookTag{BookID: b.ID, TagID: tag.ID}, &RelReview{BookID: &b.ID, Stars: 5}); err != nil {
			t.Fatal(err)
		}
		// restrict: a tag in use cannot go.
		if err := db.Delete(ctx, tag); !errors.Is(err, rx.ErrForeignKeyViolation) {
			t.Errorf("deleting a tag in use: %v, want ErrForeignKeyViolation", err)
		}
		// cascade: the author takes the book and its links with it; set
		// null: the review stays, pointing at nothing.
		if err := db.Delete(ctx, a); err != nil {
			t.Fatalf("deleting the author: %v", err)
		}
		if n, err := rx.Select[RelBook](db).Count(ctx); err != nil || n != 0 {
			t.Errorf("books after cascade: %d, %v", n, err)
		}
		if n, err := rx.Select[RelBookTag](db).Count(ctx); err != nil || n != 0 {
			t.Errorf("links after cascade: %d, %v", n, err)
		}
		r, err := rx.Select[RelReview](db).First(ctx)
		if err != nil || r.BookID != nil {
			t.Errorf("review after set null: %+v, %v", r, err)
		}
		// Now the tag is free.
		if err := db.Delete(ctx, tag); err != nil {
			t.Errorf("deleting an unused tag: %v", err)
		}
	})
}

type relPoint struct{ X, Y int }

type relNotAModel struct {
	rx.Model
	Where relPoint
}

func TestStructFieldThatIsNoModel(t *testing.T) {
	_, err := schema.TableOf(&relNotAModel{})
	if err == nil || !strings.Contains(err.Error(), "is a struct but not a model") || !strings.Contains(err.Error(), `rx:"json"`) {
		t.Errorf("a plain struct field: %v", err)
	}
}
