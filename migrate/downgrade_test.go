package migrate_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// runAsPrinted runs line, a command rxdb printed, exactly as printed:
// it must start with the command prefix rxdb uses in this process
// (migrate.New(cfg).Command), and its words after it go to Run's parser.
func runAsPrinted(t *testing.T, cfg rx.Config, line string, models ...any) (string, error) {
	t.Helper()
	prefix := migrate.New(cfg).Command + " "
	rest, ok := strings.CutPrefix(line, prefix)
	if !ok {
		t.Fatalf("printed command %q does not start with the program as invoked, %q", line, prefix)
	}
	var out bytes.Buffer
	err := migrate.RunTo(ctx(t), &out, cfg, shellWords(t, rest), models...)
	return out.String(), err
}

// printedBy finds the commands in backticks in msg that start with
// this process's command prefix.
func printedBy(cfg rx.Config, msg string) []string {
	prefix := migrate.New(cfg).Command + " db "
	var out []string
	for i, part := range strings.Split(msg, "`") {
		if i%2 == 1 && strings.HasPrefix(part, prefix) {
			out = append(out, part)
		}
	}
	return out
}

// TestDowngradeMoreThanApplied: `db downgrade 5` with two migrations
// applied undoes nothing and points at `db downgrade all`, which then
// runs as printed; Migrator.Downgrade refuses the same way.
func TestDowngradeMoreThanApplied(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, v2 := items(t)
		if _, err := migrate.New(cfg, v1).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		m := migrate.New(cfg, v2)
		if _, err := m.MakeMigrations(ctx(t), "v2"); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		if steps, err := m.Downgrade(ctx(t), 3); !errors.Is(err, migrate.ErrDowngradeTooFar) || len(steps) != 0 {
			t.Fatalf("Downgrade(3) with 2 applied: %v %v", steps, err)
		}
		var out bytes.Buffer
		err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "downgrade", "5"}, v2)
		if !errors.Is(err, migrate.ErrDowngradeTooFar) || !strings.Contains(err.Error(), "2 migrations are applied") {
			t.Fatalf("db downgrade 5: %v\n%s", err, out.String())
		}
		noDrift(t, m) // nothing undone
		cmds := printedBy(cfg, err.Error())
		if len(cmds) != 1 || !strings.HasSuffix(cmds[0], " db downgrade all") {
			t.Fatalf("printed %q in %q, want the db downgrade all command", cmds, err)
		}
		if out, err := runAsPrinted(t, cfg, cmds[0], v2); err != nil {
			t.Fatalf("%s: %v\n%s", cmds[0], err, out)
		}
		if s := liveSchema(t, cfg); len(s.Tables) != 0 {
			t.Fatalf("downgrade all left tables:\n%s", dump(s))
		}
	})
}
