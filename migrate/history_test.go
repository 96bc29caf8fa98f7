package migrate_test

import (
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// Four versions of an app's models, the history that issue 10 ran
// through rxdb and Alembic side by side. Each version's tables carry a
// suffix in their Go metadata and are renamed to the real table names.
type histUserV1 struct {
	rx.Model
	Name   string
	Email  string `rx:"size=100"`
	Age    int32
	Legacy *string
	Nick   *string `rx:"size=20"`
}

func (histUserV1) TableName() string { return "hist_user_v1" }

// v2 adds a table (hist_post), columns with defaults (active, score), a
// nullable column (phone), an index (name) and a unique constraint
// (email).
type histUserV2 struct {
	rx.Model
	Name   string `rx:"index"`
	Email  string `rx:"size=100,unique"`
	Age    int32
	Legacy *string
	Nick   *string `rx:"size=20"`
	Phone  *string
	Active bool  `rx:"default=TRUE"`
	Score  int32 `rx:"default=0"`
}

func (histUserV2) TableName() string { return "hist_user_v2" }

type histPost struct {
	rx.Model
	UserID int64 `rx:"index"`
	Title  string
}

func (histPost) TableName() string { return "hist_post" }

// v3 widens a VARCHAR (email 100 -> 200), an INT to BIGINT (age), makes
// a nullable column NOT NULL with a default (nick, whose rows hold
// NULL) and drops a column (legacy).
type histUserV3 struct {
	rx.Model
	Name   string `rx:"index"`
	Email  string `rx:"size=200,unique"`
	Age    int64
	Nick   string `rx:"size=20,default=''"`
	Phone  *string
	Active bool  `rx:"default=TRUE"`
	Score  int32 `rx:"default=0"`
}

func (histUserV3) TableName() string { return "hist_user_v3" }

// v4 renames a column (name -> full_name) and drops a table (hist_post).
type histUserV4 struct {
	rx.Model
	FullName string `rx:"index,was=name"`
	Email    string `rx:"size=200,unique"`
	Age      int64
	Nick     string `rx:"size=20,default=''"`
	Phone    *string
	Active   bool  `rx:"default=TRUE"`
	Score    int32 `rx:"default=0"`
}

func (histUserV4) TableName() string { return "hist_user_v4" }

func versions(t *testing.T) [4][]any {
	return [4][]any{
		{renamed(t, histUserV1{}, "hist_user")},
		{renamed(t, histUserV2{}, "hist_user"), renamed(t, histPost{}, "hist_post")},
		{renamed(t, histUserV3{}, "hist_user"), renamed(t, histPost{}, "hist_post")},
		{renamed(t, histUserV4{}, "hist_user")},
	}
}

// histRows is every row of every table as text, read with the columns
// that version i has: what a migration must keep.
func histRows(t *testing.T, cfg rx.Config, i int) string {
	t.Helper()
	db := openDB(t, cfg) // a new pool: PostgreSQL's cached plans hold the old row types
	name, extra := "name", ""
	if i == 3 {
		name = "full_name"
	}
	if i >= 1 {
		extra = ", active, score"
	}
	if i >= 2 {
		extra += ", nick"
	}
	var b strings.Builder
	scan := func(query string, n int) {
		rows, err := db.SQL().QueryContext(ctx(t), query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			vals := make([]sql.NullString, n)
			ptrs := make([]any, n)
			for j := range vals {
				ptrs[j] = &vals[j]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				if !v.Valid {
					b.WriteString("NULL ")
					continue
				}
				s := strings.ReplaceAll(v.String, "true", "1") // PostgreSQL's booleans read as text
				b.WriteString(strings.ReplaceAll(s, "false", "0") + " ")
			}
			b.WriteString("\n")
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	scan("SELECT id, "+name+", email, age"+extra+" FROM hist_user ORDER BY id", 4+strings.Count(extra, ","))
	if i == 1 || i == 2 {
		scan("SELECT id, user_id, title FROM hist_post ORDER BY id", 3)
	}
	return b.String()
}

// TestModelHistory writes the four versions as migrations with rows in
// every table, applies each up file and each down file on all three
// databases, and checks the schema and the rows that survive each step.
func TestModelHistory(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v := versions(t)
		clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		mig := func(i int) *migrate.Migrator {
			m := migrate.New(cfg, v[i]...)
			migrate.SetClock(m, func() time.Time { clock = clock.Add(time.Minute); return clock })
			return m
		}
		exec := func(stmts ...string) {
			t.Helper()
			db := openDB(t, cfg)
			for _, s := range stmts {
				if _, err := db.Exec(ctx(t), s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
		}

		// v1: init, migrate, rows (one nick NULL, for v3's NOT NULL).
		if _, err := mig(0).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := mig(0).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		noDrift(t, mig(0))
		exec("INSERT INTO hist_user (name, email, age, legacy, nick) VALUES ('ann', 'ann@example.com', 41, 'old', 'a')",
			"INSERT INTO hist_user (name, email, age, legacy, nick) VALUES ('bob', 'bob@example.com', 42, NULL, NULL)")
		schemas := []*migrate.Schema{liveSchema(t, cfg)}
		rows := []string{histRows(t, cfg, 0)}
		files := []*migrate.Migration{nil}

		for i, msg := range []string{"v2: posts, defaults, indexes", "v3: widen, bigint, not null, drop legacy", "v4: rename name, drop posts"} {
			m := mig(i + 1)
			m.Prune = i == 2 // v4 drops hist_post, whose model is gone
			got, err := m.MakeMigrations(ctx(t), msg)
			if err != nil {
				t.Fatal(err)
			}
			if got.Diff.Empty() || len(got.Paths) != 2 {
				t.Fatalf("%s: no migration written: %+v", msg, got)
			}
			t.Logf("%s up:\n%s\ndown:\n%s", msg, got.Up, got.Down)
			steps, err := m.Migrate(ctx(t))
			if err != nil {
				t.Fatal(err)
			}
			if len(steps) != 1 || steps[0].Version != got.File.Version {
				t.Fatalf("applied %+v, want version %d", steps, got.File.Version)
			}
			noDrift(t, m)
			if i == 0 {
				exec("INSERT INTO hist_post (user_id, title) VALUES (1, 'hello'), (2, 'world')")
			}
			files = append(files, got)
			schemas = append(schemas, liveSchema(t, cfg))
			rows = append(rows, histRows(t, cfg, i+1))
		}
		// Every step kept the users; v2's defaults filled the old rows,
		// v3 set the NULL nick to its default.
		for i, want := range []string{
			"1 ann ann@example.com 41 1 0 a \n2 bob bob@example.com 42 1 0  \n",
			"1 ann ann@example.com 41 1 0 a \n2 bob bob@example.com 42 1 0  \n",
		} {
			if got := users(rows[i+2]); got != want {
				t.Fatalf("v%d users:\n%s\nwant\n%s", i+3, rows[i+2], want)
			}
		}
		if !strings.HasPrefix(rows[1], "1 ann ann@example.com 41 1 0 \n") || !strings.Contains(rows[2], "1 1 hello") {
			t.Fatalf("v2 rows:\n%s\nv3 rows:\n%s", rows[1], rows[2])
		}
		for _, c := range []struct {
			file int
			up   bool
			want string
		}{
			{2, true, "-- DESTRUCTIVE: drop column hist_user.legacy"},
			{2, false, "-- DESTRUCTIVE: add column hist_user.legacy"},
			{2, false, "-- DESTRUCTIVE: alter column hist_user.email (type VARCHAR(200) -> "},
			{3, true, "-- DESTRUCTIVE: drop table hist_post"},
			{3, true, "-- rename column hist_user.full_name (was name)"},
			{3, false, "-- DESTRUCTIVE: add table hist_post: re-creates the table empty"},
		} {
			text := files[c.file].Down
			if c.up {
				text = files[c.file].Up
			}
			if !strings.Contains(strings.ToUpper(text), strings.ToUpper(c.want)) {
				t.Fatalf("v%d file (up=%v) lacks %q:\n%s", c.file+1, c.up, c.want, text)
			}
		}

		// Down one step at a time: each down file restores the previous
		// version's schema and keeps the rows that version had, except
		// those of a table or column the up file dropped.
		for i := 2; i >= 0; i-- {
			if _, err := mig(i).Downgrade(ctx(t), 1); err != nil {
				t.Fatal(err)
			}
			noDrift(t, mig(i), true)
			if got := liveSchema(t, cfg); !sameSchema(got, schemas[i]) {
				t.Fatalf("after downgrade to v%d: schema\n%s\nwant\n%s", i+1, dump(got), dump(schemas[i]))
			}
			// v4's down file re-creates hist_post empty: from there on
			// only the users are left.
			want := users(rows[i])
			if got := histRows(t, cfg, i); got != want {
				t.Fatalf("after downgrade to v%d: rows\n%s\nwant\n%s", i+1, got, want)
			}
		}
		if _, err := mig(0).Downgrade(ctx(t), 1); err != nil {
			t.Fatal(err)
		}
		if got := liveSchema(t, cfg); len(got.Tables) != 0 {
			t.Fatalf("downgrade to zero left tables: %s", dump(got))
		}
		if _, err := mig(0).Downgrade(ctx(t), 1); !errors.Is(err, migrate.ErrNoMigrations) {
			t.Fatalf("downgrade below zero: %v", err)
		}

		// Up again reaches the same schema.
		steps, err := mig(3).Migrate(ctx(t))
		if err != nil || len(steps) != 4 {
			t.Fatalf("re-migrate: %v %+v", err, steps)
		}
		if got := liveSchema(t, cfg); !sameSchema(got, schemas[3]) {
			t.Fatalf("re-migrated schema\n%s\nwant\n%s", dump(got), dump(schemas[3]))
		}
		noDrift(t, mig(3))
	})
}

// users is the hist_user part of histRows: its first two lines.
func users(rows string) string {
	lines := strings.SplitAfterN(rows, "\n", 3)
	return lines[0] + lines[1]
}
