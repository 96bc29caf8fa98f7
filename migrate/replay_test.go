package migrate_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type replayPaint struct {
	ID   int64  `rx:"pk,autoincrement"`
	Name string `rx:"size=40"`
}

type replayPaintV2 struct {
	ID    int64   `rx:"pk,autoincrement"`
	Name  string  `rx:"size=40"`
	Color *string `rx:"size=20,index"`
}

// The history: a generated migration applied half-way (its ADD
// COLUMN ran, its index did not), deleted, and regenerated from the
// half-applied database, so the new file creates only the index. The
// live database matches the models and nothing is pending, but the
// folder cannot build a new database: db check must fail naming the
// migration that fails from empty, and drop its scratch database.
func TestCheckReplaysTheFolder(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, v2 := renamed(t, replayPaint{}, "replay_paint"), renamed(t, replayPaintV2{}, "replay_paint")
		if _, err := migrate.New(cfg, v1).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "check"}, v1); err != nil {
			t.Fatalf("db check on a good folder: %v\n%s", err, out.String())
		}
		scratchGone(t, cfg, out.String())

		mig, err := migrate.New(cfg, v2).MakeMigrations(ctx(t), "add color")
		if err != nil {
			t.Fatal(err)
		}
		addColumn := ""
		for _, line := range strings.Split(mig.Up, "\n") {
			if strings.Contains(line, "ADD COLUMN") {
				addColumn = strings.TrimSuffix(strings.TrimSpace(line), ";")
			}
		}
		if addColumn == "" {
			t.Fatalf("no ADD COLUMN in:\n%s", mig.Up)
		}
		for _, p := range mig.Paths {
			os.Remove(p)
		}
		db := openDB(t, cfg)
		if _, err := db.Exec(ctx(t), addColumn); err != nil { // the half that applied
			t.Fatal(err)
		}
		mig, err = migrate.New(cfg, v2).MakeMigrations(ctx(t), "color index")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v2).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		noDrift(t, migrate.New(cfg, v2)) // the live database alone looks fine

		out.Reset()
		err = migrate.RunTo(ctx(t), &out, cfg, []string{"db", "check"}, v2)
		// SQLite takes the unknown "color" of CREATE INDEX for a string,
		// so the migration runs and the replayed schema lacks the column.
		want := mig.File.Name() + " fails on an empty database"
		if db.Dialect().Name() == "sqlite" {
			want = "replayed from empty, the migrations differ from the models: add column replay_paint.color"
		}
		if !errors.Is(err, migrate.ErrCheckFailed) || !strings.Contains(err.Error(), want) {
			t.Fatalf("db check of a folder that cannot replay: %v\n%s", err, out.String())
		}
		scratchGone(t, cfg, out.String())

		out.Reset()
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "check", "-no-replay"}, v2); err != nil || strings.Contains(out.String(), "scratch") {
			t.Fatalf("db check -no-replay: %v\n%s", err, out.String())
		}
	})
}

// scratchGone fails unless the scratch database that check printed is
// gone.
func scratchGone(t *testing.T, cfg rx.Config, out string) {
	t.Helper()
	name := regexp.MustCompile(`scratch database (rx_check_[0-9a-f]+)`).FindStringSubmatch(out)
	if name == nil {
		t.Fatalf("db check did not name its scratch database:\n%s", out)
	}
	db := openDB(t, cfg)
	if db.Dialect().Name() == "sqlite" {
		if m, _ := filepath.Glob(filepath.Join(os.TempDir(), name[1]+"*")); len(m) > 0 {
			t.Fatalf("scratch files left behind: %v", m)
		}
		return
	}
	var n int
	q := "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?"
	if db.Dialect().Name() == "postgres" {
		q = strings.Replace(q, "?", "$1", 1)
	}
	if err := db.SQL().QueryRowContext(ctx(t), q, name[1]).Scan(&n); err != nil || n != 0 {
		t.Fatalf("scratch database %s left behind (%d, %v)", name[1], n, err)
	}
}
