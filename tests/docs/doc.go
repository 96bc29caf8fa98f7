// Package docs holds the tests that keep the documentation runnable: every
// fenced Go block in README.md and docs/*.md is compiled, and every whole
// program that needs only SQLite is run, twice, as a reader would run it.
//
// How a block is marked (the marker is an HTML comment on the line before
// the fence, so that it renders invisibly on GitHub):
//
//   - a block starting with "package main" is a program: built as is, and
//     run twice in an empty directory when it imports no server driver;
//   - <!-- fragment: body --> compiles the block as the body of a function
//     returning error, with ctx, db (*rx.DB), s (*rx.Session), x (*sqlx.DB),
//     the guide's models (docs/relationships.md) and a few named values (id, email, logger...) in
//     scope; variables the block declares may go unused;
//   - <!-- fragment: run --> is a body fragment that is also run once on
//     each database (SQLite, MariaDB, PostgreSQL), in a fresh one holding
//     the guide's models' tables; it returns the err it declares, so that
//     what it writes must meet the guide's own constraints;
//   - <!-- fragment: decls --> compiles the block as top-level declarations
//     (types, funcs, an import block) next to the guide's models; a block
//     that has its own import block gets no other imports.
//
// A block with no marker and no package clause fails the test.
//
// Shell blocks are run where they are marked (TestDocCommands):
//
//   - <!-- run --> before a ```sh fence runs the block with bash from the
//     root of a copy of the checkout (one copy per Markdown file, its blocks
//     in order, so that a walkthrough builds on its earlier steps), with
//     DB_URL empty so that the programs use their SQLite default;
//   - <!-- output --> before a ```text fence right after such a block is
//     what the block prints, stdout and stderr together, compared after
//     masking what changes between runs: log timestamps, 14-digit migration
//     versions, durations in parentheses and rx_check_ scratch names. A run
//     block without an output block must exit 0.
//
// A marker that does not stand right before its fence is an error.
//
// TestREADMECommandsAreCI checks that .ci/run runs the README's two
// commands. The snippets build with GOPROXY=off, so the module cache must
// hold the otel and tests/otherdrivers modules' requirements (.ci/run
// downloads them first).
//
// TestDocLinks checks that every relative link of these files resolves in
// the checkout, and every #anchor into a Markdown file names a heading.
package docs
