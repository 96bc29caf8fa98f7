package main

import (
	"fmt"
	"go/types"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/rxgo/rxdb/schema"
)

// model is one model type and its columns, in field order.
type model struct {
	Name    string
	Columns []column
}

// column is one mapped field: the Go name it is reached by and its
// column name.
type column struct {
	Field, Name string
}

// load type-checks the package in dir and reads the named models, or all
// of them when names is empty. Type errors elsewhere in the package are
// not fatal: the generated file itself may be what no longer compiles.
func load(dir string, names []string) (string, []model, error) {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: dir}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		return "", nil, fmt.Errorf("loading the package in %s: %w", dir, err)
	}
	if len(pkgs) != 1 || pkgs[0].Types == nil || pkgs[0].Name == "" {
		return "", nil, fmt.Errorf("no Go package in %s: run rxcols in the directory of the package that declares the models", dir)
	}
	p := pkgs[0]
	scope := p.Types.Scope()
	if len(names) == 0 {
		names = modelNames(scope)
		if len(names) == 0 {
			return "", nil, fmt.Errorf("package %s declares no model (a struct type with a key field: embed rx.Model, or a field named ID or tagged rx:\"pk\"); name them with -type", p.Name)
		}
	}
	var out []model
	for _, name := range names {
		st, err := structNamed(scope, strings.TrimSpace(name))
		if err != nil {
			return "", nil, fmt.Errorf("-type %s: %w", name, err)
		}
		var m model
		m.Name = strings.TrimSpace(name)
		if err := addColumns(&m, st, ""); err != nil {
			return "", nil, fmt.Errorf("model %s: %w", m.Name, err)
		}
		out = append(out, m)
	}
	return p.Name, out, nil
}

func structNamed(scope *types.Scope, name string) (*types.Struct, error) {
	obj, ok := scope.Lookup(name).(*types.TypeName)
	if !ok {
		return nil, fmt.Errorf("no type %s in the package", name)
	}
	st, ok := obj.Type().Underlying().(*types.Struct)
	if !ok {
		return nil, fmt.Errorf("%s is not a struct type", name)
	}
	if n, ok := obj.Type().(*types.Named); ok && n.TypeParams().Len() > 0 {
		return nil, fmt.Errorf("%s is a generic type; rx models are not", name)
	}
	return st, nil
}

// modelNames lists the package's exported struct types with a key field,
// sorted.
func modelNames(scope *types.Scope) []string {
	var names []string
	for _, name := range scope.Names() {
		obj, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || !obj.Exported() || obj.IsAlias() {
			continue
		}
		if n, ok := obj.Type().(*types.Named); ok && n.TypeParams().Len() > 0 {
			continue
		}
		if st, ok := obj.Type().Underlying().(*types.Struct); ok && hasKey(st) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

func hasKey(st *types.Struct) bool {
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if schema.ReadFieldTags(f.Name(), reflect.StructTag(st.Tag(i))).Key {
			return true
		}
		if inner, ok := f.Type().Underlying().(*types.Struct); ok && f.Embedded() && hasKey(inner) {
			return true
		}
	}
	return false
}
