package migrate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/golang-migrate/migrate/v4/database"
	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/internal/sqltext"
	"github.com/rxgo/rxdb/rx"
)

// runDriver is a Driver whose golang-migrate database driver runs the
// Go migrations' bodies as their functions on db, and the files headed
// by NoTransactionHeader one statement at a time. Everything else goes
// to the database's own driver unchanged.
type runDriver struct {
	Driver
	db *rx.DB
	fs *goFS // nil without Go migrations
}

// baseDriver is the database's own Driver under a runDriver, for the
// optional interfaces (Scratcher, DependentsReader, TypeDefiner) that
// the wrapper does not carry: every assertion on a conn's driver goes
// through it.
func baseDriver(d Driver) Driver {
	if r, ok := d.(runDriver); ok {
		return r.Driver
	}
	return d
}

// Open implements Driver.
func (d runDriver) Open(ctx context.Context, u *url.URL) (database.Driver, error) {
	inner, err := d.Driver.Open(ctx, u)
	if err != nil {
		return nil, err
	}
	return &goRunner{Driver: inner, ctx: ctx, db: d.db, fs: d.fs}, nil
}

// goRunner is golang-migrate's database driver with Run intercepted.
type goRunner struct {
	database.Driver
	ctx context.Context // the migration operation's (Run has none)
	db  *rx.DB
	fs  *goFS
}

// Run implements database.Driver.
func (r *goRunner) Run(migration io.Reader) error {
	body, err := io.ReadAll(migration)
	if err != nil {
		return err
	}
	if bytes.HasPrefix(body, []byte(goMarker)) {
		return r.runGo(string(body[len(goMarker):]))
	}
	if hasNoTransactionHeader(string(body)) {
		for _, s := range sqltext.Split(string(body)) {
			if err := r.Driver.Run(strings.NewReader(s.Text)); err != nil {
				return err
			}
		}
		return nil
	}
	err = r.Driver.Run(bytes.NewReader(body))
	if inTransactionBlock(err) && needsNoTransaction(string(body)) {
		return fmt.Errorf("%w\nCREATE INDEX CONCURRENTLY (and DROP INDEX CONCURRENTLY) cannot run in the transaction a multi-statement file runs in: put the line `%s` at the top of the file, so that rxdb runs its statements one at a time", err, NoTransactionHeader)
	}
	return err
}

// runGo runs the function that the marker line "<version> <up|down>"
// names, in a session on the migration's transaction.
func (r *goRunner) runGo(line string) error {
	num, dir, _ := strings.Cut(strings.TrimSpace(line), " ")
	v, err := strconv.ParseUint(num, 10, 64)
	var mig GoMigration
	ok := err == nil
	if ok {
		mig, ok = goOf(r.fs, uint(v))
	}
	if !ok {
		return fmt.Errorf("%w: version %s is not registered in this program", ErrMissingGoMigration, num)
	}
	fn := mig.Up
	if dir == "down" {
		fn = mig.Down
	}
	if fn == nil {
		return &goFailure{name: mig.FileName(), dir: dir, err: ErrIrreversible}
	}
	err = r.db.WithSession(r.ctx, func(s *rx.Session) error { return fn(r.ctx, s) })
	if err != nil {
		return &goFailure{name: mig.FileName(), dir: dir, err: err}
	}
	return nil
}

// NoTransactionHeader, a line at the top of a migration file (among its
// leading comment lines), makes rxdb run the file's statements one at a
// time, each on its own, instead of the whole file as one unit: what
// PostgreSQL's CREATE INDEX CONCURRENTLY needs. A failure then leaves
// the statements before it applied.
const NoTransactionHeader = "-- rx:no-transaction"

// hasNoTransactionHeader reports whether the leading comment lines of a
// file hold NoTransactionHeader.
func hasNoTransactionHeader(body string) bool {
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if line == NoTransactionHeader {
			return true
		}
		if line != "" && !strings.HasPrefix(line, "--") {
			return false
		}
	}
	return false
}

// needsNoTransaction reports whether a file holds a statement that
// PostgreSQL refuses inside a transaction block.
func needsNoTransaction(body string) bool {
	for _, s := range sqltext.Split(body) {
		if strings.Contains(words(s.Text), " CONCURRENTLY ") {
			return true
		}
	}
	return false
}

// words is a statement's code, upper case, its words separated by one
// space, with a space at each end: what keyword rules match against.
func words(stmt string) string {
	code := sqltext.Code(stmt)
	for _, p := range "(),;" {
		code = strings.ReplaceAll(code, string(p), " "+string(p)+" ")
	}
	return " " + strings.Join(strings.Fields(strings.ToUpper(code)), " ") + " "
}

// inTransactionBlock reports PostgreSQL's refusal of a statement inside
// a transaction block (SQLSTATE 25001, active_sql_transaction).
// golang-migrate's database.Error does not unwrap, so its OrigErr is
// read here.
func inTransactionBlock(err error) bool {
	if err == nil {
		return false
	}
	var de database.Error
	if errors.As(err, &de) && de.OrigErr != nil {
		err = de.OrigErr
	}
	c, ok := dialect.ServerCodeOf(err)
	return ok && c.SQLState == "25001"
}
