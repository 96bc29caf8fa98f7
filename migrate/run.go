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

// command is one db command: its usage line, how many positional
// arguments it takes, whether it has the -m flag, and what it does. The
// usage text is made from this table, so it cannot drift from it.
type command struct {
	name, args, help string
	message          bool // takes -m/-message
	maxArgs          int
	run              func(ctx context.Context, out io.Writer, m *Migrator, message string, pos []string) error
}

var commands = []command{
	{name: "init", args: "[-m message]", help: "write the first migration: the models' whole schema", message: true, run: runInit},
	{name: "makemigrations", args: "-m message [-prune]", help: "write a migration for what changed in the models", message: true, run: runMakeMigrations},
	{name: "migrate", help: "apply the pending migrations", run: runMigrate},
	{name: "downgrade", args: "[N|all]", help: "undo the last N migrations (default 1), or all of them", maxArgs: 1, run: runDowngrade},
	{name: "goto", args: "VERSION", help: "apply or undo migrations to reach VERSION", maxArgs: 1, run: runGoto},
	{name: "status", help: "show the version, pending migrations and schema drift", run: runStatus},
	{name: "check", args: "[-no-replay]", help: "fail when migrations are pending, the models differ, or the folder does not build them from empty", run: runCheck},
	{name: "force", args: "VERSION", help: "record VERSION as applied and clear the dirty flag (-1: none)", maxArgs: 1, run: runForce},
	{name: "lint", help: "flag statements in the up files that lock or break a busy database, with the safe alternative", run: runLint},
	{name: "inspect", args: "[-tables a,b*] [-o file.go] [-package name]", help: "write Go models for the live database's tables"},
}

// usage lists the commands, from the table.
var usage = func() string {
	var b strings.Builder
	b.WriteString("usage: db <command>\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-28s%s\n", strings.TrimSpace(c.name+" "+c.args), c.help)
	}
	return b.String()
}()

