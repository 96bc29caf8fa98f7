package dialect

import (
	"strings"
	"testing"
)

// TestSchemeWithoutDriver runs with the driver registry emptied, as in a
// program that forgot the driver's blank import. It must not run in
// parallel: it swaps package state.
func TestSchemeWithoutDriver(t *testing.T) {
	drivers.Lock()
	saved := drivers.byScheme
	drivers.byScheme = map[string]Driver{}
	drivers.Unlock()
	defer func() {
		drivers.Lock()
		drivers.byScheme = saved
		drivers.Unlock()
	}()
	for scheme, pkg := range map[string]string{
		"mysql://u:secret@h/db":        "github.com/rxgo/rxdb/drivers/mysql",
		"postgresql+psycopg2://u@h/db": "github.com/rxgo/rxdb/drivers/postgres",
		"sqlite:///x.db":               "github.com/rxgo/rxdb/drivers/sqlite",
	} {
		_, _, err := ParseURL(scheme)
		want := `import _ "` + pkg + `"`
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseURL(%q) = %v; want the import line %s", scheme, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("error %q shows the password", err)
		}
	}
}
