package migrate

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/rxgo/rxdb/rx"
)

const usage = `usage: db <command>

commands:
  init [-m message]           write the first migration: the models' whole schema
  makemigrations -m message   write a migration for what changed in the models
  migrate                     apply the pending migrations
  downgrade [N|all]           undo the last N migrations (default 1), or all of them
  goto VERSION                apply or undo migrations to reach VERSION
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
			return errors.New("migrate: missing db command: name one of the commands listed above")
		}
		return nil
	}
	m := New(cfg, models...)
	m.Out = out
	name := args[0]
	message, pos, err := parseArgs(out, name, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return nil // the usage is printed
	}
	if err != nil {
		return err
	}
	if max, ok := maxArgs[name]; ok && len(pos) > max {
		return fmt.Errorf("migrate: db %s takes %s, got %q", name, argsText[max], strings.Join(pos, " "))
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
		if err != nil || len(steps) > 0 {
			return err
		}
		if files, err := listFiles(m.cfg.MigrationsSource()); err == nil && len(files) == 0 {
			fmt.Fprintf(out, "No migrations in %s: `%s` writes the first\n", m.dir(), m.cmd("db init"))
			return nil
		}
		fmt.Fprintln(out, "Already up to date")
		return nil
	case "downgrade":
		n := 1
		if len(pos) > 0 && pos[0] == "all" {
			n = math.MaxInt
		} else if len(pos) > 0 {
			v, err := strconv.Atoi(pos[0])
			if err != nil || v < 1 {
				return fmt.Errorf("migrate: db downgrade takes a positive number of migrations or all, got %q", pos[0])
			}
			n = v
		}
		_, err := m.Downgrade(ctx, n)
		return err
	case "goto":
		if len(pos) != 1 {
			return fmt.Errorf("migrate: db goto takes one version, of those `%s` lists", m.cmd("db status"))
		}
		v, err := strconv.ParseUint(pos[0], 10, 64)
		if err != nil || v == 0 {
			return fmt.Errorf("migrate: db goto takes a version number, got %q (`%s` goes to the empty schema)", pos[0], m.cmd("db downgrade all"))
		}
		steps, err := m.Goto(ctx, uint(v))
		if err == nil && len(steps) == 0 {
			fmt.Fprintf(out, "Already at version %d\n", v)
		}
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
		if len(pos) != 1 {
			return fmt.Errorf("migrate: db force takes one version, of those `%s` lists, or -1 for none applied (`%s`)", m.cmd("db status"), m.cmd("db force -1"))
		}
		v, err := strconv.Atoi(pos[0])
		if err != nil || v < -1 {
			return fmt.Errorf("migrate: db force takes a version number or -1, got %q", pos[0])
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

// maxArgs is how many arguments (after any flags) each command takes.
var maxArgs = map[string]int{"init": 0, "makemigrations": 0, "migrate": 0, "status": 0, "check": 0, "downgrade": 1, "force": 1, "goto": 1}

var argsText = []string{"no arguments", "one argument"}

// parseArgs splits a command's arguments into its -m message and its
// positional arguments; flag.ErrHelp means -h was asked for and the
// usage printed. Only init and makemigrations have flags; for the
// other commands every argument is positional, so `db force -1` reads -1
// as the version (the flag package would take it for a flag). A leading
// "--" is accepted and skipped, as the flag package does.
func parseArgs(out io.Writer, name string, args []string) (message string, pos []string, err error) {
	if name != "init" && name != "makemigrations" {
		if len(args) > 0 && args[0] == "--" {
			return "", args[1:], nil
		}
		for _, a := range args {
			if a == "-h" || a == "-help" || a == "--help" {
				fmt.Fprint(out, usage)
				return "", nil, flag.ErrHelp
			}
			if _, err := strconv.Atoi(a); err != nil && strings.HasPrefix(a, "-") {
				return "", nil, fmt.Errorf("migrate: db %s has no option %s", name, a)
			}
		}
		return "", args, nil
	}
	fs := flag.NewFlagSet("db "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the error below says it all, on one line
	fs.StringVar(&message, "message", "", "what the migration does, for its file name")
	fs.StringVar(&message, "m", "", "shorthand for -message")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(out, usage)
		return "", nil, flag.ErrHelp
	} else if err != nil {
		return "", nil, fmt.Errorf("migrate: db %s: %w (usage: db %s -m message)", name, err, name)
	}
	return message, fs.Args(), nil
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
