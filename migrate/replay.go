package migrate

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/golang-migrate/migrate/v4/database"

	"github.com/rxgo/rxdb/rx"
)

// ErrNoScratch: Check could not create the throw-away database in which
// it replays the migrations folder (most often the user lacks the
// privilege to create a database or schema). Migrator.NoReplay, or
// `db check -no-replay`, skips the replay.
var ErrNoScratch = errors.New("migrate: cannot create a scratch database to replay the migrations")

// Scratcher is implemented by a Driver that can create an empty
// throw-away database on the server db is connected to (u is db's URL):
// Check applies the migrations folder to it from empty, to prove that
// the folder builds the models' schema, and then calls drop, even when
// the replay failed.
type Scratcher interface {
	Scratch(ctx context.Context, db *rx.DB, u *url.URL, name string) (scratch *url.URL, drop func(context.Context) error, err error)
}

// scratchName is a fresh, quotable name for a scratch database.
func scratchName() string {
	b := make([]byte, 6)
	rand.Read(b)
	return "rx_check_" + hex.EncodeToString(b)
}

// replay applies the migrations folder to a scratch database on c's
// server and returns the problems found: the version that failed, or
// how the schema the folder builds differs from the models.
func (m *Migrator) replay(ctx context.Context, c *conn) ([]string, error) {
	sc, ok := baseDriver(c.drv).(Scratcher)
	if !ok {
		return nil, nil // a third-party driver without scratch databases: nothing to replay on
	}
	name := scratchName()
	u, drop, err := sc.Scratch(ctx, c.db, c.u, name)
	if err != nil {
		return nil, fmt.Errorf("%w: creating %s on the server failed (%v): grant the user the right to create a database (PostgreSQL: a schema), or skip the replay with `%s` (Migrator.NoReplay)", ErrNoScratch, name, err, m.cmd("db check -no-replay"))
	}
	m.printf("replaying %s on the scratch database %s\n", m.dir(), name)
	defer func() {
		// The caller's context may be done: the scratch database goes anyway.
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		if derr := drop(dctx); derr != nil {
			m.printf("warning: dropping the scratch database %s: %v\n", name, derr)
		}
	}()
	return m.replayOn(ctx, u)
}

// replayOn migrates the empty database u from the folder and compares
// the result with the models.
func (m *Migrator) replayOn(ctx context.Context, u *url.URL) ([]string, error) {
	cfg := m.cfg
	cfg.DBURL, cfg.IgnoreEnv = u.String(), true
	s := New(cfg, m.models...)
	s.Command, s.LockTimeout, s.Prune = m.Command, m.LockTimeout, m.Prune
	if _, err := s.Migrate(ctx); err != nil {
		return []string{replayFailure(m, err)}, nil
	}
	tables, err := s.tables()
	if err != nil {
		return nil, err
	}
	c, live, _, err := s.liveState(ctx)
	if err != nil {
		return nil, err
	}
	defer c.close()
	diff, _ := s.scope().compare(c.drv, live, FromModels(c.db.Dialect(), tables))
	var problems []string
	for _, ch := range diff.Changes {
		problems = append(problems, "replayed from empty, the migrations differ from the models: "+ch.String())
	}
	if len(problems) > 0 {
		problems = append(problems, "a new database built from "+m.dir()+" would not match the models: fix the migration that made the difference, or run `"+m.cmd(`db makemigrations -m "..."`)+"` against a database built from the folder")
	}
	return problems, nil
}

// replayFailure names the migration that failed on an empty database.
func replayFailure(m *Migrator, err error) string {
	var de *DirtyError
	if errors.As(err, &de) && de.Err != nil {
		files, _ := listFiles(m.cfg.MigrationsSource())
		cause := de.Err
		if dbe := (*database.Error)(nil); errors.As(cause, &dbe) && dbe.OrigErr != nil {
			cause = dbe.OrigErr // the server's error, without the file's text
		}
		return fmt.Sprintf("the migrations do not build a new database: %s fails on an empty database: %v (fix that migration, or the ones before it, so that the folder builds the schema from nothing)", fileName(files, de.Version), cause)
	}
	return "the migrations do not build a new database: " + err.Error()
}
