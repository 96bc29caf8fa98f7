package rx_test

// Fuzz tests. Their seeds (f.Add and testdata/fuzz) run in every
// `go test`; to search for new cases run, for example,
//
//	go test -run '^$' -fuzz '^FuzzParseURL$' -fuzztime 3m ./rx
//
// and keep what it finds in testdata/fuzz as new seeds.

import (
	"context"
	"errors"
	"net/url"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/drivers/mysql"
	"github.com/rxgo/rxdb/drivers/postgres"
	"github.com/rxgo/rxdb/drivers/sqlite"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
	"github.com/rxgo/rxdb/schema"
)

var urlSeeds = []string{
	"sqlite:///rx.db", "sqlite:////tmp/abs.db", "sqlite:///:memory:", "sqlite://", "sqlite://rel.db",
	"sqlite:///x.db?_pragma=cache_size(-2000)", "sqlite:///dir%3Fmode=memory/x.db", "sqlite:///file:x.db?mode=ro",
	"mysql://root@127.0.0.1:3306/rx_test", "mysql://u:p%40ss%3Aw%2Frd@h:3306/db?parseTime=false",
	"mysql+pymysql://user:hunter2pw@db.example:3306/app", "mariadb://u:pw@/db?unix_socket=/run/mysqld.sock",
	"postgresql://postgres@127.0.0.1:5432/rx_test", "postgres://u:sekr3tpw@h/db?sslmode=disable&search_path=s",
	"postgresql+psycopg2://u:pw@h1,h2/db", "postgresql://u:pw@[::1]:5432/db", "mysql://u:pw@h:99999/db",
	"mysql://u:pa ss@h/db", "mysql://u:p%zzss@h/db", "postgres://u:pw@h/db?connect_timeout=x",
	"redis://u:pw@h", "mysql:opaque", "://nothing", "", " ", "mysql://u:pw@h/db#frag",
	"MySQL://U:Pw@H/DB", "postgresql://u:pw@h/db?password=other", "mysql://u:pw@h/db?timeout=notaduration",
}

// distinctive reports whether secret can be looked for in a message
// without false alarms: long enough, written as is in raw, only once.
func distinctive(raw, secret string) bool {
	return len(secret) >= 4 && strings.Count(raw, secret) == 1 && url.PathEscape(secret) == secret &&
		!strings.Contains("xxxxx", secret)
}

