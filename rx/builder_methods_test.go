package rx_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// TestEveryBuilderMethodReturnsANewBuilder holds every chaining method of
// the four builders to what their doc comments say: it returns a new
// builder and retires the one it was called on, so that the old one's
// ToSQL is ErrBuilderReused. The methods are found by reflection, so a
// method added later is held to it too; Clone is the one that leaves its
// receiver usable.
func TestEveryBuilderMethodReturnsANewBuilder(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		builders := map[string]func() any{
			"SelectQuery": func() any { return rx.Select[Post](db) },
			"UpdateQuery": func() any { return rx.Update[Post](db) },
			"DeleteQuery": func() any { return rx.Delete[Post](db) },
			"InsertQuery": func() any { return rx.Insert(db, &Post{}) },
		}
		for name, fresh := range builders {
			typ := reflect.TypeOf(fresh())
			chained := 0
			for m := range typ.Methods() {
				if m.Type.NumOut() != 1 || m.Type.Out(0) != typ {
					continue // a terminal method
				}
				chained++
				recv := reflect.ValueOf(fresh())
				out := recv.Method(m.Index).Call(zeroArgs(m.Type))[0]
				if out.Pointer() == recv.Pointer() {
					t.Errorf("%s.%s returns its receiver, not a new builder", name, m.Name)
				}
				_, _, err := toSQL(recv)
				if reused := errors.Is(err, rx.ErrBuilderReused); reused == (m.Name == "Clone") {
					t.Errorf("%s.%s: the receiver's ToSQL afterwards = %v (Clone leaves it usable, every other method retires it)", name, m.Name, err)
				}
			}
			if chained < 2 {
				t.Errorf("%s: found %d chaining methods: the reflection no longer sees them", name, chained)
			}
		}
	})
}

// zeroArgs are zero values for a method's parameters (after the
// receiver), leaving a variadic one empty.
func zeroArgs(mt reflect.Type) []reflect.Value {
	var args []reflect.Value
	for i := 1; i < mt.NumIn(); i++ {
		if mt.IsVariadic() && i == mt.NumIn()-1 {
			break
		}
		args = append(args, reflect.Zero(mt.In(i)))
	}
	return args
}

func toSQL(b reflect.Value) (string, []any, error) {
	out := b.MethodByName("ToSQL").Call(nil)
	err, _ := out[2].Interface().(error)
	return out[0].String(), out[1].Interface().([]any), err
}
