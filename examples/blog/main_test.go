package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rxgo/rxdb/internal/rxtest"
	"github.com/rxgo/rxdb/migrate"
	"github.com/rxgo/rxdb/rx"
)

// counter counts the statements that are not transaction boundaries.
type counter struct{ n atomic.Int64 }

func (c *counter) BeforeQuery(ctx context.Context, ev *rx.QueryEvent) context.Context { return ctx }
func (c *counter) AfterQuery(ctx context.Context, ev *rx.QueryEvent) {
	if ev.Query != "BEGIN" && ev.Query != "COMMIT" && ev.Query != "ROLLBACK" {
		c.n.Add(1)
	}
}

// eachMigrated runs fn per database on a fresh database brought up to
// date by the embedded migrations, as the command does, after checking
// that they give the models' schema.
func eachMigrated(t *testing.T, fn func(t *testing.T, cfg rx.Config, db *rx.DB)) {
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			cfg, err := withMigrations(rx.Config{DBURL: rxtest.FreshURL(t, d), IgnoreEnv: true}, false)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := migrateSchema(ctx, cfg); err != nil {
				t.Fatal(err)
			}
			if err := migrate.New(cfg, Models...).Check(ctx); err != nil {
				t.Fatalf("the embedded %s migrations do not give the models' schema; write one with `db makemigrations`: %v", d, err)
			}
			db, err := rx.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			fn(t, cfg, db)
		})
	}
}

func TestBlog(t *testing.T) {
	eachMigrated(t, func(t *testing.T, cfg rx.Config, db *rx.DB) {
		ctx := context.Background()
		do := func(args ...string) (string, error) {
			t.Helper()
			var out bytes.Buffer
			err := command(ctx, db, &out, args)
			return out.String(), err
		}
		must := func(args ...string) string {
			t.Helper()
			out, err := do(args...)
			if err != nil {
				t.Fatalf("blog %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			return out
		}
		expect := func(out string, wants ...string) {
			t.Helper()
			for _, w := range wants {
				if !strings.Contains(out, w) {
					t.Fatalf("output lacks %q:\n%s", w, out)
				}
			}
		}
		expect(must("post", "-user", "ann", "-title", "Hello", "-body", "First", "-tags", "go,sql"), "post 1 by ann")
		expect(must("post", "-user", "ann", "-title", "Joins", "-tags", "sql"), "post 2 by ann")
		expect(must("post", "-user", "bob", "-title", "Bob's", "-tags", "go"), "post 3 by bob")
		expect(must("comment", "-post", "1", "-user", "bob", "-body", "Welcome!"), "comment 1 on post 1")
		expect(must("comment", "-post", "1", "-user", "ann", "-body", "Thanks"), "comment 2 on post 1")
		if _, err := do("comment", "-post", "99", "-user", "ann", "-body", "lost"); err == nil || !strings.Contains(err.Error(), "no post 99") {
			t.Errorf("comment on a missing post: %v", err)
		}

		hook := &counter{}
		db.AddQueryHook(hook)
		out := must("feed")
		if n := hook.n.Load(); n != 5 {
			t.Errorf("feed sent %d statements, want 5 (posts, users, tags, comments, their users)", n)
		}
		want := "#3 Bob's by bob [go]\n#2 Joins by ann [sql]\n#1 Hello by ann [go, sql]\n    bob: Welcome!\n    ann: Thanks\n"
		if out != want {
			t.Errorf("feed:\n%s\nwant:\n%s", out, want)
		}
		expect(must("feed", "-tag", "sql"), "#2 Joins", "#1 Hello")
		if out := must("feed", "-tag", "sql"); strings.Contains(out, "Bob's") {
			t.Errorf("feed -tag sql shows a go-only post:\n%s", out)
		}
		expect(must("user", "ann"), "ann: 2 posts", "#1 Hello (2 tags)", "#2 Joins (1 tag)")

		if _, err := do("delete-tag", "sql"); err == nil || !strings.Contains(err.Error(), "still on posts") {
			t.Errorf("deleting a tag in use: %v", err)
		}
		must("delete-user", "ann")
		expect(must("feed"), "#3 Bob's by bob [go]")
		if out := must("feed"); strings.Contains(out, "Hello") {
			t.Errorf("ann's posts survived her deletion:\n%s", out)
		}
		if n, err := rx.Select[Comment](db).Count(ctx); err != nil || n != 0 {
			t.Errorf("%d comments after cascade (%v)", n, err)
		}
		must("delete-tag", "sql") // now unused

		// The down file drops the tables, children first.
		if _, err := migrate.New(cfg, Models...).Downgrade(ctx, 1); err != nil {
			t.Fatalf("downgrade: %v", err)
		}
		names, err := db.Tables(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if n != migrate.VersionTable && n != migrate.DowngradeTable && n != migrate.LockTable && n != migrate.AppliedTable {
				t.Errorf("table %s left after the downgrade", n)
			}
		}
	})
}

// TestCommandLine runs the built command as its doc comment shows.
func TestCommandLine(t *testing.T) {
	bin := buildBlog(t)
	for _, d := range rxtest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			env := append(os.Environ(), "DB_URL="+rxtest.FreshURL(t, d))
			run := func(args ...string) string {
				t.Helper()
				cmd := exec.Command(bin, args...)
				cmd.Dir, cmd.Env = dir, env
				out, err := cmd.CombinedOutput()
				if err != nil {
					t.Fatalf("blog %s: %v\n%s", strings.Join(args, " "), err, out)
				}
				return string(out)
			}
			run("post", "-user", "ann", "-title", "Hello", "-body", "First post", "-tags", "go,sql")
			run("comment", "-post", "1", "-user", "ann", "-body", "Welcome!")
			if out := run("feed", "-tag", "go"); out != "#1 Hello by ann [go, sql]\n    ann: Welcome!\n" {
				t.Errorf("feed -tag go:\n%s", out)
			}
			cmd := exec.Command(bin, "feed")
			cmd.Dir, cmd.Env = dir, append(env, "LOG_SQL=1")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("LOG_SQL=1 feed: %v\n%s", err, out)
			}
			n := 0
			for _, line := range strings.Split(string(out), "\n") {
				// The start-up's own queries (table list, MySQL's
				// auto-increment step) aside.
				if strings.Contains(line, `msg="rx: query"`) && !strings.Contains(line, "information_schema") &&
					!strings.Contains(line, "sqlite_master") && !strings.Contains(line, "@@") {
					n++
				}
			}
			if n != 5 {
				t.Errorf("LOG_SQL=1 feed logged %d statements, want 5:\n%s", n, out)
			}
		})
	}
}