// FuzzParseURL checks the URL parser and each driver's translation of a
// URL into its configuration: no panic, no password in any error or in
// the redacted form, and the user, password and database reach the driver
// exactly as the URL spells them.
func FuzzParseURL(f *testing.F) {
	for _, s := range urlSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		var secret string
		if u, err := url.Parse(raw); err == nil && u.User != nil {
			if p, ok := u.User.Password(); ok && distinctive(raw, p) {
				secret = p
			}
		}
		leaks := func(where, text string) {
			if secret != "" && strings.Contains(text, secret) {
				t.Fatalf("%s shows the password %q: %q", where, secret, text)
			}
		}
		leaks("RedactURL", rx.RedactURL(raw))
		u, drv, err := dialect.ParseURL(raw)
		if err != nil {
			leaks("ParseURL error", err.Error())
			return
		}
		if drv == nil || u == nil {
			t.Fatalf("ParseDriverURL(%q) returned no error and no driver", raw)
		}
		d := drv.Dialect()
		if !contains(drv.Schemes(), u.Scheme) {
			t.Fatalf("ParseDriverURL(%q): scheme %q is not one of dialect %s's %v", raw, u.Scheme, d.Name(), drv.Schemes())
		}
		leaks("Config.String", rx.Config{DBURL: raw}.String())
		password, _ := u.User.Password()
		switch d.Name() {
		case "mysql":
			cfg, err := mysql.Config(u)
			if err != nil {
				leaks("mysql.Config error", err.Error())
				return
			}
			if cfg.Passwd != password || cfg.User != u.User.Username() || cfg.DBName != strings.TrimPrefix(u.Path, "/") {
				t.Fatalf("mysql.Config(%q) = user %q password %q db %q; the URL says %q %q %q",
					raw, cfg.User, cfg.Passwd, cfg.DBName, u.User.Username(), password, strings.TrimPrefix(u.Path, "/"))
			}
		case "postgres":
			cfg, err := postgres.Config(u)
			if err != nil {
				leaks("postgres.Config error", err.Error())
				return
			}
			// pgx fills an empty user or password from the environment and
			// lets a password parameter override the URL's.
			if password != "" && !u.Query().Has("password") && cfg.Password != password {
				t.Fatalf("postgres.Config(%q): password %q, the URL says %q", raw, cfg.Password, password)
			}
			if name := u.User.Username(); name != "" && !u.Query().Has("user") && cfg.User != name {
				t.Fatalf("postgres.Config(%q): user %q, the URL says %q", raw, cfg.User, name)
			}
		case "sqlite":
			// modernc.org/sqlite takes the file name up to the first '?':
			// the path must reach it whole, or Connector must refuse it.
			path, dsn := sqlite.Path(u), sqlite.DSN(u)
			_, cerr := drv.Connector(u)
			if file, _, _ := strings.Cut(dsn, "?"); file != path && !strings.HasPrefix(dsn, "file:") && cerr == nil {
				t.Fatalf("sqlite URL %q names file %q, but the driver would open %q", raw, path, file)
			}
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var identSeeds = []string{
	"id", "user", "select", `a"b`, "a`b", `a""b`, "a``b", `"`, "`", `"; DROP TABLE t; --`,
	"`; DROP TABLE t; -- ", "a]b", "a'b", `a\b`, "a\\`b", "Ünïcødé", "日本語", "a b", " lead", "trail ",
	"a--b", "a/*b*/", "$1", "?", "%s", "a.b", strings.Repeat("x", 63), strings.Repeat("é", 40), "\t\n",
}

// quoteBack undoes a dialect's quoting: q must be the quote character,
// then the identifier with that character doubled, then the quote again.
func quoteBack(quoted string, q byte) (string, bool) {
	if len(quoted) < 2 || quoted[0] != q || quoted[len(quoted)-1] != q {
		return "", false
	}
	var b strings.Builder
	inner := quoted[1 : len(quoted)-1]
	for i := 0; i < len(inner); i++ {
		if inner[i] == q {
			if i+1 >= len(inner) || inner[i+1] != q {
				return "", false // a lone quote would end the identifier early
			}
			i++
		}
		b.WriteByte(inner[i])
	}
	return b.String(), true
}

// quoteOracle opens the databases FuzzQuote asks: SQLite always, the
// servers when they answer (or, under RX_TEST_REQUIRE_SERVERS=1, must).
func quoteOracle(f *testing.F) []*rx.DB {
	dbs := []*rx.DB{rxtest.Open(f, "sqlite")}
	for _, d := range []string{"mysql", "postgres"} {
		db, err := rx.Open(context.Background(), rx.Config{DBURL: rxtest.ServerURL(d), IgnoreEnv: true})
		if err != nil {
			if os.Getenv("RX_TEST_REQUIRE_SERVERS") == "1" {
				f.Fatalf("%s: %v", d, err)
			}
			f.Logf("SKIPPED, NOT TESTED: quoting on %s: %v", d, err)
			continue
		}
		f.Cleanup(func() { db.Close() })
		dbs = append(dbs, db)
	}
	return dbs
}

// FuzzQuote checks each dialect's identifier quoting two ways: the quoted
// form decodes back to the identifier with no early end, and the database
// itself reads `SELECT 1 AS <quoted>` as one column of that name.
func FuzzQuote(f *testing.F) {
	for _, s := range identSeeds {
		f.Add(s)
	}
	dbs := quoteOracle(f)
	f.Fuzz(func(t *testing.T, ident string) {
		for _, db := range dbs {
			d := db.Dialect()
			quoted := d.Quote(ident)
			back, ok := quoteBack(quoted, quoted[0])
			if !ok || back != ident {
				t.Fatalf("%s: Quote(%q) = %q, which does not read back as the identifier", d.Name(), ident, quoted)
			}
			want, testable := expectedAlias(d.Name(), ident)
			if !testable {
				continue
			}
			rows, err := db.Query(context.Background(), "SELECT 1 AS "+quoted)
			if err != nil {
				t.Fatalf("%s: SELECT 1 AS %s: %v", d.Name(), quoted, err)
			}
			cols, err := rows.Columns()
			rows.Close()
			if err != nil || len(cols) != 1 || cols[0] != want {
				t.Fatalf("%s: SELECT 1 AS %s: columns %q (%v), want [%q]", d.Name(), quoted, cols, err, want)
			}
		}
	})
}

// expectedAlias is the column name a database reports for alias ident, and
// whether the database accepts ident at all. Every database refuses NUL
// and invalid UTF-8 in statement text; beyond that each normalizes names
// in its own documented way.
func expectedAlias(dialect, ident string) (string, bool) {
	if strings.ContainsRune(ident, 0) || !utf8.ValidString(ident) {
		return "", false
	}
	switch dialect {
	case "postgres":
		if ident == "" {
			return "", false // "zero-length delimited identifier"
		}
		// Names are cut to NAMEDATALEN-1 = 63 bytes, on a character boundary.
		n := len(ident)
		if n > 63 {
			n = 63
			for !utf8.RuneStart(ident[n]) {
				n--
			}
		}
		return ident[:n], true
	case "mysql":
		// An alias longer than 256 characters is refused, one of 256 is
		// reported cut to 255; leading white space and control characters
		// are dropped with a warning (1466).
		if utf8.RuneCountInString(ident) > 256 || strings.ContainsFunc(ident, func(r rune) bool { return r > 0xFFFF }) {
			return "", false
		}
		name := strings.TrimLeftFunc(ident, func(r rune) bool { return r <= ' ' || r == 0x7f })
		if r := []rune(name); len(r) > 255 { // reported cut to 255 characters
			name = string(r[:255])
		}
		return name, true
	}
	return ident, true
}

// fuzzRow is the model FuzzColumnCheck queries.
type fuzzRow struct {
	rx.Model
	Name  string
	Score int64
}

// FuzzColumnCheck feeds arbitrary column names to every builder method that
// takes one: a name is accepted only when it is a column of the model (or
// "table.column" of a registered model), and then the SQL holds the
// column's quoted name from the metadata, never the caller's text.
func FuzzColumnCheck(f *testing.F) {
	for _, s := range []string{"id", "name", "score", "fuzz_row.id", "fuzz_row.name", "-score", "score DESC",
		"name asc", "Name", "nam", "id; DROP TABLE fuzz_row", `"id"`, "`id`", "id--", "fuzz_row.id.x", ".id",
		"fuzz_row.", "other.id", "id DESC, name", "(id)", "1", "*", "id\tdesc", "id\u00a0DESC", "--id"} {
		f.Add(s)
	}
	db := rxtest.Open(f, "sqlite")
	if err := db.CreateAll(context.Background(), &fuzzRow{}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name string) {
		tables := map[string]*schema.Table{} // now: other tests may have registered models
		for _, t := range schema.Models() {
			tables[t.Name] = t
		}
		q := db.Dialect().Quote
		want := resolveColumn(tables, name)
		ref := want // the reference the SQL must contain
		check := func(what string, sqlText string, err error, accepted bool) {
			t.Helper()
			if !accepted {
				var ce *rx.ColumnError
				if !errors.As(err, &ce) {
					t.Fatalf("%s(%q): err = %v, want a *rx.ColumnError", what, name, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s(%q) refused a column of the model: %v", what, name, err)
			}
			if !strings.Contains(sqlText, ref) {
				t.Fatalf("%s(%q) = %q, want it to reference %s", what, name, sqlText, ref)
			}
		}
		s, _, err := rx.Select[fuzzRow](db).Where(rx.Eq{name: 1}).ToSQL()
		check("Where(Eq)", s, err, want != "")
		s, _, err = rx.Select[fuzzRow](db).Where(rx.Or{rx.Lt{"id": 1}, rx.Like{name: "x"}}).ToSQL()
		check("Where(Or{Like})", s, err, want != "")
		s, _, err = rx.Select[fuzzRow](db).GroupBy(name).ToSQL()
		check("GroupBy", s, err, want != "")
		ref = orderTerm(tables, name)
		s, _, err = rx.Select[fuzzRow](db).OrderBy(name).ToSQL()
		check("OrderBy", s, err, ref != "")
		// Columns takes "column" or "table.column" as conditions do; Set
		// and OnConflict plain names of the model's own table.
		ref = want
		s, _, err = rx.Select[fuzzRow](db).Columns(name).ToSQL()
		check("Columns", s, err, want != "")
		own := tables["fuzz_row"].Column(name) != nil
		ref = q(name) + " = "
		s, _, err = rx.Update[fuzzRow](db).Set(name, 1).Where(rx.Eq{"id": 1}).ToSQL()
		check("Update.Set", s, err, own)
	})
}

// resolveColumn is the quoted, qualified (SQLite) reference that a column
// name passed to a fuzzRow builder must become, or "" if it must be refused.
func resolveColumn(tables map[string]*schema.Table, name string) string {
	tn, cn, qualified := strings.Cut(name, ".")
	if !qualified {
		tn, cn = "fuzz_row", name
	}
	tbl := tables[tn]
	if tbl == nil || tbl.Column(cn) == nil {
		return ""
	}
	q := sqlite.Dialect{}.Quote
	return q(tn) + "." + q(cn)
}

// orderTerm is what OrderBy must make of term: "col", "-col", "col ASC" or
// "col DESC" (any case, any spacing), or "" if it must be refused.
func orderTerm(tables map[string]*schema.Table, term string) string {
	fields := strings.Fields(term)
	switch {
	case len(fields) == 1 && strings.HasPrefix(fields[0], "-"):
		if ref := resolveColumn(tables, fields[0][1:]); ref != "" {
			return ref + " DESC"
		}
	case len(fields) == 1:
		return resolveColumn(tables, fields[0])
	case len(fields) == 2 && (strings.EqualFold(fields[1], "asc") || strings.EqualFold(fields[1], "desc")):
		if ref := resolveColumn(tables, fields[0]); ref != "" {
			return ref + " " + strings.ToUpper(fields[1])
		}
	}
	return ""
}
