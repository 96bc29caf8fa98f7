package rx_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// Passwords the test connects with: plain, and one that needs percent
// encoding in a URL (so both spellings must stay hidden).
var testPasswords = []string{"Hunter2Sekret", "p@ss:w/rd?#%Sekret"}

// secretForms are the spellings of a password that must never be shown.
func secretForms(pw string) []string {
	forms := []string{pw, url.QueryEscape(pw), url.PathEscape(pw), url.UserPassword("u", pw).String()[2:]}
	return forms
}

// TestPasswordNeverShown opens with a wrong password and with bad hosts for
// every URL form, and looks for the password in the error (as text and
// through every fmt verb), in everything rx and the MySQL driver log, and
// in the fmt and slog output of Config and DB. It is not parallel: it
// captures the MySQL driver's package-level logger.
func TestPasswordNeverShown(t *testing.T) {
	var logs bytes.Buffer
	gomysql.SetLogger(log.New(&logs, "[mysql] ", 0))
	defer gomysql.SetLogger(log.New(os.Stderr, "[mysql] ", log.Ldate|log.Ltime))
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	silent := silentListener(t)
	closed := closedPort(t)
	type target struct {
		name, hostport string
		server         string // dialect whose real server this is, "" for bad hosts
	}
	mysqlHost, pgHost := serverHost(rxtest.ServerURL("mysql")), serverHost(rxtest.ServerURL("postgres"))
	schemes := map[string][]string{
		"mysql":    {"mysql", "mariadb", "mysql+pymysql"},
		"postgres": {"postgresql", "postgres", "postgresql+psycopg2"},
	}
	for dialect, forms := range schemes {
		real := target{"real server, wrong password", mysqlHost, dialect}
		if dialect == "postgres" {
			real.hostport = pgHost // trust authentication: the password is ignored, Open succeeds
		}
		targets := []target{real,
			{"port that never answers", silent, ""},
			{"server down", closed, ""},
			{"unresolvable host", "rx-no-such-host.invalid:3306", ""},
		}
		for _, scheme := range forms {
			for _, tg := range targets {
				for _, pw := range testPasswords {
					dbURL := scheme + "://" + url.UserPassword("root", pw).String() + "@" + tg.hostport + "/rx_test"
					if dialect == "postgres" {
						dbURL = scheme + "://" + url.UserPassword("postgres", pw).String() + "@" + tg.hostport + "/rx_test"
					}
					// Fake servers fail fast; the real one gets time to refuse the
					// password rather than be cut off mid-handshake.
					timeout := 300 * time.Millisecond
					if tg.server != "" {
						timeout = 10 * time.Second
					}
					cfg := rx.Config{AppName: "secrets", DBURL: dbURL, IgnoreEnv: true, Logger: logger, ConnectTimeout: timeout}
					logger.Info("opening", "config", cfg)
					var shown []string
					shown = append(shown, fmt.Sprint(cfg), fmt.Sprintf("%v|%+v|%#v|%s", cfg, cfg, cfg, cfg), fmt.Sprintf("%v|%+v|%#v", &cfg, &cfg, &cfg))
					shown = append(shown, fmt.Sprintf("%+v", struct{ DB rx.Config }{cfg}))
					db, err := rx.Open(context.Background(), cfg)
					if err != nil {
						shown = append(shown, err.Error(), fmt.Sprintf("%v|%+v|%s|%q", err, err, err, err))
						if pw == testPasswords[1] {
							t.Logf("%s, %s: %v", scheme, tg.name, err)
						}
						logger.Error("open failed", "err", err)
					} else {
						if tg.server == "" || tg.server == "mysql" {
							t.Errorf("%s %s: Open succeeded", scheme, tg.name)
						}
						shown = append(shown, fmt.Sprint(db), fmt.Sprintf("%v|%+v|%#v|%s", db, db, db, db))
						logger.Info("opened", "db", db)
						db.Close()
					}
					jsonLog := slog.New(slog.NewJSONHandler(&logs, nil))
					jsonLog.Info("config", "cfg", cfg, "db", db)
					shown = append(shown, logs.String())
					logs.Reset()
					for _, text := range shown {
						for _, secret := range secretForms(pw) {
							if strings.Contains(text, secret) {
								t.Errorf("%s, %s: password spelled %q appears in %q", scheme, tg.name, secret, text)
							}
						}
					}
				}
			}
		}
	}
}

// serverHost returns the host:port of a test server URL.
func serverHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "127.0.0.1:1"
	}
	return u.Host
}
