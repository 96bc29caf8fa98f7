package schema_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/schema"
)

type ixFilm struct {
	ID       int64  `rx:"pk"`
	StoreID  int64  `rx:"fk=ix_store.id,index=ix_film_store_title"`
	Title    string `rx:"size=100,index=ix_film_store_title,unique=ux_film_title_year:1,fulltext=ft_film_text"`
	Year     int64  `rx:"unique=ux_film_title_year:2,check=year > 1800"`
	Body     string `rx:"fulltext=ft_film_text"`
	Summary  string `rx:"fulltext"`
	Lang     string `rx:"index,check=lang IN ('en', 'fr')"`
	Reversed int64  `rx:"index=ix_film_rev:2"`
	First    int64  `rx:"index=ix_film_rev:1"`
}

type ixStore struct {
	ID int64 `rx:"pk"`
}

// TestNamedIndexes: named indexes take their columns in field order or
// by explicit position, unique= and fulltext= make their kinds, check=
// makes a named CHECK, and a foreign key led by a named index gets no
// index of its own.
func TestNamedIndexes(t *testing.T) {
	if err := schema.Register(&ixStore{}, &ixFilm{}); err != nil {
		t.Fatal(err)
	}
	tbl, _ := schema.TableOf(&ixFilm{})
	want := []schema.Index{
		{Name: "ft_ix_film_summary", Columns: []string{"summary"}, Fulltext: true},
		{Name: "ix_ix_film_lang", Columns: []string{"lang"}},
		{Name: "ix_film_store_title", Columns: []string{"store_id", "title"}},
		{Name: "ux_film_title_year", Columns: []string{"title", "year"}, Unique: true},
		{Name: "ft_film_text", Columns: []string{"title", "body"}, Fulltext: true},
		{Name: "ix_film_rev", Columns: []string{"first", "reversed"}},
	}
	if got := tbl.Indexes(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Indexes:\n got %+v\nwant %+v", got, want)
	}
	wantChecks := []schema.Check{
		{Name: "ck_ix_film_year", Column: "year", Expr: "year > 1800"},
		{Name: "ck_ix_film_lang", Column: "lang", Expr: "lang IN ('en', 'fr')"},
	}
	if got := tbl.Checks(); !reflect.DeepEqual(got, wantChecks) {
		t.Fatalf("Checks:\n got %+v\nwant %+v", got, wantChecks)
	}
}

// TestIndexTagErrors: each misuse is a ModelError naming the field and
// the fix.
func TestIndexTagErrors(t *testing.T) {
	type samePos struct {
		ID int64  `rx:"pk"`
		A  string `rx:"index=ix_a:2"`
		B  string `rx:"index=ix_a:2"`
	}
	type badName struct {
		ID int64  `rx:"pk"`
		A  string `rx:"unique=ux-a"`
	}
	type fulltextUnique struct {
		ID int64  `rx:"pk"`
		A  string `rx:"fulltext,unique"`
	}
	type mixedKinds struct {
		ID int64  `rx:"pk"`
		A  string `rx:"unique=k_ab"`
		B  string `rx:"fulltext=k_ab"`
	}
	type gap struct {
		ID int64  `rx:"pk"`
		A  string `rx:"index=ix_ab:1"`
		B  string `rx:"index=ix_ab:3"`
	}
	type mixedPos struct {
		ID int64  `rx:"pk"`
		A  string `rx:"index=ix_ab:1"`
		B  string `rx:"index=ix_ab"`
	}
	type fulltextInt struct {
		ID int64 `rx:"pk"`
		A  int64 `rx:"fulltext"`
	}
	type emptyCheck struct {
		ID int64 `rx:"pk"`
		A  int64 `rx:"check="`
	}
	type flagValue struct {
		ID int64 `rx:"pk"`
		A  int64 `rx:"null=yes"`
	}
	for _, tc := range []struct {
		model any
		field string
		want  string
	}{
		{samePos{}, "B", "field A also claims position 2 of index ix_a: give each field its own position"},
		{badName{}, "A", `the index name "ux-a" must be letters`},
		{fulltextUnique{}, "A", "a FULLTEXT index cannot be UNIQUE"},
		{mixedKinds{}, "B", "field A declares k_ab as unique: one name is one index"},
		{gap{}, "B", "positions run from 1 to 2"},
		{mixedPos{}, "B", "give every field of the index its position, or none"},
		{fulltextInt{}, "A", "fulltext needs a string field"},
		{emptyCheck{}, "A", "check needs an SQL expression"},
		{flagValue{}, "A", "rx tag option null takes no value"},
	} {
		_, err := schema.TableOf(tc.model)
		var me *schema.ModelError
		if !errors.As(err, &me) || me.Field != tc.field || !strings.Contains(me.Reason, tc.want) {
			t.Errorf("%T: got %v, want a ModelError on field %s saying %q", tc.model, err, tc.field, tc.want)
		}
	}
}
