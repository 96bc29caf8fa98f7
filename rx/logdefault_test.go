package rx_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/rx"
)

// TestLogQueriesWithoutLogger turns LogQueries on with no Logger, as a
// first program does: the statements must show on slog's default logger
// at a level its default handler prints (they were logged at Debug,
// which it drops). It replaces slog.Default, so it is not parallel.
func TestLogQueriesWithoutLogger(t *testing.T) {
	var out syncBuffer
	saved := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&out, nil))) // the default level, Info
	defer slog.SetDefault(saved)
	ctx := context.Background()
	for _, d := range rxtest.Dialects {
		db, err := rx.Open(ctx, rx.Config{DBURL: rxtest.FreshURL(t, d), IgnoreEnv: true, LogQueries: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, "SELECT 4321"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if !strings.Contains(out.String(), "SELECT 4321") {
			t.Errorf("%s: LogQueries without a Logger printed nothing on slog.Default: %q", d, out.String())
		}
	}
}

// TestOpenLogsTheDefaultDatabase opens with no URL configured: Open falls
// back to sqlite:///rx.db and must say so, once, at Info; with a URL named
// (on every database) it says nothing.
func TestOpenLogsTheDefaultDatabase(t *testing.T) {
	t.Chdir(t.TempDir()) // the default file lands here; not parallel: Chdir
	ctx := context.Background()
	var out syncBuffer
	logger := slog.New(slog.NewTextHandler(&out, nil))
	db, err := rx.Open(ctx, rx.Config{IgnoreEnv: true, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if n := strings.Count(out.String(), "no database URL configured"); n != 1 || !strings.Contains(out.String(), "sqlite:///rx.db") || !strings.Contains(out.String(), "level=INFO") {
		t.Errorf("Open with no URL logged %q; want one Info line naming sqlite:///rx.db", out.String())
	}
	for _, d := range rxtest.Dialects {
		var named syncBuffer
		cfg := rx.Config{DBURL: rxtest.FreshURL(t, d), IgnoreEnv: true, Logger: slog.New(slog.NewTextHandler(&named, nil))}
		db, err := rx.Open(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		if strings.Contains(named.String(), "no database URL configured") {
			t.Errorf("%s: Open with a URL logged the default: %q", d, named.String())
		}
	}
}