func lookup(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// Run runs one db command from a program's arguments (os.Args[1:],
// starting with "db"), printing to standard output; see the package
// documentation. models are the program's models (none: every registered
// one). A failed command, and `db check` finding differences, return an
// error, which main should turn into a non-zero exit.
func Run(ctx context.Context, cfg rx.Config, args []string, models ...any) error {
	return run(ctx, os.Stdout, cfg, args, models...)
}

func run(ctx context.Context, out io.Writer, cfg rx.Config, args []string, models ...any) error {
	m := New(cfg, models...)
	return m.run(ctx, out, args)
}

// Run runs one db command, as the package-level Run does, on m: with the
// Go migrations registered on it (Migrator.Go). It prints to m.Out,
// standard output when nil.
func (m *Migrator) Run(ctx context.Context, args []string) error {
	out := m.Out
	if out == nil {
		out = os.Stdout
	}
	return m.run(ctx, out, args)
}

func (m *Migrator) run(ctx context.Context, out io.Writer, args []string) error {
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
	c := lookup(args[0])
	if c == nil {
		fmt.Fprint(out, usage)
		return fmt.Errorf("migrate: unknown db command %q", args[0])
	}
	if c.name == "inspect" { // flags of its own, and no models needed
		return runInspect(ctx, out, m, args[1:])
	}
	rest, prune, noReplay := args[1:], false, false
	switch c.name {
	case "makemigrations":
		rest, prune = takeFlag(rest, "prune")
	case "check":
		rest, noReplay = takeFlag(rest, "no-replay")
	}
	message, pos, err := parseArgs(out, c, rest)
	if errors.Is(err, flag.ErrHelp) {
		return nil // the usage is printed
	}
	if err != nil {
		return err
	}
	if len(pos) > c.maxArgs {
		return fmt.Errorf("migrate: db %s takes %s, got %q", c.name, argsText[c.maxArgs], strings.Join(pos, " "))
	}
	m.Out = out
	m.Prune, m.NoReplay = prune, noReplay
	return c.run(ctx, out, m, message, pos)
}

func runInit(ctx context.Context, out io.Writer, m *Migrator, message string, _ []string) error {
	mig, err := m.Init(ctx, message)
	if err != nil {
		return err
	}
	printMigration(out, m, mig)
	switch {
	case len(mig.Adopted) > 0:
		fmt.Fprintf(out, "The database already holds table(s) %s: version %d holds them as they are and is recorded as applied; the models differ in %s, which the next migration writes.\n",
			strings.Join(mig.Adopted, ", "), mig.File.Version, strings.Join(mig.Differ, ", "))
	case mig.Baselined:
		fmt.Fprintf(out, "The database already holds the models' tables: version %d is recorded as applied.\n", mig.File.Version)
	}
	if mig.Baselined {
		var b strings.Builder
		writeUnmanaged(&b, mig.Unmanaged)
		fmt.Fprint(out, b.String())
	}
	fmt.Fprintf(out, "Next: `%s`\n", strings.Join(mig.Next, "`, then `"))
	return nil
}

func runMakeMigrations(ctx context.Context, out io.Writer, m *Migrator, message string, _ []string) error {
	mig, err := m.MakeMigrations(ctx, message)
	if err != nil {
		return err
	}
	if mig.Diff.Empty() {
		printUnlisted(out, mig.Unlisted)
		fmt.Fprintln(out, "No changes detected")
		return nil
	}
	printMigration(out, m, mig)
	return nil
}

func runMigrate(ctx context.Context, out io.Writer, m *Migrator, _ string, _ []string) error {
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
}

func runDowngrade(ctx context.Context, _ io.Writer, m *Migrator, _ string, pos []string) error {
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
}

func runGoto(ctx context.Context, out io.Writer, m *Migrator, _ string, pos []string) error {
	if len(pos) != 1 {
		return fmt.Errorf("migrate: db goto takes one version, of those `%s` lists", m.cmd("db status"))
	}
	v, err := m.gotoVersion(pos[0])
	if err != nil {
		return err
	}
	steps, err := m.Goto(ctx, v)
	if err == nil && len(steps) == 0 {
		fmt.Fprintf(out, "Already at version %d\n", v)
	}
	return err
}

func runStatus(ctx context.Context, out io.Writer, m *Migrator, _ string, _ []string) error {
	st, err := m.Status(ctx)
	if err != nil {
		return err
	}
	fmt.Fprint(out, st)
	return nil
}

func runCheck(ctx context.Context, out io.Writer, m *Migrator, _ string, _ []string) error {
	if tables, err := m.tables(); err == nil { // else Check reports it
		printUnlisted(out, unlistedRelated(tables))
	}
	st, err := m.check(ctx)
	if err != nil {
		return err
	}
	if m.NoReplay {
		fmt.Fprintln(out, "OK: no pending migrations, the models match the database")
	} else {
		fmt.Fprintln(out, "OK: no pending migrations, the models match the database and the migrations build them from empty")
	}
	var b strings.Builder
	writeUnmanaged(&b, st.Unmanaged)
	fmt.Fprint(out, b.String())
	return nil
}

func runForce(ctx context.Context, out io.Writer, m *Migrator, _ string, pos []string) error {
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

var argsText = []string{"no arguments", "one argument"}

// parseArgs splits a command's arguments into its -m message and its
// positional arguments; flag.ErrHelp means -h was asked for and the
// usage printed. Only init and makemigrations have flags; for the
// other commands every argument is positional, so `db force -1` reads -1
// as the version (the flag package would take it for a flag). A leading
// "--" is accepted and skipped, as the flag package does.
func parseArgs(out io.Writer, c *command, args []string) (message string, pos []string, err error) {
	name := c.name
	if !c.message {
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
	printUnlisted(out, mig.Unlisted)
}

// printUnlisted warns of the related tables the models leave out.
func printUnlisted(out io.Writer, unlisted []string) {
	for _, u := range unlisted {
		fmt.Fprintf(out, "WARNING: %s\n", u)
	}
}

// takeFlag removes the boolean flag -name (or --name) from args, which
// the flag package would otherwise refuse after -m's value.
func takeFlag(args []string, name string) ([]string, bool) {
	out, prune := make([]string, 0, len(args)), false
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...), prune
		}
		if a == "-"+name || a == "--"+name {
			prune = true
			continue
		}
		out = append(out, a)
	}
	return out, prune
}
