package rx

import (
	"net/url"

	"github.com/rxgo/rxdb/dialect"
)

// DefaultDBURL is the database used when neither Config.DBURL nor the
// DB_URL environment variable names one: a SQLite file in the working
// directory, so a first program needs no server.
const DefaultDBURL = "sqlite:///rx.db"

// ParseURL parses a SQLAlchemy-style database URL and finds the dialect
// that serves it. The "dialect+driver://" form is accepted and the driver
// part ignored, so URLs copied from a Python project work unchanged. The
// returned URL carries the bare dialect scheme.
func ParseURL(raw string) (*url.URL, dialect.Dialect, error) {
	u, drv, err := dialect.ParseURL(raw)
	if err != nil {
		return nil, nil, err
	}
	return u, drv.Dialect(), nil
}

// RedactURL returns raw with any password replaced by "xxxxx". Text that
// does not parse as a database URL is replaced whole, since it might hold
// a secret.
func RedactURL(raw string) string { return dialect.RedactURL(raw) }
