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

// Three versions of an app's models. Each version's tables carry a
// suffix in their Go metadata and are renamed to the real table names.
type histUserV1 struct {
	rx.Model
	Name   string
	Email  string `rx:"size=100"`
	Age    int32
	Legacy *string
}

func (histUserV1) TableName() string { return "hist_user_v1" }

// v2 adds a table (hist_post), a column (phone), an index (name) and a
// unique constraint (email).
type histUserV2 struct {
	rx.Model
	Name   string `rx:"index"`
	Email  string `rx:"size=100,unique"`
	Age    int32
	Legacy *string
	Phone  *string
}

func (histUserV2) TableName() string { return "hist_user_v2" }

type histPost struct {
	rx.Model
	UserID int64 `rx:"index"`
	Title  string
}

func (histPost) TableName() string { return "hist_post" }

// v3 changes a type (email VARCHAR(100) -> VARCHAR(200), age int32 ->
// int64), makes a column nullable (name) and drops one (legacy).
type histUserV3 struct {
	rx.Model
	Name  *string `rx:"index"`
	Email string  `rx:"size=200,unique"`
	Age   int64
	Phone *string
}

func (histUserV3) TableName() string { return "hist_user_v3" }

func versions(t *testing.T) [3][]any {
	return [3][]any{
		{renamed(t, histUserV1{}, "hist_user")},
		{renamed(t, histUserV2{}, "hist_user"), renamed(t, histPost{}, "hist_post")},
		{renamed(t, histUserV3{}, "hist_user"), renamed(t, histPost{}, "hist_post")},
	}
}

type userRow struct {
	ID    int64
	Name  sql.NullString
	Email string
	Age   int64
}

func userRows(t *testing.T, db *rx.DB) []userRow {
	t.Helper()
	rows, err := db.SQL().QueryContext(ctx(t), "SELECT id, name, email, age FROM hist_user ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []userRow
	for rows.Next() {
		var r userRow
		if err := rows.Scan(&r.ID, &r.Name, &r.Email, &r.Age); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestModelHistory(t *testing.T) {
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		v := versions(t)
		clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		mig := func(i int) *migrate.Migrator {
			m := migrate.New(cfg, v[i]...)
			migrate.SetClock(m, func() time.Time { clock = clock.Add(time.Minute); return clock })
			return m
		}

		// v1: init, migrate, rows.
		if _, err := mig(0).Init(ctx(t), ""); err != nil {
			t.Fatal(err)
		}
		if _, err := mig(0).Migrate(ctx(t)); err != nil {
			t.Fatal(err)
		}
		noDrift(t, mig(0))
		db := openDB(t, cfg)
		for _, stmt := range []string{
			"INSERT INTO hist_user (name, email, age, legacy) VALUES ('ann', 'ann@example.com', 41, 'old')",
			"INSERT INTO hist_user (name, email, age, legacy) VALUES ('bob', 'bob@example.com', 42, NULL)",
		} {
			if _, err := db.Exec(ctx(t), stmt); err != nil {
				t.Fatal(err)
			}
		}
		want := userRows(t, db)
		if len(want) != 2 {
			t.Fatalf("rows: %v", want)
		}
		schemas := []*migrate.Schema{liveSchema(t, cfg)}

		for i, msg := range []string{"v2: posts, phone, indexes", "v3: types, nullable name, drop legacy"} {
			m := mig(i + 1)
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
			rows := userRows(t, openDB(t, cfg)) // a new pool: PostgreSQL's cached plans hold the old row types
			if len(rows) != len(want) {
				t.Fatalf("after %s: rows %v, want %v", msg, rows, want)
			}
			for j := range rows {
				if rows[j] != want[j] {
					t.Fatalf("after %s: row %v, want %v", msg, rows[j], want[j])
				}
			}
			schemas = append(schemas, liveSchema(t, cfg))
		}
		// v3 dropped legacy.
		if st := schemas[2].Table("hist_user"); st.Column("legacy") != nil || st.Column("phone") == nil || !st.Column("name").Nullable {
			t.Fatalf("v3 schema: %+v", st)
		}
		// v3 was written with the destructive change marked.
		ups, _ := filepathGlob(cfg.MigrationsDir, "*v3*.up.sql")
		if len(ups) != 1 || !strings.Contains(readFile(t, ups[0]), "-- DESTRUCTIVE: drop column hist_user.legacy") {
			t.Fatalf("v3 up file lacks the DESTRUCTIVE mark: %v", ups)
		}

		// Down one step at a time: each down file restores the previous
		// version's schema exactly.
		for i := 1; i >= 0; i-- {
			if _, err := mig(i).Downgrade(ctx(t), 1); err != nil {
				t.Fatal(err)
			}
			noDrift(t, mig(i), true)
			if got := liveSchema(t, cfg); !sameSchema(got, schemas[i]) {
				t.Fatalf("after downgrade to v%d: schema\n%s\nwant\n%s", i+1, dump(got), dump(schemas[i]))
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
		steps, err := mig(2).Migrate(ctx(t))
		if err != nil || len(steps) != 3 {
			t.Fatalf("re-migrate: %v %+v", err, steps)
		}
		if got := liveSchema(t, cfg); !sameSchema(got, schemas[2]) {
			t.Fatalf("re-migrated schema\n%s\nwant\n%s", dump(got), dump(schemas[2]))
		}
		noDrift(t, mig(2))
	})
}
