package docs

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
)

// runMain makes a "run" fragment a program: it opens the database DB_URL
// names, creates the guide's models' tables and runs the fragment, so that
// what the fragment writes meets the guide's own constraints.
const runMain = `package main

import (
	"fmt"
	"os"

	_ "github.com/rxgo/rxdb/drivers/mysql"
	_ "github.com/rxgo/rxdb/drivers/postgres"
	_ "github.com/rxgo/rxdb/drivers/sqlite"
	"github.com/rxgo/rxdb/rx"
)

func main() {
	var err error
	if db, err = rx.Open(ctx, rx.Config{DBURL: os.Getenv("DB_URL")}); err == nil {
		if err = db.CreateAll(ctx, &User{}, &Post{}, &Tag{}, &PostTag{}); err == nil {
			err = snippet()
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
`

// wrapRun is wrapBody as package main, with runMain; the fragment's own
// err (a run fragment declares one) is what it returns.
func wrapRun(b block) (map[string]string, error) {
	files, err := wrapBody(b, "return err")
	if err != nil {
		return nil, err
	}
	for name, text := range files {
		files[name] = "package main" + strings.TrimPrefix(text, "package snippet")
	}
	files["main.go"] = runMain
	return files, nil
}

// runOnEach runs a "run" fragment's program once on each database, in a
// fresh one.
func runOnEach(t *testing.T, exe, where string) {
	for _, dialect := range rxtest.Dialects {
		t.Run(where+"/"+dialect, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(exe)
			cmd.Env = append(os.Environ(), "DB_URL="+rxtest.FreshURL(t, dialect))
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s: the fragment fails on %s: %v\n%s", where, dialect, err, out)
			}
		})
	}
}
