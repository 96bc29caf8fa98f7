package schema

import "fmt"

// ModelError reports a struct that cannot be used as a model, and why.
type ModelError struct {
	Model  string // Go type name
	Field  string // Go field name, empty when the whole type is at fault
	Reason string
}

func (e *ModelError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("rx: model %s: %s", e.Model, e.Reason)
	}
	return fmt.Sprintf("rx: model %s, field %s: %s", e.Model, e.Field, e.Reason)
}
