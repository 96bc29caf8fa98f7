package migrate_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/schema"
)

// Check is CI's guard (db check): nil while the database, the migrations
// folder and the models agree, ErrCheckFailed naming each difference once
// a model changed without a migration.
func ExampleMigrator_Check() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "rx-example")
	defer os.RemoveAll(dir)
	cfg := exampleConfig(dir)
	v1, _ := schema.TableOf(exampleNote{})
	if _, err := migrate.New(cfg, v1).Init(ctx, ""); err != nil {
		fmt.Println(err)
		return
	}
	if _, err := migrate.New(cfg, v1).Migrate(ctx); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(migrate.New(cfg, v1).Check(ctx))

	v2, _ := schema.TableOf(exampleNoteV2{}) // a new field, no migration for it
	next := *v2
	next.Name = v1.Name
	m := migrate.New(cfg, &next)
	m.Command = "myapp" // how the suggested commands start; New takes it from os.Args
	err := m.Check(ctx)
	var check *migrate.CheckError
	if !errors.Is(err, migrate.ErrCheckFailed) || !errors.As(err, &check) {
		fmt.Println(err)
		return
	}
	fmt.Println(check.Problems[0])
	fmt.Println(check.Problems[1])
	// Output:
	// <nil>
	// models differ: add column example_note.body (TEXT)
	// run `myapp db makemigrations -m "..."`
}
