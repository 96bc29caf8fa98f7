package rx_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

// cdNote declares a collation, a per-database type and default, and
// MySQL's ON UPDATE CURRENT_TIMESTAMP.
type cdNote struct {
	rx.Model
	Title   string    `rx:"size=40,collate.mysql=utf8mb4_bin,collate.postgres=C,collate.sqlite=NOCASE"`
	Body    string    `rx:"type=TEXT,type.mysql=MEDIUMTEXT,type.postgres=VARCHAR(500)"`
	Status  string    `rx:"size=10,default='new',default.postgres='fresh'"`
	Changed time.Time `rx:"default=CURRENT_TIMESTAMP,default.mysql=CURRENT_TIMESTAMP(6),update=CURRENT_TIMESTAMP(6)"`
}

func (cdNote) TableName() string { return "cd_note" }

// TestColumnDeclarations: CreateAll builds each declaration on every
// database, and each does what it says there: the collation decides
// equality (NOCASE on SQLite, binary on MariaDB) or is the column's
// (PostgreSQL), the per-database default and type are used, and MariaDB
// sets the ON UPDATE column on every UPDATE while the others have none.
func TestColumnDeclarations(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		if err := db.CreateAll(ctx, &cdNote{}); err != nil {
			t.Fatal(err)
		}
		name := db.Dialect().Name()
		if _, err := db.Exec(ctx, "INSERT INTO cd_note (title, body, changed) VALUES ('abc', 'b', '2000-01-02 03:04:05')"); err != nil {
			t.Fatal(err)
		}
		var n, changedYear int
		var status string
		if err := db.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM cd_note WHERE title = 'ABC'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if want := map[string]int{"sqlite": 1, "mysql": 0, "postgres": 0}[name]; n != want {
			t.Errorf("title = 'ABC' matched %d rows, want %d", n, want)
		}
		if _, err := db.Exec(ctx, "UPDATE cd_note SET title = 'abd'"); err != nil {
			t.Fatal(err)
		}
		var changed time.Time
		if err := db.SQL().QueryRowContext(ctx, "SELECT status, changed FROM cd_note").Scan(&status, &changed); err != nil {
			t.Fatal(err)
		}
		changedYear = changed.Year()
		if want := map[string]string{"postgres": "fresh"}[name]; status != want && !(want == "" && status == "new") {
			t.Errorf("status default %q on %s", status, name)
		}
		if updated := changedYear > 2000; updated != (name == "mysql") {
			t.Errorf("changed is %v after an UPDATE on %s", changed, name)
		}
		ddl := strings.Join(db.CreateTableSQL(mustTable(t, &cdNote{})), "\n")
		for _, want := range map[string][]string{
			"sqlite":   {`"title" VARCHAR(40) COLLATE "NOCASE" NOT NULL`, `"body" TEXT NOT NULL`, `DEFAULT CURRENT_TIMESTAMP,`},
			"mysql":    {"`title` VARCHAR(40) COLLATE `utf8mb4_bin` NOT NULL", "`body` MEDIUMTEXT NOT NULL", "DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)"},
			"postgres": {`"title" VARCHAR(40) COLLATE "C" NOT NULL`, `"body" VARCHAR(500) NOT NULL`, `DEFAULT 'fresh'`},
		}[name] {
			if !strings.Contains(ddl+"\n", want) {
				t.Errorf("DDL lacks %s:\n%s", want, ddl)
			}
		}
		if name != "mysql" && strings.Contains(ddl, "ON UPDATE CURRENT") {
			t.Errorf("ON UPDATE on %s:\n%s", name, ddl)
		}
		if name == "postgres" {
			var coll string
			if err := db.SQL().QueryRowContext(ctx, "SELECT c.collname FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation WHERE a.attrelid = 'cd_note'::regclass AND a.attname = 'title'").Scan(&coll); err != nil || coll != "C" {
				t.Errorf("title's collation %q %v", coll, err)
			}
		}
	})
}

type cdBadDialect struct {
	rx.Model
	Title string `rx:"type.mssql=NVARCHAR(10)"`
}

type cdBadCollation struct {
	rx.Model
	Title string `rx:"collate=x;drop"`
}

// TestColumnDeclarationErrors: an unknown dialect suffix, and a
// collation that is no name, are refused naming the fix.
func TestColumnDeclarationErrors(t *testing.T) {
	for model, want := range map[any]string{
		&cdBadDialect{}:   `type.mssql: unknown dialect "mssql" (known: mysql, postgres, sqlite)`,
		&cdBadCollation{}: `collate needs a collation name`,
	} {
		_, err := schema.TableOf(model)
		var me *rx.ModelError
		if err == nil || !strings.Contains(err.Error(), want) || !errors.As(err, &me) {
			t.Errorf("%T: %v", model, err)
		}
	}
}
