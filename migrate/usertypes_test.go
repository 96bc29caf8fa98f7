package migrate_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type utFilm struct {
	ID     int64  `rx:"pk"`
	Rating string `rx:"type=ut_rating"`
	Year   *int32 `rx:"type=ut_year"`
}

func (utFilm) TableName() string { return "ut_film" }

// TestInitWritesTheTypesTablesUse baselines a PostgreSQL table whose
// columns use an enum and a domain of the database: the first migration
// creates them before the table (and its down file drops them after), so
// the folder replays from empty and check is clean. MySQL's ENUM is a
// column type, and SQLite has no types of its own: no such types there.
func TestInitWritesTheTypesTablesUse(t *testing.T) {
	t.Parallel()
	cfg := rx.Config{DBURL: rxtest.FreshURL(t, "postgres"), IgnoreEnv: true, MigrationsDir: filepath.Join(t.TempDir(), "migrations")}
	db := openDB(t, cfg)
	for _, s := range []string{
		"CREATE TYPE ut_rating AS ENUM ('G', 'PG')",
		"CREATE DOMAIN ut_year AS integer CHECK (VALUE > 1900)",
		"CREATE TYPE ut_unused AS ENUM ('x')",
		"CREATE TABLE ut_film (id BIGINT NOT NULL PRIMARY KEY, rating ut_rating NOT NULL, year ut_year)",
	} {
		if _, err := db.Exec(ctx(t), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	m := migrate.New(cfg, &utFilm{})
	mig, err := m.Init(ctx(t), "")
	if err != nil {
		t.Fatal(err)
	}
	if !mig.Baselined || !strings.Contains(mig.Up, `CREATE TYPE "ut_rating" AS ENUM ('G', 'PG');`) || !strings.Contains(mig.Up, `CREATE DOMAIN "ut_year" AS integer`) ||
		strings.Contains(mig.Up, "ut_unused") || strings.Index(mig.Up, "ut_rating") > strings.Index(mig.Up, "CREATE TABLE") {
		t.Fatalf("up file:\n%s", mig.Up)
	}
	if !strings.HasSuffix(strings.TrimSpace(mig.Down), `DROP TYPE "ut_rating";`) {
		t.Fatalf("down file:\n%s", mig.Down)
	}
	if err := m.Check(ctx(t)); err != nil {
		t.Fatal(err)
	}
}
