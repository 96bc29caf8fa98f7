package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/cmd/rxcols/testdata/models"
	"github.com/rxgo/rxdb/schema"
)

// rxcols names every model's columns as schema.TableOf does, in field
// order, over models that take every path of schema's field mapping
// (embedded structs, tags, relations, Scanners, JSON, unexported fields).
func TestColumnsAreTableOfs(t *testing.T) {
	_, got, err := load("testdata/models", nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range got {
		names = append(names, m.Name)
		tbl, err := schema.TableOf(models.All[m.Name])
		if err != nil {
			t.Fatalf("%s: %v", m.Name, err)
		}
		var want, have []string
		for _, c := range tbl.Columns {
			want = append(want, c.Field[strings.LastIndexByte(c.Field, '.')+1:]+"="+c.Name)
		}
		for _, c := range m.Columns {
			have = append(have, c.Field+"="+c.Name)
		}
		if !slices.Equal(have, want) {
			t.Errorf("%s: rxcols %v, TableOf %v", m.Name, have, want)
		}
	}
	if want := []string{"Author", "Book", "BookShelf", "Shelf"}; !slices.Equal(names, want) {
		t.Errorf("models found %v, want %v (NotAModel has no key)", names, want)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		dir   string
		types []string
		want  string
	}{
		{"testdata/models", []string{"Nope"}, "-type Nope: no type Nope in the package"},
		{"testdata/models", []string{"Handle"}, "-type Handle: Handle is not a struct type"},
		{"testdata", nil, "no Go package in testdata: run rxcols in the directory of the package that declares the models"},
	} {
		_, _, err := load(tc.dir, tc.types)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("load(%s, %v) = %v, want an error with %q", tc.dir, tc.types, err, tc.want)
		}
	}
}

// The documented go:generate line writes rx_cols.go; a query that names
// a column through it builds, and after the field is renamed and the file
// regenerated, the build names the column that no longer exists.
func TestRenamedFieldBreaksTheBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go generate and go build")
	}
	dir, err := os.MkdirTemp("testdata", "gen-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	model := func(field string) string {
		return "package gen\n\nimport \"github.com/rxgo/rxdb/rx\"\n\n" +
			"//go:generate go run github.com/rxgo/rxdb/cmd/rxcols\n\n" +
			"type User struct {\n\trx.Model\n\t" + field + " string `rx:\"unique\"`\n}\n"
	}
	use := "package gen\n\nimport \"github.com/rxgo/rxdb/rx\"\n\n" +
		"func byEmail(s *rx.Session, e string) *rx.SelectQuery[User] {\n" +
		"\treturn rx.Select[User](s).Where(rx.Eq{UserCols.Email: e}).OrderBy(UserCols.ID)\n}\n"
	write(t, filepath.Join(dir, "models.go"), model("Email"))
	write(t, filepath.Join(dir, "use.go"), use)
	goCmd(t, dir, true, "generate")
	if src, _ := os.ReadFile(filepath.Join(dir, "rx_cols.go")); !strings.Contains(string(src), `Email: "email"`) {
		t.Fatalf("rx_cols.go:\n%s", src)
	}
	goCmd(t, dir, true, "build", "-o", os.DevNull, ".")
	write(t, filepath.Join(dir, "models.go"), model("Mail"))
	goCmd(t, dir, true, "generate")
	out := goCmd(t, dir, false, "build", "-o", os.DevNull, ".")
	if !strings.Contains(out, "UserCols.Email undefined") {
		t.Fatalf("the build after the rename says:\n%s", out)
	}
}

func write(t *testing.T, path, src string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

func goCmd(t *testing.T, dir string, ok bool, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if (err == nil) != ok {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// The examples' generated files are what rxcols writes today: run
// go generate ./examples/... after changing their models.
func TestExampleColsAreCurrent(t *testing.T) {
	dir := "../../examples/blog"
	pkg, ms, err := load(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := render(pkg, ms)
	if err != nil {
		t.Fatal(err)
	}
	have, err := os.ReadFile(filepath.Join(dir, "rx_cols.go"))
	if err != nil {
		t.Fatal(err)
	}
	if string(have) != string(want) {
		t.Errorf("%s/rx_cols.go is stale: run go generate ./examples/blog", dir)
	}
}
