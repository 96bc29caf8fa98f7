package docs

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"slices"
	"strings"
)

const pkgClause = "package snippet\n\n"

// wrap turns a block into the Go files of its own package: the block as
// written (a program), or inside its wrapper (a fragment) with a //line
// directive so that the compiler's errors name the Markdown file and line.
func wrap(b block) (map[string]string, error) {
	switch b.kind {
	case "program":
		return map[string]string{"main.go": lineDirective(b) + b.src}, nil
	case "decls":
		return wrapDecls(b)
	case "body":
		return wrapBody(b, "return nil")
	case "run":
		return wrapRun(b)
	case "":
		return nil, fmt.Errorf("%s: a go block without package main needs a marker on the line before its fence: <!-- fragment: body -->, <!-- fragment: run --> or <!-- fragment: decls -->", b.where())
	}
	return nil, fmt.Errorf("%s: unknown fragment kind %q (body, run or decls)", b.where(), b.kind)
}

func lineDirective(b block) string { return fmt.Sprintf("//line %s:%d\n", b.file, b.line+1) }

// wrapDecls compiles a block as top-level declarations; a block that shows
// its own import block must list every package it uses, as a reader copies it.
func wrapDecls(b block) (map[string]string, error) {
	src := lineDirective(b) + b.src
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "snippet.go", pkgClause+src, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", b.where(), err)
	}
	imports := ""
	if len(f.Imports) == 0 {
		imports = importBlock(usedPackages(f))
	}
	return map[string]string{
		"snippet.go": pkgClause + imports + src,
		"fixture.go": fixtureFile(topLevelNames(f), fixtures),
	}, nil
}

// wrapBody compiles a block as the body of func snippet() error, ended by
// ret. The
// variables it declares get a "_ = name" on their own line's end, so that a
// fragment which only shows a call's results still compiles.
func wrapBody(b block, ret string) (map[string]string, error) {
	full := pkgClause + "func snippet() error {\n" + lineDirective(b) + b.src + "\n" + ret + "\n}\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "snippet.go", full, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", b.where(), err)
	}
	tf := fset.File(f.Pos())
	type insertion struct {
		at   int
		text string
	}
	var ins []insertion
	guard := func(at token.Pos, names []string) {
		if len(names) > 0 {
			ins = append(ins, insertion{tf.Offset(at), "; _ = " + strings.Join(names, "; _ = ") + ";"})
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			for _, st := range n.List {
				guard(st.End(), definedNames(st))
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				guard(n.Body.Lbrace+1, identNames(n.Key, n.Value))
			}
		}
		return true
	})
	slices.SortFunc(ins, func(a, b insertion) int { return b.at - a.at })
	for _, in := range ins {
		full = full[:in.at] + in.text + full[in.at:]
	}
	all := maps.Clone(fixtures)
	maps.Copy(all, bodyFixtures)
	return map[string]string{
		"snippet.go": pkgClause + importBlock(usedPackages(f)) + strings.TrimPrefix(full, pkgClause),
		"fixture.go": fixtureFile(topLevelNames(f), all),
	}, nil
}

// definedNames are the names a statement declares with := or var.
func definedNames(st ast.Stmt) []string {
	switch st := st.(type) {
	case *ast.AssignStmt:
		if st.Tok == token.DEFINE {
			return identNames(st.Lhs...)
		}
	case *ast.DeclStmt:
		var names []string
		if g, ok := st.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, sp := range g.Specs {
				for _, n := range sp.(*ast.ValueSpec).Names {
					names = append(names, identNames(n)...)
				}
			}
		}
		return names
	}
	return nil
}

func identNames(es ...ast.Expr) []string {
	var names []string
	for _, e := range es {
		if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
			names = append(names, id.Name)
		}
	}
	return names
}

// usedPackages are the known packages a file refers to by name without
// declaring that name itself.
func usedPackages(f *ast.File) []string {
	set := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Obj == nil && knownImports[id.Name] != "" {
				set[id.Name] = true
			}
		}
		return true
	})
	return slices.Sorted(maps.Keys(set))
}

func importBlock(names []string) string {
	if len(names) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("import (\n")
	for _, n := range names {
		fmt.Fprintf(&b, "\t%s %q\n", n, knownImports[n])
	}
	b.WriteString(")\n\n")
	return b.String()
}

func topLevelNames(f *ast.File) map[string]bool {
	names := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				names[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, sp := range d.Specs {
				switch sp := sp.(type) {
				case *ast.TypeSpec:
					names[sp.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range sp.Names {
						names[n.Name] = true
					}
				}
			}
		}
	}
	return names
}

// fixtureFile declares the fixtures a snippet does not declare itself, with
// the imports they use.
func fixtureFile(declared map[string]bool, from map[string]string) string {
	var decls []string
	for _, name := range slices.Sorted(maps.Keys(from)) {
		if !declared[name] {
			decls = append(decls, from[name])
		}
	}
	body := strings.Join(decls, "\n\n") + "\n"
	f, err := parser.ParseFile(token.NewFileSet(), "fixture.go", pkgClause+body, 0)
	if err != nil {
		panic(err) // the fixtures above are constant Go
	}
	return pkgClause + importBlock(usedPackages(f)) + body
}
