package migrate_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	_ "github.com/rxgo/rxdb/drivers/sqlite/sqlitemigrate"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

type exampleNote struct {
	rx.Model
	Title string `rx:"unique"`
}

type exampleNoteV2 struct {
	rx.Model
	Title string `rx:"unique"`
	Body  *string
}

// exampleConfig is a SQLite database and a migrations folder in dir.
func exampleConfig(dir string) rx.Config {
	return rx.Config{
		DBURL:         "sqlite:///" + filepath.Join(dir, "app.db"),
		IgnoreEnv:     true,
		MigrationsDir: filepath.Join(dir, "migrations"),
	}
}

// A first migration, applied, then the model grows a column and
// MakeMigrations writes the difference.
func ExampleMigrator() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "rx-example")
	defer os.RemoveAll(dir)
	cfg := exampleConfig(dir)
	v1, _ := schema.TableOf(exampleNote{})
	mig, err := migrate.New(cfg, v1).Init(ctx, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(mig.Diff.Changes)
	if _, err := migrate.New(cfg, v1).Migrate(ctx); err != nil {
		fmt.Println(err)
		return
	}

	// The next version of the model, under the same table name.
	v2, _ := schema.TableOf(exampleNoteV2{})
	next := *v2
	next.Name = v1.Name
	mig, err = migrate.New(cfg, &next).MakeMigrations(ctx, "add body")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(mig.File.Slug, mig.Diff.Changes)
	// Output:
	// [add table example_note]
	// add_body [add column example_note.body (TEXT)]
}
