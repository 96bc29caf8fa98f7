package migrate_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// lintFolder writes up files (one per body, versions 1, 2, …) into a
// folder under MigrationsDir's {dialect} and runs `db lint` on dialect
// through the command entry point. Lint reads files only: the URL names
// the dialect, and no database is opened.
func lintFolder(t *testing.T, dialect string, bodies ...string) (string, error) {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, dialect)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, b := range bodies {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d_m%d.up.sql", i+1, i+1)), []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := rx.Config{DBURL: rxtest.ServerURL(dialect), IgnoreEnv: true, MigrationsDir: filepath.Join(root, migrate.DialectPlaceholder)}
	if dialect == "sqlite" {
		cfg.DBURL = "sqlite://" + filepath.Join(root, "never-opened.db")
	}
	var out bytes.Buffer
	err := migrate.RunTo(ctx(t), &out, cfg, []string{"db", "lint"})
	if _, serr := os.Stat(filepath.Join(root, "never-opened.db")); serr == nil {
		t.Fatal("db lint opened the database")
	}
	return out.String(), err
}

// wantFinding checks that lint failed with ErrLintFindings and printed
// rule for file 1 at line, with the statement's start and the advice.
func wantFinding(t *testing.T, out string, err error, rule string, line int, start, advice string) {
	t.Helper()
	if !errors.Is(err, migrate.ErrLintFindings) {
		t.Fatalf("err = %v, want ErrLintFindings\n%s", err, out)
	}
	want := fmt.Sprintf("1_m1.up.sql:%d: %s: %s", line, rule, start)
	if !strings.Contains(out, want) || !strings.Contains(out, advice) {
		t.Fatalf("want %q and %q in:\n%s", want, advice, out)
	}
}

func TestLintCleanFolderPasses(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			out, err := lintFolder(t, d,
				"CREATE TABLE lint_a (id INTEGER PRIMARY KEY, n INTEGER);\nCREATE INDEX lint_a_n ON lint_a (n);\n",
				"-- a comment: DROP TABLE lint_a;\nALTER TABLE lint_a ADD COLUMN note TEXT DEFAULT 'DROP TABLE x';\n")
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if !strings.Contains(out, "OK: no findings in ") || !strings.Contains(out, "(2 files)") {
				t.Fatalf("got:\n%s", out)
			}
		})
	}
}

func TestLintDestructiveDrop(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			out, err := lintFolder(t, d, "CREATE TABLE lint_k (id INTEGER);\n\nDROP TABLE lint_old;\nALTER TABLE lint_b DROP COLUMN note;\n")
			wantFinding(t, out, err, "destructive-drop", 3, "DROP TABLE lint_old", "drop it in a later one")
			wantFinding(t, out, err, "destructive-drop", 4, "ALTER TABLE lint_b DROP COLUMN note", "stop using it in one release")
			if !strings.Contains(out, "2 finding(s) in ") {
				t.Fatalf("got:\n%s", out)
			}
		})
	}
}

// TestLintSQLiteRebuildIsNoDrop: the table SQLite's rebuild drops is
// replaced by its renamed copy in the same file, so no data is lost.
func TestLintSQLiteRebuildIsNoDrop(t *testing.T) {
	out, err := lintFolder(t, "sqlite", `CREATE TABLE "lint_t__new" (id INTEGER);
INSERT INTO "lint_t__new" (id) SELECT id FROM "lint_t";
DROP TABLE "lint_t";
ALTER TABLE "lint_t__new" RENAME TO "lint_t";
`)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

func TestLintIgnoreSilencesOneRule(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			out, err := lintFolder(t, d, "-- the table is empty\n-- rx:lint-ignore destructive-drop\nDROP TABLE lint_gone;\n")
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			// Not directly before (a blank line between), or another rule: still flagged.
			out, err = lintFolder(t, d, "-- rx:lint-ignore destructive-drop\n\nDROP TABLE lint_gone;\n-- rx:lint-ignore type-rewrite\nDROP TABLE lint_x;\n")
			wantFinding(t, out, err, "destructive-drop", 3, "DROP TABLE lint_gone", "later one")
			wantFinding(t, out, err, "destructive-drop", 5, "DROP TABLE lint_x", "later one")
		})
	}
}

