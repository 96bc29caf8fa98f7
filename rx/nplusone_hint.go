package rx

import (
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/rxgo/rxdb/schema"
)

// rxFrames is the prefix of the functions of package rx in a stack.
var rxFrames = reflect.TypeFor[DB]().PkgPath() + "."

// callSite is the first caller outside package rx and the Go runtime, as
// its directory's name, file and line ("handlers/user.go:42"), or "an
// unknown call site". It walks the stack, so it runs only when the
// detector reports.
func callSite() string {
	var pcs [64]uintptr
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs[:])])
	for {
		f, more := frames.Next()
		if f.Function != "" && !strings.HasPrefix(f.Function, rxFrames) && !strings.HasPrefix(f.Function, "runtime.") {
			return filepath.Join(filepath.Base(filepath.Dir(f.File)), filepath.Base(f.File)) + ":" + strconv.Itoa(f.Line)
		}
		if !more {
			return "an unknown call site"
		}
	}
}

// hint says what would replace the loop that runs st. For a SELECT of a
// model's table by a column that a relation of a model read earlier in
// the session (or, outside sessions, by the DB) points at, it is that
// relation's With on that model's query; for another SELECT of a model,
// With on its parent's query in general. The relations are searched only
// now, when the detector reports, among the tables c has seen.
func (c *n1Counts) hint(db *DB, st *stmt) string {
	i := strings.LastIndex(st.query, " WHERE ")
	if st.w.op == "INSERT" {
		return "stage the rows with Session.Add, or Insert them together: one statement for all"
	}
	if st.w.op != "SELECT" || st.w.table == "" || i < 0 {
		return "run it once for all the rows (an IN condition, a join) instead of once per row"
	}
	where := st.query[i:]
	for _, table := range c.tables() {
		t := schema.Lookup(table)
		if t == nil {
			continue
		}
		for _, r := range t.Relations() {
			if r.Resolve() != nil || r.Kind == schema.ManyToMany || r.Target.Name != st.w.table {
				continue
			}
			if strings.Contains(where, db.dialect.Quote(r.Remote.Name)) {
				return fmt.Sprintf("load them with With(%q) on the query of %s: one query for all the rows", r.Name, t.Model())
			}
		}
	}
	return fmt.Sprintf("load %s with With on the parent query: one query for all the rows", st.w.table)
}

// tables lists the model tables of the SELECTs c has seen, sorted.
func (c *n1Counts) tables() []string {
	var tables []string
	add := func(sh n1Shape) {
		if sh.table != "" && !slices.Contains(tables, sh.table) {
			tables = append(tables, sh.table)
		}
	}
	for _, e := range c.few[:c.nfew] {
		add(e.n1Shape)
	}
	for _, sh := range c.seen {
		add(sh)
	}
	slices.Sort(tables)
	return tables
}
