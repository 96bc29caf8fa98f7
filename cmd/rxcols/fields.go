package main

import (
	"fmt"
	"go/types"
	"reflect"

	"github.com/rxgo/rxdb/schema"
)

// addColumns appends the columns of st's fields to m as schema.TableOf
// maps them: the tags are read by schema itself; what depends on a field's
// type (an embedded struct's fields are the model's own, a struct-typed
// field is a relation) follows schema's addFields and relationElem.
func addColumns(m *model, st *types.Struct, prefix string) error {
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		ft := schema.ReadFieldTags(f.Name(), reflect.StructTag(st.Tag(i)))
		if ft.Skip {
			continue
		}
		if f.Embedded() && ft.Untagged {
			if p, ok := f.Type().Underlying().(*types.Pointer); ok && isStruct(p.Elem()) {
				return fmt.Errorf("field %s%s: embedded struct pointers are not supported; embed the struct by value", prefix, f.Name())
			}
			if inner, ok := f.Type().Underlying().(*types.Struct); ok && !isTime(f.Type()) && !isScanner(f.Type()) {
				if err := addColumns(m, inner, prefix+f.Name()+"."); err != nil {
					return err
				}
				continue
			}
		}
		if !f.Exported() || isRelation(f.Type(), ft) {
			continue
		}
		for _, c := range m.Columns {
			if c.Field == f.Name() {
				return fmt.Errorf("two fields are reached as %s (one in an embedded struct): rename one so that %sCols can name both", f.Name(), m.Name)
			}
		}
		m.Columns = append(m.Columns, column{Field: f.Name(), Name: ft.Name})
	}
	return nil
}

// isRelation is schema's isRelationField: the tags decide, else a struct
// type, a pointer to one or a slice of either that is no time.Time,
// sql.Scanner or driver.Valuer holds related models.
func isRelation(t types.Type, ft schema.FieldTags) bool {
	if ft.Relation || ft.NotRelation {
		return ft.Relation
	}
	if s, ok := t.Underlying().(*types.Slice); ok {
		t = s.Elem()
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return isStruct(t) && !isTime(t) && !isScanner(t) && !isValuer(t)
}

func isStruct(t types.Type) bool {
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

func isTime(t types.Type) bool {
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Time"
}

// isScanner: *t has the method Scan(any) error, as sql.Scanner.
func isScanner(t types.Type) bool {
	return hasMethod(types.NewPointer(t), "Scan", 1, 1)
}

// isValuer: t has the method Value() (driver.Value, error), as
// driver.Valuer.
func isValuer(t types.Type) bool {
	return hasMethod(t, "Value", 0, 2)
}

func hasMethod(t types.Type, name string, params, results int) bool {
	sel := types.NewMethodSet(t).Lookup(nil, name)
	if sel == nil {
		return false
	}
	sig, ok := sel.Type().(*types.Signature)
	return ok && sig.Params().Len() == params && sig.Results().Len() == results
}
