package migrate_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// TestModelsFromLiveSchema writes models for tables created by hand on
// each database and reads the tags they get: a decimal as a string with
// its type, a nullable column as a pointer, a default, a composite unique
// key by name and position, a CHECK named as rx names a column's, a
// column's collation, a FULLTEXT index and an ON UPDATE on MySQL, a
// foreign key with its action, its belongs-to field and the parent's
// has-many one (has-one for a key that is the child's primary key), a
// table name that is not the type's snake_case; a table without a primary
// key, or with a column name rx cannot map, gets no model, and the tables
// are those -tables names.
func TestModelsFromLiveSchema(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		db := openDB(t, cfg)
		child := db.Dialect().Quote("MiChild")
		for _, s := range []string{
			"CREATE TABLE mi_parent (id INTEGER NOT NULL PRIMARY KEY, code VARCHAR(20) NOT NULL)",
			"CREATE TABLE " + child + " (child_id INTEGER NOT NULL PRIMARY KEY, parent_id INTEGER, price DECIMAL(10,2) NOT NULL DEFAULT 1.50, a VARCHAR(10) NOT NULL, b INTEGER NOT NULL, " +
				"CONSTRAINT " + db.Dialect().Quote("ck_MiChild_b") + " CHECK (b > 0), FOREIGN KEY (parent_id) REFERENCES mi_parent (id) ON DELETE CASCADE)",
			"CREATE INDEX ix_child_parent ON " + child + " (parent_id)",
			"CREATE UNIQUE INDEX ux_mi_pair ON " + child + " (a, b)",
			"CREATE TABLE mi_nokey (x INTEGER)",
			"CREATE TABLE mi_odd (id INTEGER NOT NULL PRIMARY KEY, " + db.Dialect().Quote("odd col") + " INTEGER)",
			"CREATE TABLE mi_detail (parent_id INTEGER NOT NULL PRIMARY KEY, FOREIGN KEY (parent_id) REFERENCES mi_parent (id))",
		} {
			if _, err := db.Exec(ctx(t), s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		fulltext := db.Dialect().Name() == "mysql"
		collation := map[string]string{"sqlite": "NOCASE", "mysql": "utf8mb4_bin", "postgres": `"C"`}[db.Dialect().Name()]
		extra := []string{"ALTER TABLE mi_parent ADD COLUMN label VARCHAR(20) COLLATE " + collation}
		if fulltext {
			extra = append(extra, "CREATE FULLTEXT INDEX ft_mi_code ON mi_parent (code)",
				"ALTER TABLE mi_parent ADD COLUMN touched TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP")
		}
		for _, s := range extra {
			if _, err := db.Exec(ctx(t), s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		m := migrate.New(cfg)
		src, err := m.Models(ctx(t), migrate.ModelsOptions{Tables: []string{"mi_*", "MiChild"}, Package: "shop"})
		if err != nil {
			t.Fatal(err)
		}
		text := string(src)
		if fulltext && (!strings.Contains(text, `rx:"size=20,fulltext=ft_mi_code"`) || !strings.Contains(text, "update=current_timestamp()")) {
			t.Errorf("models lack the FULLTEXT index or the ON UPDATE:\n%s", text)
		}
		if !strings.Contains(text, "collate="+strings.Trim(collation, `"`)) {
			t.Errorf("models lack the collation %s:\n%s", collation, text)
		}
		for _, want := range []string{
			"unique=ux_mi_pair:2,check=",
			"package shop\n",
			"type MiChild struct {", `func (MiChild) TableName() string { return "MiChild" }`,
			"type MiParent struct {", "func All() []any {", "&MiChild{}, &MiDetail{}, &MiParent{}",
			"ParentID *", `rx:"index=ix_child_parent,fk=mi_parent.id,ondelete=cascade"`,
			"Parent   *MiParent `rx:\"rel=belongs-to,join=parent_id:id\"`",
			"[]MiChild `rx:\"rel=has-many,join=id:parent_id\"`",
			"MiDetail *MiDetail `rx:\"rel=has-one,join=id:parent_id\"`",
			"Price    string", "default=1.50", "unique=ux_mi_pair:1", "unique=ux_mi_pair:2",
			"No model for mi_nokey: rx models need a primary key.",
			`No model for mi_odd: column "odd col" is not a name rx can map`,
		} {
			if !strings.Contains(text, want) {
				t.Errorf("models lack %q:\n%s", want, text)
			}
		}
		if _, err := m.Models(ctx(t), migrate.ModelsOptions{Tables: []string{"mi_none*"}}); !errors.Is(err, migrate.ErrNoSuchTable) || !strings.Contains(err.Error(), "mi_parent") {
			t.Errorf("an unmatched pattern: %v", err)
		}
	})
}

// TestInspectCommand runs db inspect as a program does: the models of the
// tables -tables names go to standard output in the -package named, or
// to the -o file; a bad package name, an argument and an unknown flag
// are refused with the fix.
func TestInspectCommand(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		db := openDB(t, cfg)
		for _, s := range []string{"CREATE TABLE ic_one (id INTEGER NOT NULL PRIMARY KEY)", "CREATE TABLE ic_two (id INTEGER NOT NULL PRIMARY KEY)"} {
			if _, err := db.Exec(ctx(t), s); err != nil {
				t.Fatal(err)
			}
		}
		var out strings.Builder
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "inspect", "-tables", "ic_one", "-package", "store"}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "package store\n") || !strings.Contains(out.String(), "type IcOne struct") || strings.Contains(out.String(), "IcTwo") {
			t.Errorf("db inspect -tables ic_one -package store:\n%s", out.String())
		}
		file := filepath.Join(t.TempDir(), "models.go")
		out.Reset()
		if err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "inspect", "-o", file}); err != nil || out.String() != "wrote "+file+"\n" {
			t.Fatalf("db inspect -o: %v\n%s", err, out.String())
		}
		if src := readFile(t, file); !strings.Contains(src, "package models\n") || !strings.Contains(src, "type IcTwo struct") {
			t.Errorf("%s:\n%s", file, src)
		}
		for args, want := range map[string]string{
			"-package 1x":     `-package "1x": a package name is a Go identifier`,
			"ic_one":          "db inspect takes no arguments, got \"ic_one\": name tables with -tables ic_one",
			"-table ic_one":   "flag provided but not defined: -table",
			"-tables nothing": `"nothing" matches no table of the database`,
		} {
			err := migrate.RunTo(ctx(t), &out, cfg, append([]string{"db", "inspect"}, strings.Fields(args)...))
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("db inspect %s: %v, want %q", args, err, want)
			}
		}
	})
}
