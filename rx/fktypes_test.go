package rx_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// An adopted schema spells one key type two ways: the key INTEGER, the
// column that references it INT.
type fktLang struct {
	ID   int64 `rx:"pk,type=INTEGER"`
	Name string
}

func (fktLang) TableName() string { return "fkt_lang" }

type fktFilm struct {
	rx.Model
	LangID int64 `rx:"type=INT,fk=fkt_lang.id"`
}

func (fktFilm) TableName() string { return "fkt_film" }

// fktPlain's key has no type=: INTEGER on SQLite, BIGINT elsewhere.
type fktPlain struct {
	rx.Model
	Name string
}

func (fktPlain) TableName() string { return "fkt_plain" }

type fktPlainRef struct {
	rx.Model
	PlainID int64 `rx:"type=INT,fk=fkt_plain.id"`
}

func (fktPlainRef) TableName() string { return "fkt_plain_ref" }

// TestForeignKeyTypeSpellings: a foreign key whose column and key are
// one type spelled two ways (INT and INTEGER) is accepted on every
// database; one from INT to rx's own integer key is accepted on SQLite,
// where both are INTEGER, and refused elsewhere (INT is not BIGINT) with
// both SQL types named.
func TestForeignKeyTypeSpellings(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &fktLang{}, &fktFilm{}); err != nil {
			t.Fatal(err)
		}
		err := db.CreateAll(ctx, &fktPlain{}, &fktPlainRef{})
		if db.Dialect().Name() == "sqlite" {
			if err != nil {
				t.Fatal(err)
			}
			return
		}
		var me *rx.ModelError
		if !errors.As(err, &me) || !strings.Contains(err.Error(), "the column is INT but fkt_plain.id is BIGINT on "+db.Dialect().Name()) {
			t.Fatalf("got %v", err)
		}
	})
}
