package sqlite_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/drivers/sqlite"
)

// TestPathAndDSN: URL to file and to modernc.org/sqlite's DSN, with rx's
// settings, which a URL parameter overrides. No server, no file.
func TestPathAndDSN(t *testing.T) {
	for _, tc := range []struct {
		url, path string
		want      []string // in the DSN
		not       []string
	}{
		{"sqlite:///rx.db", "rx.db", []string{"_txlock=immediate", "_time_format=sqlite", "_timezone=UTC", "journal_mode%28WAL%29", "foreign_keys%281%29", "busy_timeout%2810000%29"}, nil},
		{"sqlite:////var/lib/app.db", "/var/lib/app.db", []string{"_txlock=immediate"}, nil},
		{"sqlite://relative.db", "relative.db", nil, nil},
		{"sqlite://", ":memory:", []string{"foreign_keys%281%29"}, []string{"journal_mode"}},
		{"sqlite:///:memory:", ":memory:", nil, []string{"journal_mode"}},
		{"sqlite:///rx.db?_txlock=deferred", "rx.db", []string{"_txlock=deferred"}, []string{"_txlock=immediate"}},
		{"sqlite:///rx.db?_pragma=cache_size(-2000)", "rx.db", []string{"cache_size%28-2000%29", "foreign_keys%281%29"}, nil},
		// rx's own format: rx writes the text, modernc is told "datetime".
		{"sqlite:///rx.db?_time_format=datetime_frac", "rx.db", []string{"_time_format=datetime&"}, []string{"datetime_frac", "_time_format=sqlite"}},
		{"sqlite:///rx.db?_time_format=datetime", "rx.db", []string{"_time_format=datetime&"}, []string{"_time_format=sqlite"}},
	} {
		u, err := url.Parse(tc.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := sqlite.Path(u); got != tc.path {
			t.Errorf("Path(%s) = %q, want %q", tc.url, got, tc.path)
		}
		dsn := sqlite.DSN(u)
		if !strings.HasPrefix(dsn, tc.path+"?") {
			t.Errorf("DSN(%s) = %s, want it to start with %s?", tc.url, dsn, tc.path)
		}
		for _, w := range tc.want {
			if !strings.Contains(dsn, w) {
				t.Errorf("DSN(%s) = %s, want %s in it", tc.url, dsn, w)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(dsn, n) {
				t.Errorf("DSN(%s) = %s, want no %s in it", tc.url, dsn, n)
			}
		}
	}
}
