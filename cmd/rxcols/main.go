// Command rxcols writes, for each rx model of a package, a variable that
// holds its column names, so that a query names a column through a Go
// field and a renamed or removed field breaks the build instead of a
// query:
//
//	//go:generate go run github.com/rxgo/rxdb/cmd/rxcols
//
// in a file of the package that declares the models writes rx_cols.go
// beside it, with
//
//	var UserCols = struct {
//		ID       string
//		Email    string
//		...
//	}{ID: "id", Email: "email", ...}
//
// and rx.Eq{UserCols.Email: e} or OrderBy(UserCols.Email) then checks the
// name at compile time. The fields are strings, so they go wherever rx
// takes a column name, and strings keep working beside them.
//
// Column names are those rx's schema gives the fields (schema.ReadFieldTags
// reads the db and rx tags as schema.TableOf does), fields of embedded
// structs such as rx.Model included and relation fields left out. A model
// is a struct type with a key field (named ID, tagged db:"id" or rx:"pk",
// or embedded with one); -type names the models instead.
//
// Usage:
//
//	rxcols [-type User,Post] [-o rx_cols.go] [package directory]
//
// Run it again (go generate) after changing a model.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "rxcols:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("rxcols", flag.ContinueOnError)
	types := fs.String("type", "", "comma-separated model type names (default: every struct type of the package with a key field)")
	out := fs.String("o", "rx_cols.go", "the file to write, relative to the package directory unless absolute")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return fmt.Errorf("one package directory at most, got %q", fs.Args())
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	var names []string
	if *types != "" {
		names = strings.Split(*types, ",")
	}
	pkg, models, err := load(dir, names)
	if err != nil {
		return err
	}
	src, err := render(pkg, models)
	if err != nil {
		return err
	}
	path := *out
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	return os.WriteFile(path, src, 0o644)
}
