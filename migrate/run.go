package migrate

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/rxgo/rxdb/rx"
)

const usage = `usage: db <command>

commands:
  init [-m message]           write the first migration: the models' whole schema
  makemigrations -m message   write a migration for what changed in the models
  migrate                     apply the pending migrations
  downgrade [N]               undo the last N migrations (default 1)
  status                      show the version, pending migrations and schema drift
  check                       fail when migrations are pending or the models differ
  force VERSION               record VERSION as applied and clear the dirty flag (-1: none)
`

// Run runs one db command from a program's arguments (os.Args[1:],
// starting with "db"), printing to standard output; see the package
// documentation. models are the program's models (none: every registered
// one). A failed command, and `db check` finding differences, return an
// error, which main should turn into a non-zero exit.
func Run(ctx context.Context, cfg rx.Config, args []string, models ...any) error {
	return run(ctx, os.Stdout, cfg, args, models...)
}

func run(ctx context.Context, out io.Writer, cfg rx.Config, args []string, models ...any) error {
	if len(args) > 0 && args[0] == "db" {
		args = args[1:]
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(out, usage)
		if len(args) == 0 {
			return errors.New("migrate: missing db command")
		}
		return nil
	}
	m := New(cfg, models...)
	m.Out = out
	name, rest := args[0], args[1:]
	fs := flag.NewFlagSet("db "+name, flag.ContinueOnError)
	fs.SetOutput(out)
	var message string
	if name == "init" || name == "makemigrations" {
		fs.StringVar(&message, "message", "", "what the migration does, for its file name")
		fs.StringVar(&message, "m", "", "shorthand for -message")
	}
	if err := fs.Parse(rest); err != nil {
		return err
	}
	switch name {
	case "init":
		mig, err := m.Init(ctx, message)
		if err != nil {
			return err
		}
		printMigration(out, m, mig)
		if mig.Baselined {
			fmt.Fprintf(out, "The database already has this schema: version %d is recorded as applied.\n", mig.File.Version)
		} else {
			fmt.Fprintf(out, "Next: `%s`\n", m.cmd("db migrate"))
		}
		return nil
	case "makemigrations":
		mig, err := m.MakeMigrations(ctx, message)
		if err != nil {
			return err
		}
		if mig.Diff.Empty() {
			fmt.Fprintln(out, "No changes detected")
			return nil
		}
		printMigration(out, m, mig)
		return nil
	case "migrate":
		steps, err := m.Migrate(ctx)
		if err == nil && len(steps) == 0 {
			fmt.Fprintln(out, "Already up to date")
		}
		return err
	case "downgrade":
		n := 1
		if fs.NArg() > 0 {
			v, err := strconv.Atoi(fs.Arg(0))
			if err != nil || v < 1 {
				return fmt.Errorf("migrate: downgrade takes a positive number of migrations, got %q", fs.Arg(0))
			}
			n = v
		}
		_, err := m.Downgrade(ctx, n)
		return err
	case "status":
		st, err := m.Status(ctx)
		if err != nil {
			return err
		}
		fmt.Fprint(out, st)
		return nil
	case "check":
		if err := m.Check(ctx); err != nil {
			return err
		}
		fmt.Fprintln(out, "OK: no pending migrations, the models match the database")
		return nil
	case "force":
		if fs.NArg() != 1 {
			return errors.New("migrate: force takes one version, as in `db force 20260102030405` (-1: no migration applied)")
		}
		v, err := strconv.Atoi(fs.Arg(0))
		if err != nil || v < -1 {
			return fmt.Errorf("migrate: force takes a version number or -1, got %q", fs.Arg(0))
		}
		if err := m.Force(ctx, v); err != nil {
			return err
		}
		fmt.Fprintf(out, "Recorded version %d, not dirty\n", v)
		return nil
	}
	fmt.Fprint(out, usage)
	return fmt.Errorf("migrate: unknown db command %q", name)
}

func printMigration(out io.Writer, m *Migrator, mig *Migration) {
	for _, p := range mig.Paths {
		fmt.Fprintf(out, "wrote %s\n", p)
	}
	fmt.Fprintf(out, "%d change(s):\n", len(mig.Diff.Changes))
	for _, c := range mig.Diff.Changes {
		fmt.Fprintf(out, "  %s\n", c)
	}
	if w := mig.Diff.Warnings(); len(w) > 0 {
		fmt.Fprintf(out, "WARNING: %d change(s) can lose data or fail on existing rows; read the migration before applying it:\n", len(w))
		for _, c := range w {
			label := "warning"
			if c.Destructive {
				label = "DESTRUCTIVE"
			}
			fmt.Fprintf(out, "  %s: %s: %s\n", label, c, c.Warning)
		}
	}
	for _, n := range mig.Notes {
		fmt.Fprintf(out, "note: %s\n", n)
	}
}
