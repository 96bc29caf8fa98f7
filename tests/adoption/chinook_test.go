package adoption

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
)

// chinookQueries reads Chinook through the generated models: counts, a
// join through a belongs-to field and one through a has-many field.
const chinookQueries = `package main

import (
	"context"
	"fmt"
	"os"

	"github.com/rxgo/rxdb/rx"
)

func init() {
	if len(os.Args) > 1 && os.Args[1] == "queries" {
		if err := queries(context.Background()); err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		os.Exit(0)
	}
}

func queries(ctx context.Context) error {
	db, err := rx.Open(ctx, rx.Config{})
	if err != nil {
		return err
	}
	defer db.Close()
	tracks, err := rx.Select[Track](db).Count(ctx)
	if err != nil {
		return err
	}
	lines, err := rx.Select[InvoiceLine](db).Count(ctx)
	if err != nil {
		return err
	}
	all, err := rx.Select[Track](db).With("Album").All(ctx)
	if err != nil {
		return err
	}
	hits := 0
	for _, t := range all {
		if t.Album != nil && t.Album.Title == "Greatest Hits" {
			hits++
		}
	}
	albums, err := rx.Select[Album](db).With("Tracks").All(ctx)
	if err != nil {
		return err
	}
	onAlbums := 0
	for _, a := range albums {
		onAlbums += len(a.Tracks)
	}
	fmt.Printf("tracks %d, invoice lines %d, tracks on Greatest Hits %d, tracks on albums %d\n", tracks, lines, hits, onAlbums)
	return nil
}
`

// chinookNames are Chinook's table and column names per dialect: the
// PostgreSQL script has snake_case ones.
var chinookNames = map[string]map[string]string{
	"postgres": {"Track": "track", "InvoiceLine": "invoice_line", "Album": "album", "AlbumId": "album_id", "Title": "title"},
}

func chinookName(dialect, n string) string {
	if m := chinookNames[dialect]; m != nil {
		return m[n]
	}
	return n
}

// TestAdoptChinook adopts Chinook (schema and data) on each database by
// running docs/adopting.md's program and steps as printed: db inspect
// writes the models, db init records the baseline, db check is clean (the
// folder replays too), a model change becomes a migration of only that
// change, which applies to the database and, after db force, to a copy
// of it, where reads through the generated models match plain SQL.
func TestAdoptChinook(t *testing.T) {
	p := readPage(t)
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			url, dir := loadChinook(t, d), t.TempDir()
			writeModule(t, dir, p.program)
			expect(t, shell(t, dir, url, p.steps[0]), "wrote models.go")
			useModels(t, dir)
			writeFile(t, filepath.Join(dir, "queries.go"), chinookQueries)
			out := shell(t, dir, url, p.steps[1])
			expect(t, out, "recorded as applied", "db check`",
				"OK: no pending migrations, the models match the database and the migrations build them from empty")
			expect(t, runApp(t, dir, url, true, "db", "makemigrations", "-m", "nothing"), "No changes detected")

			track := chinookName(d, "Track")
			addField(t, filepath.Join(dir, "models.go"), "Track", "Rating *int32 `db:\"rating\" rx:\"index\"`")
			out = shell(t, dir, url, p.steps[2])
			expect(t, out, "2 change(s)", "add column "+track+".rating", "add index "+track+".ix_"+track+"_rating", "_add_rating")
			if strings.Contains(out, "drop") || strings.Contains(out, "WARNING") {
				t.Fatalf("makemigrations wrote more than the model's change:\n%s", out)
			}

			copyURL := loadChinook(t, d)
			ups, _ := filepath.Glob(filepath.Join(dir, "migrations", d, "*_initial.up.sql"))
			if len(ups) != 1 {
				t.Fatalf("initial migration: %v", ups)
			}
			v, _, _ := strings.Cut(filepath.Base(ups[0]), "_")
			expect(t, shell(t, dir, copyURL, p.steps[3], "VERSION", v), "Recorded version "+v, "_add_rating", "OK: ")
			expect(t, runApp(t, dir, copyURL, true, "queries"), chinookCounts(t, d, copyURL))
		})
	}
}

