package rx_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// A many-to-many whose two ends have keys of different types: an integer
// key on one side, a text code on the other (a film and its languages by
// ISO code). Each link column has the type of the key it references.
type mixFilm struct {
	rx.Model
	Title string
	Langs []mixLang `rx:"through=mix_film_lang"`
}

func (mixFilm) TableName() string { return "mix_film" }

type mixLang struct {
	Code string `rx:"pk,size=8"`
	Name string
}

func (mixLang) TableName() string { return "mix_lang" }

type mixFilmLang struct {
	FilmID   int64  `rx:"pk,fk=mix_film.id"`
	LangCode string `rx:"pk,size=8,fk=mix_lang.code"`
}

func (mixFilmLang) TableName() string { return "mix_film_lang" }

// TestManyToManyMixedKeyTypes: the relation is accepted and loads, since
// each link column matches the key it joins (the check compared the two
// ends' keys with each other, which need not match).
func TestManyToManyMixedKeyTypes(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &mixFilm{}, &mixLang{}, &mixFilmLang{}); err != nil {
			t.Fatal(err)
		}
		f := &mixFilm{Title: "Heat"}
		if err := db.Insert(ctx, f); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, &mixLang{Code: "en", Name: "English"}, &mixLang{Code: "fr", Name: "French"}); err != nil {
			t.Fatal(err)
		}
		if err := db.Insert(ctx, &mixFilmLang{FilmID: f.ID, LangCode: "fr"}); err != nil {
			t.Fatal(err)
		}
		got, err := rx.Select[mixFilm](db).With("Langs").All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || len(got[0].Langs) != 1 || got[0].Langs[0].Code != "fr" {
			t.Fatalf("got %+v", got)
		}
	})
}

type mixBadFilm struct {
	rx.Model
	Langs []mixLang `rx:"through=mix_bad_link"`
}

func (mixBadFilm) TableName() string { return "mix_bad_film" }

// mixBadLink's lang column does not have the type of mix_lang's key.
type mixBadLink struct {
	MixBadFilmID int64 `rx:"pk"`
	MixLangID    int64 `rx:"pk"`
}

func (mixBadLink) TableName() string { return "mix_bad_link" }

// TestManyToManyLinkTypeChecked: a link column whose type differs from
// the key it joins is still refused, naming both.
func TestManyToManyLinkTypeChecked(t *testing.T) {
	err := rx.Register(&mixLang{}, &mixBadLink{}, &mixBadFilm{})
	if err == nil || !strings.Contains(err.Error(), "through=mix_bad_link: mix_lang_id is int64 but code is string") {
		t.Fatalf("got %v", err)
	}
}