func TestLintIndexNotConcurrent(t *testing.T) {
	out, err := lintFolder(t, "postgres", "CREATE TABLE lint_n (id INTEGER);\nCREATE INDEX lint_n_id ON lint_n (id);\n"+
		"CREATE UNIQUE INDEX lint_o_x ON lint_o (x);\n")
	wantFinding(t, out, err, "index-not-concurrent", 3, "CREATE UNIQUE INDEX lint_o_x ON lint_o", "CREATE INDEX CONCURRENTLY, in a file whose first line is `-- rx:no-transaction`")
	if strings.Contains(out, ":2: ") {
		t.Fatalf("flagged the index of a table the file creates:\n%s", out)
	}
	if out, err := lintFolder(t, "postgres", "-- rx:no-transaction\nCREATE INDEX CONCURRENTLY lint_o_x ON lint_o (x);\n"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// The rule is PostgreSQL's: the others lock no differently with it.
	if out, err := lintFolder(t, "mysql", "CREATE INDEX lint_o_x ON lint_o (x);\n"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
}

func TestLintForeignKeyNotValid(t *testing.T) {
	out, err := lintFolder(t, "postgres", "ALTER TABLE lint_c ADD CONSTRAINT lint_c_p FOREIGN KEY (p) REFERENCES lint_p (id);\n"+
		"ALTER TABLE lint_c ADD CONSTRAINT lint_c_q FOREIGN KEY (q) REFERENCES lint_p (id) NOT VALID;\n")
	wantFinding(t, out, err, "fk-not-valid", 1, "ALTER TABLE lint_c ADD CONSTRAINT lint_c_p", "add it with NOT VALID, then run ALTER TABLE lint_c VALIDATE CONSTRAINT")
	if strings.Contains(out, ":2: ") {
		t.Fatalf("flagged a NOT VALID foreign key:\n%s", out)
	}
}

func TestLintSetNotNull(t *testing.T) {
	out, err := lintFolder(t, "postgres", "ALTER TABLE lint_s ALTER COLUMN note SET NOT NULL;\n")
	wantFinding(t, out, err, "set-not-null", 1, "ALTER TABLE lint_s ALTER COLUMN note", "add CHECK (note IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it")
}

func TestLintTypeRewrite(t *testing.T) {
	out, err := lintFolder(t, "postgres", "ALTER TABLE lint_r ALTER COLUMN n TYPE BIGINT;\n")
	wantFinding(t, out, err, "type-rewrite", 1, "ALTER TABLE lint_r ALTER COLUMN n", "add a column of the new type, backfill it in batches")
}

func TestLintVolatileDefault(t *testing.T) {
	out, err := lintFolder(t, "postgres", "ALTER TABLE lint_v ADD COLUMN token UUID NOT NULL DEFAULT gen_random_uuid();\n"+
		"ALTER TABLE lint_v ADD COLUMN seen TIMESTAMPTZ NOT NULL DEFAULT now();\n")
	wantFinding(t, out, err, "volatile-default", 1, "ALTER TABLE lint_v ADD COLUMN token", "ADD COLUMN token with the volatile default gen_random_uuid() rewrites lint_v")
	if strings.Contains(out, ":2: ") { // now() is stable: PostgreSQL 11+ stores it once
		t.Fatalf("flagged a stable default:\n%s", out)
	}
}

func TestLintMySQLCopyAlter(t *testing.T) {
	out, err := lintFolder(t, "mysql", "ALTER TABLE lint_m MODIFY COLUMN n BIGINT NOT NULL;\n"+
		"ALTER TABLE lint_m DROP PRIMARY KEY, ALGORITHM=INPLACE, LOCK=NONE;\n"+
		"ALTER TABLE lint_m ADD FULLTEXT INDEX lint_m_ft (body);\n")
	wantFinding(t, out, err, "mysql-copy-alter", 1, "ALTER TABLE lint_m MODIFY COLUMN n", "add ALGORITHM=INPLACE, LOCK=NONE")
	wantFinding(t, out, err, "mysql-copy-alter", 3, "ALTER TABLE lint_m ADD FULLTEXT INDEX", "online schema change tool")
	if strings.Contains(out, ":2: ") {
		t.Fatalf("flagged an ALTER that names ALGORITHM=INPLACE:\n%s", out)
	}
}

type lintGen struct {
	rx.Model
	Name string
	Note string
}

func (lintGen) TableName() string { return "lint_gen" }

type lintGenV2 struct {
	rx.Model
	Name string
}

func (lintGenV2) TableName() string { return "lint_gen" }

// TestGeneratedMigrationCarriesLintBlock: makemigrations puts the
// findings for the file it wrote under its header, with the lines the
// statements have in the written file; a clean file gets no block.
func TestGeneratedMigrationCarriesLintBlock(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v1, v2 := renamed(t, lintGen{}, "lint_gen"), renamed(t, lintGenV2{}, "lint_gen")
		first, err := migrate.New(cfg, v1).Init(ctx(t), "")
		if err != nil {
			t.Fatal(err)
		}
		if body := readFile(t, first.Paths[0]); strings.Contains(body, "-- LINT:") {
			t.Fatalf("a clean first migration got a LINT block:\n%s", body)
		}
		if _, err := migrate.New(cfg, v1).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		mig, err := migrate.New(cfg, v2).MakeMigrations(ctx(t), "drop note")
		if err != nil {
			t.Fatal(err)
		}
		body := readFile(t, mig.Paths[0])
		if strings.Contains(cfg.DBURL, "sqlite") {
			// SQLite rebuilds the table (drop, then rename the copy to its
			// name): no table is lost, and no block is written.
			if strings.Contains(body, "-- LINT:") || !strings.Contains(body, "RENAME TO") {
				t.Fatalf("want a rebuild without a LINT block:\n%s", body)
			}
			return
		}
		line := 0
		for i, l := range strings.Split(body, "\n") {
			if strings.Contains(l, "DROP COLUMN") && !strings.HasPrefix(l, "--") {
				line = i + 1
			}
		}
		want := fmt.Sprintf("\n-- LINT: %s:%d: destructive-drop: ", filepath.Base(mig.Paths[0]), line)
		if line == 0 || !strings.Contains(body, want) || !strings.HasPrefix(body, "-- ") {
			t.Fatalf("want %q in:\n%s", want, body)
		}
		// The block is comments: the file still applies.
		if _, err := migrate.New(cfg, v2).Migrate(ctx(t)); err != nil {
			t.Fatalf("%v\n%s", err, body)
		}
	})
}
