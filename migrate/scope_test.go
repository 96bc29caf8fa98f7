package migrate_test

import (
	"os"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type scAuthor struct {
	rx.Model
	Name string
}

func (scAuthor) TableName() string { return "sc_author" }

type scBook struct {
	rx.Model
	AuthorID int64 `rx:"fk=sc_author.id"`
	Title    string
	Year     int64
}

func (scBook) TableName() string { return "sc_book" }

// scBookV2 is scBook with one more column, a change the models make.
type scBookV2 struct {
	rx.Model
	AuthorID int64 `rx:"fk=sc_author.id"`
	Title    string
	Year     int64
	Note     *string
}

func (scBookV2) TableName() string { return "sc_book_v2" }

// TestManagedScope adopts a database that holds more than the models:
// tables without a model, a composite unique index on a modelled table,
// and a composite index leading with an FK column in place of rx's own.
// None of it is drift or dropped, status names it as unmanaged, the
// unique index survives a migration of its table, Ignore hides objects,
// and only Prune drops them, each marked DESTRUCTIVE.
func TestManagedScope(t *testing.T) {
	if err := rx.Register(&scAuthor{}, &scBook{}, &scBookV2{}); err != nil {
		t.Fatal(err)
	}
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1 := []any{&scAuthor{}, &scBook{}}
		if _, err := migrate.New(cfg, v1...).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1...).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		db := openDB(t, cfg)
		for _, s := range []string{
			"CREATE TABLE sc_side (id INT PRIMARY KEY, note VARCHAR(50))",
			"CREATE TABLE sc_other (id INT PRIMARY KEY)",
			"CREATE UNIQUE INDEX sc_book_title_year ON sc_book (title, year)",
			"CREATE INDEX sc_book_author_year ON sc_book (author_id, year)",
			"DROP INDEX ix_sc_book_author_id" + map[string]string{"mysql": " ON sc_book"}[db.Dialect().Name()],
			"INSERT INTO sc_author (name) VALUES ('a')",
			"INSERT INTO sc_book (author_id, title, year) VALUES (1, 't', 2000)",
		} {
			if _, err := db.Exec(ctx(t), s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}

		m := migrate.New(cfg, v1...)
		mig, err := m.MakeMigrations(ctx(t), "nothing")
		if err != nil {
			t.Fatal(err)
		}
		if !mig.Diff.Empty() || len(mig.Paths) != 0 {
			t.Fatalf("makemigrations wrote %v:\n%s", mig.Diff.Changes, mig.Up)
		}
		if err := m.Check(ctx(t)); err != nil {
			t.Fatalf("check: %v", err)
		}
		st, err := m.Status(ctx(t))
		if err != nil {
			t.Fatal(err)
		}
		report := st.String()
		for _, want := range []string{"unmanaged table sc_side", "unmanaged table sc_other", "unmanaged index sc_book.sc_book_title_year (unique title, year)", "unmanaged index sc_book.sc_book_author_year (author_id, year)"} {
			if !strings.Contains(report, want) {
				t.Fatalf("status lacks %q:\n%s", want, report)
			}
		}
		// Adopting one table of many: the other is unmanaged too.
		if err := migrate.New(cfg, &scAuthor{}).Check(ctx(t)); err != nil {
			t.Fatalf("check with one model: %v", err)
		}
		var out strings.Builder
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "check"}, v1...); err != nil || !strings.Contains(out.String(), "unmanaged index sc_book.sc_book_title_year") {
			t.Fatalf("db check: %v\n%s", err, out.String())
		}

		// Ignore hides objects by name or pattern.
		icfg := cfg
		icfg.Ignore = []string{"sc_s*", "sc_book_title_year"}
		if st, err := migrate.New(icfg, v1...).Status(ctx(t)); err != nil || strings.Contains(st.String(), "sc_side") || strings.Contains(st.String(), "sc_book_title_year") || !strings.Contains(st.String(), "sc_other") {
			t.Fatalf("status with Ignore: %v\n%s", err, st)
		}

		// Prune writes the drops, each DESTRUCTIVE; ignored objects stay.
		pm := migrate.New(icfg, v1...)
		pm.Prune = true
		pruned, err := pm.MakeMigrations(ctx(t), "prune")
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"-- DESTRUCTIVE: drop table sc_other", "-- DESTRUCTIVE: drop index sc_book.sc_book_author_year"} {
			if !strings.Contains(pruned.Up, want) {
				t.Fatalf("prune lacks %q:\n%s", want, pruned.Up)
			}
		}
		if strings.Contains(pruned.Up, "sc_side") || strings.Contains(pruned.Up, "sc_book_title_year") {
			t.Fatalf("prune dropped an ignored object:\n%s", pruned.Up)
		}
		removeFiles(t, pruned.Paths)
		out.Reset()
		if err := migrate.RunTo(ctx(t), &out, icfg, []string{"db", "makemigrations", "-m", "prune", "-prune"}, v1...); err != nil || !strings.Contains(out.String(), "DESTRUCTIVE: drop table sc_other") {
			t.Fatalf("db makemigrations -prune: %v\n%s", err, out.String())
		}
		paths, err := filepathGlob(cfg.MigrationsDir, "*_prune.*.sql")
		if err != nil || len(paths) != 2 {
			t.Fatalf("prune files %v: %v", paths, err)
		}
		// The pruning migration applies, and its down file too.
		if _, err := pm.Migrate(ctx(t)); err != nil {
			t.Fatalf("migrate -prune's file: %v\n%s", err, readFile(t, paths[1]))
		}
		// The pruning migration drops what was there before the history
		// began, so the folder cannot replay from empty: check the live
		// database only (TestCheckReplaysTheFolder covers the replay).
		pm.NoReplay = true
		if err := pm.Check(ctx(t)); err != nil {
			t.Fatalf("check after pruning: %v", err)
		}
		if _, err := pm.Downgrade(ctx(t), 1); err != nil {
			t.Fatalf("downgrade -prune's file: %v\n%s", err, readFile(t, paths[0]))
		}
		removeFiles(t, paths)

		// A change of the model migrates its table and keeps the unique
		// index, whatever the driver does to add the column.
		v2 := []any{&scAuthor{}, renamed(t, &scBookV2{}, "sc_book")}
		m2 := migrate.New(cfg, v2...)
		mig2, err := m2.MakeMigrations(ctx(t), "note")
		if err != nil {
			t.Fatal(err)
		}
		if len(mig2.Diff.Changes) != 1 {
			t.Fatalf("want one change, got %v:\n%s", mig2.Diff.Changes, mig2.Up)
		}
		if _, err := m2.Migrate(ctx(t)); err != nil {
			t.Fatalf("migrate: %v\n%s", err, mig2.Up)
		}
		if err := m2.Check(ctx(t)); err != nil {
			t.Fatalf("check after migrate: %v", err)
		}
		if _, err := db.Exec(ctx(t), "INSERT INTO sc_book (author_id, title, year) VALUES (1, 't', 2000)"); err == nil {
			t.Fatal("the composite unique index is gone: a duplicate was inserted")
		}
	})
}

func removeFiles(t *testing.T, paths []string) {
	t.Helper()
	for _, p := range paths {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
	}
}
