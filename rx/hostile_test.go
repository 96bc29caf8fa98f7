package rx_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// hostileNote stores hostile values; hostileVictim is the table injected
// statements would try to drop.
type hostileNote struct {
	rx.Model
	Label string `rx:"unique,size=64"`
	Body  string
	Data  []byte
}

type hostileVictim struct {
	rx.Model
	Name string
}

// hostileStrings are values crafted to break out of a string literal,
// comment out the rest of a statement or look like placeholders, for each
// of the three databases' lexers.
var hostileStrings = []string{
	`'; DROP TABLE hostile_victim; --`,
	`"; DROP TABLE hostile_victim; --`,
	"`; DROP TABLE hostile_victim; -- ",
	`\'; DROP TABLE hostile_victim; -- `,
	`\\'; DROP TABLE hostile_victim; #`,
	`' OR '1'='1`, `" OR "1"="1`, `') OR ('1'='1`, `1; DELETE FROM hostile_note`,
	`' UNION SELECT NULL, NULL, NULL, NULL --`,
	`/* comment`, `*/ DROP TABLE hostile_victim; /*`, `-- line comment`, `# hash comment`,
	`\`, `\\`, `\'`, `\"`, `\0`, `\n\r\t\Z\b\%\_`, "'\n'", `''''`, `""""`, "````",
	`$1`, `$2 $1`, `?`, `??`, `:name`, `@var`, `%s%d%%`, `$$ DROP TABLE hostile_victim $$`,
	`$tag$ x $tag$`, `E'\x27'`, `N'x'`, `_binary'x'`, `0x27`, `CHAR(39)`,
	"ctrl \x01\x02\x1a\x7f", "multi\nline\r\nvalue\ttab", "emoji 🎉, ünïcode, 日本語, \u202e rtl",
	strings.Repeat(`'`, 1000), strings.Repeat(`\`, 999), strings.Repeat(`"\'`, 300),
}

// allBytes is every byte value, NUL included, for the binary column.
func allBytes() []byte {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

// wantVictimIntact checks that the victim table and its row survived.
func wantVictimIntact(t *testing.T, db *rx.DB) {
	t.Helper()
	ctx := context.Background()
	tables, err := db.Tables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"hostile_note", "hostile_victim"} {
		if !slices.Contains(tables, want) {
			t.Fatalf("table %s is gone: tables are %v", want, tables)
		}
	}
	if v, err := rx.Select[hostileVictim](db).All(ctx); err != nil || len(v) != 1 || v[0].Name != "survivor" {
		t.Fatalf("victim rows = %+v, %v; want the one survivor", v, err)
	}
}

func setupHostile(t *testing.T, db *rx.DB) {
	t.Helper()
	ctx := context.Background()
	if err := db.CreateAll(ctx, &hostileNote{}, &hostileVictim{}); err != nil {
		t.Fatal(err)
	}
	if err := db.Insert(ctx, &hostileVictim{Name: "survivor"}); err != nil {
		t.Fatal(err)
	}
}

// storeAndReadBack writes every hostile value through each write path,
// finds it again by value, and compares it byte for byte.
func storeAndReadBack(ctx context.Context, t *testing.T, q interface {
	rx.Querier
	Insert(context.Context, ...any) error
}) {
	t.Helper()
	bin := allBytes()
	notes := make([]*hostileNote, len(hostileStrings))
	staged := make([]any, len(hostileStrings))
	for i, v := range hostileStrings {
		notes[i] = &hostileNote{Label: "n" + itoa(i), Body: v, Data: append([]byte(v), bin...)}
		staged[i] = notes[i]
	}
	// One multi-row INSERT carries them all.
	if err := q.Insert(ctx, staged...); err != nil {
		t.Fatalf("multi-row insert of hostile values: %v", err)
	}
	for i, v := range hostileStrings {
		got, err := rx.Select[hostileNote](q).Where(rx.Eq{"body": v}).One(ctx)
		if err != nil {
			t.Fatalf("value %d %q: finding it by value: %v", i, v, err)
		}
		if got.ID != notes[i].ID || got.Body != v || !bytes.Equal(got.Data, notes[i].Data) {
			t.Fatalf("value %d %q came back as %q (id %d, want %d), data equal: %v", i, v, got.Body, got.ID, notes[i].ID, bytes.Equal(got.Data, notes[i].Data))
		}
		// The builder's UPDATE, then a LIKE and an IN list with the value.
		rev := v + "|" + v
		if n, err := rx.Update[hostileNote](q).Set("body", rev).Where(rx.Eq{"id": got.ID}, rx.Eq{"body": v}).Exec(ctx); err != nil || n != 1 {
			t.Fatalf("value %d %q: update by value = %d, %v", i, v, n, err)
		}
		n, err := rx.Select[hostileNote](q).Where(rx.Eq{"body": []string{rev, "other"}}, rx.Like{"label": "n" + itoa(i)}).Count(ctx)
		if err != nil || n != 1 {
			t.Fatalf("value %d %q: IN list and LIKE found %d rows, %v", i, v, n, err)
		}
	}
	// Upsert with hostile values in both the inserted and the updated row.
	up := &hostileNote{Label: "n0", Body: hostileStrings[1], Data: bin}
	if _, err := rx.Insert(q, up).OnConflict("label").DoUpdate("body", "data").Exec(ctx); err != nil {
		t.Fatalf("upsert: %v", err)
	}
	got, err := rx.Select[hostileNote](q).Where(rx.Eq{"label": "n0"}).One(ctx)
	if err != nil || got.Body != hostileStrings[1] || !bytes.Equal(got.Data, bin) {
		t.Fatalf("after upsert: %+v, %v", got, err)
	}
	if _, err := rx.Delete[hostileNote](q).All().Exec(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestHostileValuesRoundTrip(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		setupHostile(t, db)
		storeAndReadBack(ctx, t, db)
		err := db.WithSession(ctx, func(s *rx.Session) error {
			storeAndReadBack(ctx, t, s)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		wantVictimIntact(t, db)
	})
}

// With interpolateParams the MySQL driver escapes values itself; it must
// follow the server's NO_BACKSLASH_ESCAPES and ANSI_QUOTES modes, which
// change how the server reads a backslash and a double quote.
func TestHostileValuesUnderMySQLModes(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		if db.Dialect().Name() != "mysql" {
			t.Skip("sql_mode is MySQL's")
		}
		ctx := context.Background()
		setupHostile(t, db)
		for _, mode := range []string{"NO_BACKSLASH_ESCAPES", "ANSI_QUOTES", "NO_BACKSLASH_ESCAPES,ANSI_QUOTES"} {
			err := db.WithSession(ctx, func(s *rx.Session) error {
				if _, err := s.Exec(ctx, "SET SESSION sql_mode = CONCAT(@@sql_mode, ?)", ","+mode); err != nil {
					return err
				}
				defer s.Exec(ctx, "SET SESSION sql_mode = DEFAULT")
				storeAndReadBack(ctx, t, s)
				return nil
			})
			if err != nil {
				t.Fatalf("sql_mode %s: %v", mode, err)
			}
		}
		wantVictimIntact(t, db)
	})
}

// countingHook counts the statements a database is sent.
type countingHook struct{ n atomic.Int64 }

func (h *countingHook) BeforeQuery(ctx context.Context, _ *rx.QueryEvent) context.Context {
	h.n.Add(1)
	return ctx
}
func (h *countingHook) AfterQuery(context.Context, *rx.QueryEvent) {}

// hostileNames are column names a caller might pass through from a
// request: each must be refused before any SQL is sent.
var hostileNames = []string{
	"body; DROP TABLE hostile_victim", "body = body; DROP TABLE hostile_victim; --", "1=1 OR body",
	"body) OR (1=1", `body" OR "1"="1`, "body` OR `1`=`1", "`body`", `"body"`, "[body]", "body--",
	"body/*", "body #", "BODY", " body", "body ", "", "*", "hostile_note.*", "COUNT(*)", "(SELECT 1)",
	"hostile_note.body; DROP TABLE hostile_victim", `hostile_note"."body`, "hostile_victim.name; --",
	"pg_catalog.pg_tables.tablename", "information_schema.tables.table_name", "sqlite_master.sql",
	"hostile_note.body.x", ".body", "hostile_note.", "body\x00", "body\n; DROP TABLE hostile_victim",
}

func TestHostileIdentifiersRefused(t *testing.T) {
	rxtest.Each(t, func(t *testing.T, db *rx.DB) {
		ctx := context.Background()
		setupHostile(t, db)
		hook := &countingHook{}
		db.AddQueryHook(hook)
		for _, name := range hostileNames {
			err := db.WithSession(ctx, func(s *rx.Session) error {
				for _, c := range identifierUses(ctx, s, name) {
					if c.trims && strings.TrimSpace(name) == "body" {
						continue // OrderBy splits terms at white space: " body" is body
					}
					sent := hook.n.Load()
					err := c.run()
					var ce *rx.ColumnError
					if !errors.As(err, &ce) {
						t.Errorf("%s with column %q: err = %v, want a *rx.ColumnError", c.api, name, err)
					} else if !strings.Contains(err.Error(), "rx: model hostile") {
						t.Errorf("%s with column %q: error %q does not name the model", c.api, name, err)
					}
					if n := hook.n.Load() - sent; n != 0 {
						t.Errorf("%s with column %q sent %d statement(s) before refusing", c.api, name, n)
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		wantVictimIntact(t, db)
	})
}

type identifierUse struct {
	api   string
	run   func() error
	trims bool // the API ignores white space around the name
}

// identifierUses is every builder and helper that takes a column name
// from its caller, each called with name.
func identifierUses(ctx context.Context, s *rx.Session, name string) []identifierUse {
	sel := func() *rx.SelectQuery[hostileNote] { return rx.Select[hostileNote](s) }
	all := func(q *rx.SelectQuery[hostileNote]) error { _, err := q.All(ctx); return err }
	uses := []identifierUse{
		{api: "Where(Eq)", run: func() error { return all(sel().Where(rx.Eq{name: 1})) }},
		{api: "Where(&Eq)", run: func() error { return all(sel().Where(&rx.Eq{name: 1})) }},
		{api: "Where(NotEq)", run: func() error { return all(sel().Where(rx.NotEq{name: 1})) }},
		{api: "Where(Lt)", run: func() error { return all(sel().Where(rx.Lt{name: 1})) }},
		{api: "Where(Gt)", run: func() error { return all(sel().Where(rx.Gt{name: 1})) }},
		{api: "Where(LtOrEq)", run: func() error { return all(sel().Where(rx.LtOrEq{name: 1})) }},
		{api: "Where(GtOrEq)", run: func() error { return all(sel().Where(rx.GtOrEq{name: 1})) }},
		{api: "Where(Like)", run: func() error { return all(sel().Where(rx.Like{name: "x"})) }},
		{api: "Where(NotLike)", run: func() error { return all(sel().Where(rx.NotLike{name: "x"})) }},
		{api: "Where(Or)", run: func() error { return all(sel().Where(rx.Or{rx.Eq{"id": 1}, rx.Eq{name: 1}})) }},
		{api: "Where(And)", run: func() error { return all(sel().Where(rx.And{rx.Eq{"id": 1}, &rx.Gt{name: 1}})) }},
		{api: "Where(&Or)", run: func() error { return all(sel().Where(&rx.Or{rx.Eq{name: 1}})) }},
		{api: "Having", run: func() error { return all(sel().GroupBy("id").Having(rx.Gt{name: 1})) }},
		{api: "OrderBy", run: func() error { return all(sel().OrderBy(name)) }, trims: true},
		{api: "OrderBy DESC", run: func() error { return all(sel().OrderBy(name + " DESC")) }, trims: true},
		{api: "GroupBy", run: func() error { return all(sel().GroupBy(name)) }},
		{api: "Columns", run: func() error { return all(sel().Columns(name)) }},
		{api: "First", run: func() error { _, err := sel().Where(rx.Eq{name: 1}).First(ctx); return err }},
		{api: "One", run: func() error { _, err := sel().OrderBy(name).One(ctx); return err }, trims: true},
		{api: "Count", run: func() error { _, err := sel().Where(rx.Eq{name: 1}).Count(ctx); return err }},
		{api: "Exists", run: func() error { _, err := sel().Where(rx.Eq{name: 1}).Exists(ctx); return err }},
		{api: "Iter", run: func() error {
			for _, err := range sel().Where(rx.Eq{name: 1}).Iter(ctx) {
				return err
			}
			return nil
		}},
		{api: "ToSQL", run: func() error { _, _, err := sel().Where(rx.Eq{name: 1}).ToSQL(); return err }},
		{api: "Update.Set", run: func() error {
			_, err := rx.Update[hostileNote](s).Set(name, "x").Where(rx.Eq{"id": 1}).Exec(ctx)
			return err
		}},
		{api: "Update.Where", run: func() error {
			_, err := rx.Update[hostileNote](s).Set("body", "x").Where(rx.Eq{name: 1}).Exec(ctx)
			return err
		}},
		{api: "Delete.Where", run: func() error { _, err := rx.Delete[hostileNote](s).Where(rx.Eq{name: 1}).Exec(ctx); return err }},
		{api: "Insert.OnConflict", run: func() error {
			_, err := rx.Insert(s, &hostileNote{Label: "x"}).OnConflict(name).DoNothing().Exec(ctx)
			return err
		}},
		{api: "Insert.DoUpdate", run: func() error {
			_, err := rx.Insert(s, &hostileNote{Label: "x"}).OnConflict("label").DoUpdate(name).Exec(ctx)
			return err
		}},
		{api: "Session.Update columns", run: func() error {
			return s.Update(ctx, &hostileNote{Model: rx.Model{ID: 1}}, name)
		}},
	}
	return uses
}
