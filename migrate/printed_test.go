package migrate_test

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// TestPrintedCommandsRunAsPrinted: the program is printed as it was
// invoked (os.Args[0], not its base name), `db goto` takes the names
// `db status` prints, and the commands printed run exactly as printed.
func TestPrintedCommandsRunAsPrinted(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		if got := migrate.New(cfg).Command; got != os.Args[0] {
			t.Fatalf("Command = %q, want the program as invoked, %q", got, os.Args[0])
		}
		v1, v2 := items(t)
		run := func(args ...string) string {
			t.Helper()
			var out bytes.Buffer
			if err := migrate.RunTo(ctx(t), &out, cfg, append([]string{"db"}, args...), v2); err != nil {
				t.Fatalf("db %s: %v\n%s", strings.Join(args, " "), err, out.String())
			}
			return out.String()
		}
		if _, err := migrate.New(cfg, v1).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := migrate.New(cfg, v1).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		first := regexp.MustCompile(`(?m)^version: (\S+)$`).FindStringSubmatch(run("status"))
		if first == nil {
			t.Fatal("status printed no version")
		}
		run("makemigrations", "-m", "v2")
		second := regexp.MustCompile(`(?m)^  pending (\S+)$`).FindStringSubmatch(run("status"))
		if second == nil {
			t.Fatal("status printed no pending migration")
		}
		// check names the command to run; it runs as printed.
		var out bytes.Buffer
		err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "check"}, v2)
		cmds := printedBy(cfg, err.Error())
		if len(cmds) != 1 {
			t.Fatalf("check printed %q in %v", cmds, err)
		}
		if out, err := runAsPrinted(t, cfg, cmds[0], v2); err != nil || !strings.Contains(out, "applied ") {
			t.Fatalf("%s: %v\n%s", cmds[0], err, out)
		}
		if out := run("goto", first[1]); !strings.Contains(out, "undid "+second[1]) {
			t.Fatalf("goto %s:\n%s", first[1], out)
		}
		if out := run("goto", second[1]+".up.sql"); !strings.Contains(out, "applied "+second[1]) {
			t.Fatalf("goto %s:\n%s", second[1], out)
		}
		wrong := strings.SplitN(first[1], "_", 2)[0] + "_typo"
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "goto", wrong}, v2); err == nil || !strings.Contains(err.Error(), first[1]) {
			t.Fatalf("goto %s: %v", wrong, err)
		}
	})
}

type relShelf struct {
	rx.Model
	Name  string
	Books []*relShelfBook `rx:"through=rel_shelf_link"`
}

func (relShelf) TableName() string { return "rel_shelf" }

type relShelfBook struct {
	rx.Model
	Title string
}

func (relShelfBook) TableName() string { return "rel_shelf_book" }

type relShelfLink struct {
	ShelfID int64 `rx:"pk,fk=rel_shelf.id"`
	BookID  int64 `rx:"pk,fk=rel_shelf_book.id"`
}

func (relShelfLink) TableName() string { return "rel_shelf_link" }

// TestUnlistedRelatedModelsWarn: a many-to-many link model (or any
// related model) missing from the migrator's models is warned about,
// by name, at init, makemigrations and check.
func TestUnlistedRelatedModelsWarn(t *testing.T) {
	if err := rx.Register(&relShelfLink{}); err != nil {
		t.Fatal(err)
	}
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		for _, args := range [][]string{{"init"}, {"migrate"}, {"makemigrations", "-m", "again"}, {"check"}} {
			var out bytes.Buffer
			err := migrate.RunTo(ctx(t), &out, cfg, append([]string{"db"}, args...), &relShelf{}, &relShelfBook{})
			if err != nil {
				t.Fatalf("db %s: %v\n%s", args[0], err, out.String())
			}
			if args[0] == "migrate" {
				continue
			}
			if !strings.Contains(out.String(), "WARNING: model relShelf's relation Books (its link table) needs table rel_shelf_link") || !strings.Contains(out.String(), "&relShelfLink{}") {
				t.Errorf("db %s does not warn of the link table:\n%s", args[0], out.String())
			}
		}
		var out bytes.Buffer
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "check"}, &relShelf{}, &relShelfBook{}, &relShelfLink{}); err == nil || strings.Contains(out.String(), "WARNING") {
			t.Fatalf("with every model: %v\n%s", err, out.String()) // the link table is now missing from the database
		}
	})
}
