package migrate_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type sdlV1 struct {
	rx.Model
	Email     string     `rx:"unique,size=100"`
	DeletedAt *time.Time `rx:"softdelete"`
}

type sdlV2 struct {
	rx.Model
	Email     string     `rx:"unique,live,size=100"`
	DeletedAt *time.Time `rx:"softdelete"`
}

// A unique index made live (rx:"live": the rows not soft-deleted) is a
// partial index on PostgreSQL and SQLite: the migration re-creates it
// with WHERE, the database gives the predicate back as the model has it
// (no drift), and the down file makes it whole again. MySQL/MariaDB,
// without partial indexes, refuse it before writing any file.
func TestLiveUniqueIndexMigrates(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, v2 := renamed(t, sdlV1{}, "sdl_user"), renamed(t, sdlV2{}, "sdl_user")
		if _, err := migrate.New(cfg, v1).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		mig, err := migrate.New(cfg, v2).MakeMigrations(ctx(t), "live email")
		if openDB(t, cfg).Dialect().Name() == "mysql" {
			if err == nil || !strings.Contains(err.Error(), "has no partial indexes") {
				t.Fatalf("MySQL: %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(mig.Up, "WHERE") || !strings.Contains(mig.Up, "IS NULL") {
			t.Fatalf("up file:\n%s", mig.Up)
		}
		live := roundTrip(t, migrate.New(cfg, v2), cfg, nil)
		if ix := live.Table("sdl_user").Indexes; len(ix) != 1 || ix[0].Where == "" {
			t.Fatalf("after the migration:\n%s", dump(live))
		}
		noDrift(t, migrate.New(cfg, v2))
		if st, err := migrate.New(cfg, v1).Status(ctx(t)); err != nil || st.Drift.Empty() {
			t.Fatalf("the whole-table model against the partial index: %v, %v", st, err)
		}
	})
}
