package rx_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// Passwords written into a URL without percent-encoding: each holds a
// character that ends the user information for url.Parse, or a bad escape.
var rawPasswords = []string{
	"hqz/ekxq", "qz?abcjk", "fqz#mxzz", "pct%Vqzk", "sq qz?kq", "co:lqz/qx x",
	"at@si/gnzz", "98765/xq", "mi#x?d/%zz@:",
}

// URL schemes by dialect, SQLAlchemy's dialect+driver forms included.
var passwordSchemes = map[string][]string{
	"sqlite":   {"sqlite", "sqlite3"},
	"mysql":    {"mysql", "mariadb", "mysql+pymysql"},
	"postgres": {"postgresql", "postgres", "postgres+pgx", "postgresql+psycopg2"},
}

// showsSecret returns a substring of secret (3 bytes or more) found in
// text, or "".
func showsSecret(text, secret string) string {
	for i := 0; i+3 <= len(secret); i++ {
		for j := i + 3; j <= len(secret); j++ {
			if strings.Contains(text, secret[i:j]) {
				return secret[i:j]
			}
		}
	}
	return ""
}

// TestURLPasswordNeedsEncoding writes passwords with / ? # % @ : and
// spaces into URLs unencoded, for every scheme: ParseURL, Open and
// RedactURL refuse them (a '/' used to turn the password into a host, and
// net/url's errors repeat it) with an error that names byte offsets and
// how to encode the password, and that shows no part of the user
// information. Encoded, the same passwords connect (MariaDB checks it).
func TestURLPasswordNeedsEncoding(t *testing.T) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			host := serverHost(rxtest.ServerURL(d))
			if d == "sqlite" {
				host = ""
			}
			for _, scheme := range passwordSchemes[d] {
				for _, pw := range rawPasswords {
					raw := scheme + "://zqxuser:" + pw + "@" + host + "/rx_test"
					checkRefused(t, raw, pw)
				}
				// A password that lost its '@': the "port" is the password.
				checkRefused(t, scheme+"://zqxuser:hqzxkwj/rx_test", "hqzxkwj")
			}
			checkEncodedConnects(t, d)
		})
	}
}

func checkRefused(t *testing.T, raw, pw string) {
	t.Helper()
	if red := rx.RedactURL(raw); showsSecret(red, pw) != "" {
		t.Errorf("RedactURL(%q) = %q shows the password", raw, red)
	}
	_, _, perr := rx.ParseURL(raw)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	db, oerr := rx.Open(ctx, rx.Config{DBURL: raw, IgnoreEnv: true, ConnectTimeout: time.Second})
	if oerr == nil {
		db.Close()
	}
	for _, err := range []error{perr, oerr} {
		if err == nil {
			t.Errorf("%q: accepted; want an error asking for the password percent-encoded", raw)
			continue
		}
		msg := err.Error()
		if s := showsSecret(msg, pw); s != "" || strings.Contains(msg, "zqxuser") {
			t.Errorf("%q: error shows the user information (%q): %s", raw, s, msg)
		}
		if !strings.Contains(msg, "percent-encoded") || !strings.Contains(msg, "byte") {
			t.Errorf("%q: error %q does not say where and that the password must be percent-encoded", raw, msg)
		}
	}
}

// checkEncodedConnects opens the dialect's fresh database with every raw
// password, encoded as the error says: on MariaDB as a user created with
// that password, elsewhere the password is not checked (SQLite, and
// PostgreSQL's trust authentication) but the URL must parse and open.
func checkEncodedConnects(t *testing.T, d string) {
	t.Helper()
	fresh := rxtest.FreshURL(t, d)
	u, err := url.Parse(fresh)
	if err != nil {
		t.Fatal(err)
	}
	name := "root"
	if d == "postgres" {
		name = "postgres"
	}
	pw := "p/#?%@: x"
	if d == "mysql" {
		admin := rxtest.OpenURL(t, fresh)
		name = "rxpw_" + strings.TrimPrefix(u.Path, "/rx_t_")
		ctx := context.Background()
		if _, err := admin.Exec(ctx, "CREATE USER '"+name+"'@'%' IDENTIFIED BY '"+pw+"'"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { admin.Exec(context.Background(), "DROP USER '"+name+"'@'%'") })
		if _, err := admin.Exec(ctx, "GRANT ALL ON "+strings.TrimPrefix(u.Path, "/")+".* TO '"+name+"'@'%'"); err != nil {
			t.Fatal(err)
		}
	}
	for _, enc := range []string{url.UserPassword(name, pw).String(), name + ":" + url.PathEscape(pw)} {
		raw := u.Scheme + "://" + enc + "@" + u.Host + u.EscapedPath()
		if u.RawQuery != "" {
			raw += "?" + u.RawQuery
		}
		db := rxtest.OpenURL(t, raw)
		if _, err := db.Exec(context.Background(), "SELECT 1"); err != nil {
			t.Errorf("%s with the password encoded as %q: SELECT 1: %v", d, enc, err)
		}
	}
}
