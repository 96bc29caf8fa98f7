package adoption

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestInspectSakila writes models for every table of Sakila's schema
// (composite keys and unique keys, MySQL's FULLTEXT film_text, enums,
// sets, years, decimals, BLOBs, SQLite's INT keys to INTEGER ones, the
// store/staff foreign-key cycle, triggers and views beside them) with
// db inspect, builds them, and checks the same database with exactly
// those models: no difference; db init then baselines it (on PostgreSQL
// with the enum and the domain its tables use), the folder replays from
// empty, and a model change becomes a migration of only that change,
// which applies. The initial migration builds the store/staff cycle on an
// empty database by adding the cycle's keys after both tables exist.
func TestInspectSakila(t *testing.T) {
	p := readPage(t)
	for _, d := range []string{"sqlite", "mysql", "postgres"} {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			url, dir := loadSakila(t, d), t.TempDir()
			writeModule(t, dir, p.program)
			expect(t, shell(t, dir, url, p.steps[0]), "wrote models.go")
			useModels(t, dir)
			shell(t, dir, url, []string{"go build -o app ."})
			expect(t, runApp(t, dir, url, true, "db", "check", "-no-replay"), "OK: no pending migrations, the models match the database")
			expect(t, runApp(t, dir, url, true, "db", "init"), "The database already holds the models' tables: version ")
			check := []string{"db", "check"}
			expect(t, runApp(t, dir, url, true, check...), "OK: ")
			expect(t, runApp(t, dir, url, true, "db", "makemigrations", "-m", "nothing"), "No changes detected")
			addField(t, filepath.Join(dir, "models.go"), "Actor", "Nickname *string `db:\"nickname\" rx:\"size=40,index\"`")
			shell(t, dir, url, []string{"go build -o app ."})
			out := runApp(t, dir, url, true, "db", "makemigrations", "-m", "nickname")
			expect(t, out, "2 change(s)", "add column actor.nickname", "add index actor.ix_actor_nickname")
			if strings.Contains(out, "drop") || strings.Contains(out, "WARNING") {
				t.Fatalf("makemigrations wrote more than the model's change:\n%s", out)
			}
			expect(t, runApp(t, dir, url, true, "db", "migrate"), "_nickname")
			expect(t, runApp(t, dir, url, true, check...), "OK: ")
		})
	}
}
