package migrate_test

import (
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// htLang and htFilm model tables that rxdb did not create (adoptedDDL),
// whose types are spelled as their databases spell them: INT keys on
// SQLite, int(11), year(4), smallint(5) unsigned and BOOL on MariaDB,
// serial, int4 and float8 on PostgreSQL.
type htLang struct {
	LanguageID int32  `rx:"pk,autoincrement"`
	Name       string `rx:"size=20"`
}

func (htLang) TableName() string { return "ht_lang" }

type htFilm struct {
	FilmID      int32   `rx:"pk,autoincrement"`
	Title       string  `rx:"size=255"`
	LanguageID  int32   `rx:"fk=ht_lang.language_id"`
	Length      *uint16 `rx:"type.postgres=INTEGER"`
	ReleaseYear *int16  `rx:"type.mysql=YEAR"`
	Active      bool    `rx:"default=true"`
	Rate        float64
}

func (htFilm) TableName() string { return "ht_film" }

var adoptedDDL = map[string][]string{
	"sqlite": {
		`CREATE TABLE ht_lang (language_id INTEGER PRIMARY KEY, name VARCHAR(20) NOT NULL)`,
		`CREATE TABLE ht_film (film_id INTEGER PRIMARY KEY, title varchar(255) NOT NULL,
			language_id INT NOT NULL REFERENCES ht_lang (language_id), length SMALLINT, release_year INT,
			active BOOLEAN NOT NULL DEFAULT 1, rate DOUBLE NOT NULL)`,
		`CREATE INDEX ix_ht_film_language_id ON ht_film (language_id)`,
	},
	"mysql": {
		`CREATE TABLE ht_lang (language_id int(11) NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(20) NOT NULL)`,
		`CREATE TABLE ht_film (film_id integer NOT NULL AUTO_INCREMENT PRIMARY KEY, title varchar(255) NOT NULL,
			language_id int(11) NOT NULL, length smallint(5) unsigned, release_year year(4),
			active BOOL NOT NULL DEFAULT 1, rate double precision NOT NULL,
			KEY ix_ht_film_language_id (language_id),
			CONSTRAINT fk_ht_film_language_id FOREIGN KEY (language_id) REFERENCES ht_lang (language_id))`,
	},
	"postgres": {
		`CREATE TABLE ht_lang (language_id serial PRIMARY KEY, name varchar(20) NOT NULL)`,
		`CREATE TABLE ht_film (film_id serial PRIMARY KEY, title varchar(255) NOT NULL,
			language_id int4 NOT NULL REFERENCES ht_lang (language_id), length int4, release_year int2,
			active bool NOT NULL DEFAULT true, rate float8 NOT NULL)`,
		`CREATE INDEX ix_ht_film_language_id ON ht_film (language_id)`,
	},
}

// TestAdoptedTypesDoNotDrift: tables made by hand, in each database's
// own spellings of the types the models ask for, give a clean diff: no
// type change, and on SQLite no table rebuild.
func TestAdoptedTypesDoNotDrift(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		db := openDB(t, cfg)
		for _, s := range adoptedDDL[db.Dialect().Name()] {
			if _, err := db.Exec(ctx(t), s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		st, err := migrate.New(cfg, htLang{}, htFilm{}).Status(ctx(t))
		if err != nil {
			t.Fatal(err)
		}
		if !st.Drift.Empty() {
			t.Fatalf("drift on tables of the models' types:\n%s\nlive:\n%s", st, dump(liveSchema(t, cfg)))
		}
	})
}
