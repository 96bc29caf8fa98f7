package migrate_test

import (
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

type ufParent struct {
	ID int64 `rx:"pk"`
}

func (ufParent) TableName() string { return "uf_parent" }

type ufChild struct {
	ID       int64 `rx:"pk"`
	ParentID *int64
}

func (ufChild) TableName() string { return "uf_child" }

// TestUndeclaredForeignKeyIsUnmanaged adopts a table whose foreign key
// its model does not declare: the key is unmanaged, kept, and not drift.
// On SQLite, which keeps no constraint names, the key was read under the
// name rx gives its own keys and taken for one the model had dropped.
func TestUndeclaredForeignKeyIsUnmanaged(t *testing.T) {
	models := []any{&ufParent{}, &ufChild{}}
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		db := openDB(t, cfg)
		key := "BIGINT" // as the models' int64 keys are
		if db.Dialect().Name() == "sqlite" {
			key = "INTEGER"
		}
		for _, s := range []string{
			"CREATE TABLE uf_parent (id " + key + " NOT NULL PRIMARY KEY)",
			"CREATE TABLE uf_child (id " + key + " NOT NULL PRIMARY KEY, parent_id BIGINT, CONSTRAINT uf_child_parent FOREIGN KEY (parent_id) REFERENCES uf_parent (id))",
		} {
			if _, err := db.Exec(ctx(t), s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		m := migrate.New(cfg, models...)
		m.NoReplay = true
		st, err := m.Status(ctx(t))
		if err != nil {
			t.Fatal(err)
		}
		if !st.Drift.Empty() || !strings.Contains(st.String(), "unmanaged foreign key uf_child.") {
			t.Fatalf("status:\n%s", st)
		}
		if err := m.Check(ctx(t)); err != nil {
			t.Fatal(err)
		}
	})
}
