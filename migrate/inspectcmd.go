package migrate

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"strings"
)

// runInspect is `db inspect`: the models of the chosen tables, to
// standard output or to the -o file.
func runInspect(ctx context.Context, out io.Writer, m *Migrator, args []string) error {
	fs := flag.NewFlagSet("db inspect", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // the error below says it all, on one line
	tables := fs.String("tables", "", "comma-separated table names or patterns (default: every table)")
	file := fs.String("o", "", "the Go file to write (default: standard output)")
	pkg := fs.String("package", "models", "the generated file's package")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(out, usage)
		return nil
	} else if err != nil {
		return fmt.Errorf("migrate: db inspect: %w (usage: db inspect [-tables a,b*] [-o file.go] [-package name])", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("migrate: db inspect takes no arguments, got %q: name tables with -tables %s", strings.Join(fs.Args(), " "), strings.Join(fs.Args(), ","))
	}
	if !token.IsIdentifier(*pkg) {
		return fmt.Errorf("migrate: db inspect -package %q: a package name is a Go identifier, such as models", *pkg)
	}
	opts := ModelsOptions{Package: *pkg}
	for _, t := range strings.Split(*tables, ",") {
		if t = strings.TrimSpace(t); t != "" {
			opts.Tables = append(opts.Tables, t)
		}
	}
	src, err := m.Models(ctx, opts)
	if err != nil {
		return err
	}
	if *file == "" {
		_, err = out.Write(src)
		return err
	}
	if err := os.WriteFile(*file, src, 0o644); err != nil {
		return fmt.Errorf("migrate: db inspect: %w", err)
	}
	fmt.Fprintf(out, "wrote %s\n", *file)
	return nil
}
