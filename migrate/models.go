package migrate

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
)

// ModelsOptions chooses what Migrator.Models writes.
type ModelsOptions struct {
	// Tables names the tables to write models for, each a name or a
	// path.Match pattern ("film*"); none means every table. A name or
	// pattern that matches no table is an error.
	Tables []string
	// Package is the generated file's package name; "models" when empty.
	Package string
}

// ErrNoSuchTable: Migrator.Models was asked for a table the database
// does not have.
var ErrNoSuchTable = errors.New("migrate: no such table")

// Models reads the live database and returns the Go source of a model
// struct for each chosen table (gofmt'd, compiling on its own): field
// types from the column types (a nullable column is a pointer, an exact
// decimal a string), db:"column" names, and rx tags for keys, defaults,
// indexes and foreign keys, with a belongs-to field per foreign key to
// another chosen table. With exactly these models, `db check -no-replay`
// finds no difference on the database they were read from; what a model
// cannot declare is left to the database and reported as unmanaged. A
// table without a primary key (rx needs one), or with a name rx cannot
// map, has no model; the file says so in a comment. `db inspect` calls it.
func (m *Migrator) Models(ctx context.Context, opts ModelsOptions) ([]byte, error) {
	c, err := m.open(ctx)
	if err != nil {
		return nil, err
	}
	defer c.close()
	live, _, err := c.inspect(ctx)
	if err != nil {
		return nil, err
	}
	live = m.scope().hide(live) // Config.Ignore: not ours to model
	chosen, err := chooseTables(live, opts.Tables)
	if err != nil {
		return nil, err
	}
	pkg := opts.Package
	if pkg == "" {
		pkg = "models"
	}
	return renderModels(c, chosen, pkg)
}

// chooseTables returns the tables of s that patterns name (all of them
// for none), refusing a pattern that names none.
func chooseTables(s *Schema, patterns []string) (*Schema, error) {
	if len(patterns) == 0 {
		return s, nil
	}
	out := &Schema{}
	for _, p := range patterns {
		if _, err := path.Match(p, ""); err != nil {
			return nil, fmt.Errorf("migrate: table pattern %q: %w (patterns use * ? and [...], as in -tables 'film*')", p, err)
		}
		found := false
		for _, t := range s.Tables {
			if ok, _ := path.Match(p, t.Name); ok {
				found = true
				if out.Table(t.Name) == nil {
					out.Tables = append(out.Tables, t)
				}
			}
		}
		if !found {
			return nil, fmt.Errorf("%w: %q matches no table of the database (tables: %s)", ErrNoSuchTable, p, tableList(s))
		}
	}
	out.sort()
	return out, nil
}

func tableList(s *Schema) string {
	names := make([]string, 0, len(s.Tables))
	for _, t := range s.Tables {
		names = append(names, t.Name)
	}
	if len(names) == 0 {
		return "none"
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}
