// Command shape prints two figures of a Go package's shape, for issue 25's
// before/after: its functions longer than a limit (the standards' 60
// lines, counted from the func line to the closing brace), and its
// exported names (package-level functions, types, variables and
// constants, and the exported methods of exported types). Tests are left
// out. Usage, from the repository root:
//
//	go run ./tools/shape ./rx
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	limit := flag.Int("max", 60, "longest function allowed, in lines")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: go run ./tools/shape [-max 60] DIR")
		os.Exit(2)
	}
	fset := token.NewFileSet()
	files, err := parseDir(fset, flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	long := longFuncs(fset, files, *limit)
	for _, l := range long {
		fmt.Println(l)
	}
	fmt.Printf("functions over %d lines: %d\n", *limit, len(long))
	fmt.Printf("exported names: %d\n", exported(files))
}

// parseDir parses the package's non-test files.
func parseDir(fset *token.FileSet, dir string) ([]*ast.File, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// longFuncs lists the functions longer than limit lines, longest first.
func longFuncs(fset *token.FileSet, files []*ast.File, limit int) []string {
	type fn struct {
		name  string
		lines int
	}
	var long []fn
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			n := fset.Position(fd.End()).Line - fset.Position(fd.Pos()).Line + 1
			if n > limit {
				pos := fset.Position(fd.Pos())
				long = append(long, fn{fmt.Sprintf("%s:%d %s", filepath.Base(pos.Filename), pos.Line, funcName(fd)), n})
			}
		}
	}
	sort.Slice(long, func(i, j int) bool { return long[i].lines > long[j].lines })
	out := make([]string, len(long))
	for i, l := range long {
		out[i] = fmt.Sprintf("%4d lines  %s", l.lines, l.name)
	}
	return out
}

func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	return recvType(fd.Recv.List[0].Type) + "." + fd.Name.Name
}

// recvType is the name of a method's receiver type, without * and type
// parameters.
func recvType(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return recvType(t.X)
	case *ast.IndexExpr:
		return recvType(t.X)
	case *ast.IndexListExpr:
		return recvType(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}

// exported counts the package's exported names.
func exported(files []*ast.File) int {
	n := 0
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Name.IsExported() && (d.Recv == nil || ast.IsExported(recvType(d.Recv.List[0].Type))) {
					n++
				}
			case *ast.GenDecl:
				n += exportedSpecs(d)
			}
		}
	}
	return n
}

func exportedSpecs(d *ast.GenDecl) int {
	n := 0
	for _, s := range d.Specs {
		switch s := s.(type) {
		case *ast.TypeSpec:
			if s.Name.IsExported() {
				n++
			}
		case *ast.ValueSpec:
			for _, id := range s.Names {
				if id.IsExported() {
					n++
				}
			}
		}
	}
	return n
}