// chinookCounts is what chinookQueries prints, read with plain
// database/sql.
func chinookCounts(t *testing.T, dialect, url string) string {
	t.Helper()
	db, _ := rxtest.OpenSQLAt(t, dialect, url)
	q := func(n string) string { return quoteIdent(dialect, chinookName(dialect, n)) }
	var tracks, lines, hits, onAlbums int
	for _, c := range []struct {
		dst   *int
		query string
	}{
		{&tracks, "SELECT COUNT(*) FROM " + q("Track")},
		{&lines, "SELECT COUNT(*) FROM " + q("InvoiceLine")},
		{&onAlbums, fmt.Sprintf("SELECT COUNT(*) FROM %s t JOIN %s a ON a.%s = t.%s", q("Track"), q("Album"), q("AlbumId"), q("AlbumId"))},
		{&hits, fmt.Sprintf("SELECT COUNT(*) FROM %s t JOIN %s a ON a.%s = t.%s WHERE a.%s = 'Greatest Hits'", q("Track"), q("Album"), q("AlbumId"), q("AlbumId"), q("Title"))},
	} {
		if err := db.QueryRowContext(context.Background(), c.query).Scan(c.dst); err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
	}
	if tracks == 0 || hits == 0 {
		t.Fatalf("the sample did not load: %d tracks, %d on Greatest Hits", tracks, hits)
	}
	return fmt.Sprintf("tracks %d, invoice lines %d, tracks on Greatest Hits %d, tracks on albums %d\n", tracks, lines, hits, onAlbums)
}

func quoteIdent(dialect, n string) string {
	if dialect == "mysql" {
		return "`" + n + "`"
	}
	return `"` + n + `"`
}

// addField adds a field line to the struct typ of the Go file at path.
func addField(t *testing.T, path, typ, field string) {
	t.Helper()
	src := readFile(t, path)
	head := "type " + typ + " struct {\n"
	if !strings.Contains(src, head) {
		t.Fatalf("%s has no struct %s:\n%s", path, typ, src)
	}
	writeFile(t, path, strings.Replace(src, head, head+"\t"+field+"\n", 1))
}

func expect(t *testing.T, out string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(out, w) {
			t.Fatalf("output lacks %q:\n%s", w, out)
		}
	}
}

// TestAdoptChinookChangedModels runs db init with models that already
// differ from Chinook's tables (one field more than db inspect wrote):
// the first migration holds the tables as the database has them, recorded
// as applied, and the printed next steps write and apply only the
// models' change; the folder then replays from empty to the models.
func TestAdoptChinookChangedModels(t *testing.T) {
	p := readPage(t)
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			url, dir := loadChinook(t, d), t.TempDir()
			writeModule(t, dir, p.program)
			shell(t, dir, url, p.steps[0])
			useModels(t, dir)
			addField(t, filepath.Join(dir, "models.go"), "Track", "Rating *int32 `db:\"rating\" rx:\"index\"`")
			shell(t, dir, url, []string{"go build -o app ."})
			out := runApp(t, dir, url, true, "db", "init")
			expect(t, out, "holds them as they are and is recorded as applied; the models differ in "+chinookName(d, "Track")+", which")
			next := regexp.MustCompile("`[^`]*/app (db [^`]*)`").FindAllStringSubmatch(regexp.MustCompile("(?m)^Next: .*$").FindString(out), -1)
			if len(next) != 2 {
				t.Fatalf("db init's next steps:\n%s", out)
			}
			var steps []string
			for _, n := range next {
				steps = append(steps, "./app "+n[1])
			}
			track := chinookName(d, "Track")
			out = shell(t, dir, url, steps)
			expect(t, out, "2 change(s)", "add column "+track+".rating", "add index "+track+".ix_"+track+"_rating", "_adopt_models")
			if strings.Contains(out, "drop") || strings.Contains(out, "WARNING") {
				t.Fatalf("makemigrations wrote more than the models' change:\n%s", out)
			}
			expect(t, runApp(t, dir, url, true, "db", "check"), "the migrations build them from empty")
		})
	}
}
