package migrate_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// cyStore and cyStaff reference each other, as a store's manager is one
// of its staff.
type cyStore struct {
	rx.Model
	ManagerStaffID *int64 `rx:"fk=cy_staff.id"`
}

func (cyStore) TableName() string { return "cy_store" }

type cyStaff struct {
	rx.Model
	StoreID int64 `rx:"fk=cy_store.id"`
}

func (cyStaff) TableName() string { return "cy_staff" }

type cyOther struct {
	rx.Model
	Name string
}

func (cyOther) TableName() string { return "cy_other" }

func registerCycle(t *testing.T) {
	t.Helper()
	if err := rx.Register(&cyStore{}, &cyStaff{}, &cyOther{}); err != nil {
		t.Fatal(err)
	}
}

// checkCycleKeys fails unless both keys of the cycle are in the live
// database and enforced.
func checkCycleKeys(t *testing.T, cfg rx.Config, live *migrate.Schema) {
	t.Helper()
	for _, name := range []string{"cy_store", "cy_staff"} {
		if tb := live.Table(name); tb == nil || len(tb.ForeignKeys) != 1 {
			t.Fatalf("%s lacks its foreign key:\n%s", name, dump(live))
		}
	}
	db := openDB(t, cfg)
	if _, err := db.Exec(ctx(t), "INSERT INTO cy_staff (store_id) VALUES (99)"); !errors.Is(err, rx.ErrForeignKeyViolation) {
		t.Fatalf("staff of a missing store: %v", err)
	}
}

// TestInitWithForeignKeyCycle: db init on models whose foreign keys form
// a cycle writes a migration that builds an empty database (the cyclic
// constraints by ALTER TABLE once both tables exist, inline on SQLite)
// and a down file that takes it back to empty.
func TestInitWithForeignKeyCycle(t *testing.T) {
	registerCycle(t)
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		m := migrate.New(cfg, &cyStore{}, &cyStaff{})
		mig, err := m.Init(ctx(t), "")
		if err != nil {
			t.Fatal(err)
		}
		if openDB(t, cfg).Dialect().Name() != "sqlite" && !strings.Contains(mig.Up, "foreign keys that form a cycle") {
			t.Fatalf("up file does not defer the cycle:\n%s", mig.Up)
		}
		live := roundTrip(t, m, cfg, nil)
		checkCycleKeys(t, cfg, live)
		if _, err := m.DowngradeAll(ctx(t)); err != nil {
			t.Fatal(err)
		}
		if s := liveSchema(t, cfg); len(s.Tables) != 0 {
			t.Fatalf("downgrade all left:\n%s", dump(s))
		}
	})
}

// TestMakeMigrationsAddsForeignKeyCycle: a migration that adds two
// tables referencing each other to an existing schema applies and undoes.
func TestMakeMigrationsAddsForeignKeyCycle(t *testing.T) {
	registerCycle(t)
	eachDialect(t, func(t *testing.T, cfg rx.Config) {
		initAndMigrate(t, cfg, &cyOther{})
		m2 := migrate.New(cfg, &cyOther{}, &cyStaff{}, &cyStore{})
		if _, err := m2.MakeMigrations(ctx(t), "stores"); err != nil {
			t.Fatal(err)
		}
		checkCycleKeys(t, cfg, roundTrip(t, m2, cfg, nil))
	})
}
