package migrate_test

import (
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type dcStore struct {
	rx.Model
	Name string
}

func (dcStore) TableName() string { return "dc_store" }

// dcFilmV1 is dc_film before it declares its indexes and CHECK.
type dcFilmV1 struct {
	rx.Model
	StoreID int64  `rx:"fk=dc_store.id"`
	Title   string `rx:"size=100"`
	Year    int64
	Body    string
}

func (dcFilmV1) TableName() string { return "dc_film_v1" }

type dcFilm struct {
	rx.Model
	StoreID int64  `rx:"fk=dc_store.id,index=ix_dc_film_store_year"`
	Title   string `rx:"size=100,unique=ux_dc_film_title_year,fulltext=ft_dc_film_text"`
	Year    int64  `rx:"index=ix_dc_film_store_year,unique=ux_dc_film_title_year,check=year > 1800"`
	Body    string `rx:"fulltext=ft_dc_film_text"`
	// MariaDB gives a JSON column a CHECK (json_valid(meta)) of its own,
	// which is part of the type, not an undeclared constraint.
	Meta map[string]string `rx:"json,null"`
}

func (dcFilm) TableName() string { return "dc_film" }

// TestDeclaredIndexesAndChecks: makemigrations turns a model's composite
// index, composite unique, FULLTEXT (MySQL only; a comment elsewhere)
// and CHECK into DDL that applies, the database then enforces them, a
// second makemigrations writes nothing, and the down file removes them.
func TestDeclaredIndexesAndChecks(t *testing.T) {
	if err := rx.Register(&dcStore{}, &dcFilmV1{}, &dcFilm{}); err != nil {
		t.Fatal(err)
	}
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1 := []any{&dcStore{}, renamed(t, &dcFilmV1{}, "dc_film")}
		if _, err := migrate.New(cfg, v1...).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1...).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		db := openDB(t, cfg)
		mysql := db.Dialect().Name() == "mysql"
		execAll(t, db, "INSERT INTO dc_store (name) VALUES ('s')", "INSERT INTO dc_film (store_id, title, year, body) VALUES (1, 'a', 1999, 'x')")

		m := migrate.New(cfg, &dcStore{}, &dcFilm{})
		mig, err := m.MakeMigrations(ctx(t), "declare")
		if err != nil {
			t.Fatal(err)
		}
		wants := []string{"add index dc_film.ix_dc_film_store_year (store_id, year)", "add index dc_film.ux_dc_film_title_year (unique title, year)", "add check dc_film.ck_dc_film_year (year > 1800)"}
		if mysql {
			wants = append(wants, "CREATE FULLTEXT INDEX `ft_dc_film_text` ON `dc_film` (`title`, `body`)")
		}
		for _, want := range wants {
			if !strings.Contains(mig.Up, want) {
				t.Fatalf("up lacks %q:\n%s", want, mig.Up)
			}
		}
		if !mysql && strings.Contains(mig.Up, "CREATE FULLTEXT") {
			t.Fatalf("a FULLTEXT index is proposed on %s:\n%s", db.Dialect().Name(), mig.Up)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatalf("migrate: %v\n%s", err, mig.Up)
		}
		if _, err := db.Exec(ctx(t), "INSERT INTO dc_film (store_id, title, year, body) VALUES (1, 'b', 1700, 'x')"); err == nil {
			t.Fatal("the CHECK is not enforced")
		}
		if _, err := db.Exec(ctx(t), "INSERT INTO dc_film (store_id, title, year, body) VALUES (1, 'a', 1999, 'y')"); err == nil {
			t.Fatal("the composite UNIQUE is not enforced")
		}
		if mysql && !hasIndex(liveSchema(t, cfg), "dc_film", "ft_dc_film_text", func(ix *migrate.Index) bool { return ix.Fulltext }) {
			t.Fatalf("no FULLTEXT index:\n%s", dump(liveSchema(t, cfg)))
		}
		again, err := m.MakeMigrations(ctx(t), "again")
		if err != nil || !again.Diff.Empty() {
			t.Fatalf("second makemigrations: %v %v\n%s", err, again.Diff.Changes, again.Up)
		}
		if err := m.Check(ctx(t)); err != nil {
			t.Fatalf("check: %v", err)
		}
		if _, err := m.Downgrade(ctx(t), 1); err != nil {
			t.Fatalf("down: %v\n%s", err, mig.Down)
		}
		live := liveSchema(t, cfg)
		for _, n := range []string{"ix_dc_film_store_year", "ux_dc_film_title_year", "ft_dc_film_text"} {
			if hasIndex(live, "dc_film", n, nil) {
				t.Fatalf("down left index %s:\n%s", n, mig.Down)
			}
		}
		if len(live.Table("dc_film").Checks) != 0 {
			t.Fatalf("down left checks %v:\n%s", live.Table("dc_film").Checks, mig.Down)
		}
		execAll(t, db, "INSERT INTO dc_film (store_id, title, year, body) VALUES (1, 'a', 1700, 'y')")
	})
}

// TestDeclaredInit: the first migration creates the declared objects
// (FULLTEXT only on MySQL, a comment line elsewhere) and the database it
// builds matches the models.
func TestDeclaredInit(t *testing.T) {
	if err := rx.Register(&dcStore{}, &dcFilm{}); err != nil {
		t.Fatal(err)
	}
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		m := migrate.New(cfg, &dcStore{}, &dcFilm{})
		mig, err := m.Init(ctx(t), "")
		if err != nil {
			t.Fatal(err)
		}
		want := "CREATE FULLTEXT INDEX"
		if !strings.HasPrefix(cfg.DBURL, "mysql") {
			want = "-- FULLTEXT index ft_dc_film_text (title, body) is MySQL/MariaDB only: not created on "
		}
		if !strings.Contains(mig.Up, want) || !strings.Contains(mig.Up, "CHECK (year > 1800)") {
			t.Fatalf("up lacks %q or the CHECK:\n%s", want, mig.Up)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatalf("migrate: %v\n%s", err, mig.Up)
		}
		noDrift(t, m)
		if st, err := m.Status(ctx(t)); err != nil || strings.Contains(st.String(), "unmanaged") {
			t.Fatalf("status: %v\n%s", err, st)
		}
		if _, err := m.Downgrade(ctx(t), 1); err != nil {
			t.Fatalf("down: %v\n%s", err, mig.Down)
		}
	})
}

func hasIndex(s *migrate.Schema, table, name string, ok func(*migrate.Index) bool) bool {
	t := s.Table(table)
	if t == nil {
		return false
	}
	for _, ix := range t.Indexes {
		if ix.Name == name && (ok == nil || ok(ix)) {
			return true
		}
	}
	return false
}

func execAll(t *testing.T, db *rx.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(ctx(t), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}
