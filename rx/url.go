package rx

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// DefaultDBURL is the database used when neither Config.DBURL nor the
// DB_URL environment variable names one: a SQLite file in the working
// directory, so a first program needs no server.
const DefaultDBURL = "sqlite:///rx.db"

// ParseURL parses a SQLAlchemy-style database URL and finds the dialect
// that serves it. The "dialect+driver://" form is accepted and the driver
// part ignored, so URLs copied from a Python project work unchanged. The
// returned URL carries the bare dialect scheme.
func ParseURL(raw string) (*url.URL, Dialect, error) {
	u, drv, err := ParseDriverURL(raw)
	if err != nil {
		return nil, nil, err
	}
	return u, drv.Dialect(), nil
}

// ParseDriverURL is ParseURL returning the registered Driver that opens
// the URL, for code that opens pools of its own the way Open does.
func ParseDriverURL(raw string) (*url.URL, Driver, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil, errors.New("rx: empty database URL: set Config.DBURL or DB_URL, e.g. sqlite:///rx.db")
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error repeats the whole URL, password included: keep only
		// the reason.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, nil, fmt.Errorf("rx: malformed database URL: %v (expected scheme://user:password@host:port/database)", err)
	}
	if u.Scheme == "" {
		return nil, nil, fmt.Errorf("rx: database URL %q has no scheme: expected e.g. sqlite:///rx.db or postgresql://user@host/db", u.Redacted())
	}
	if u.Opaque != "" {
		// Without "//" there is no user info to redact: show no part of it.
		return nil, nil, fmt.Errorf("rx: database URL with scheme %q is missing \"//\" after the scheme: write %s://user:password@host/database", u.Scheme, u.Scheme)
	}
	scheme := strings.ToLower(u.Scheme)
	if i := strings.IndexByte(scheme, '+'); i >= 0 {
		scheme = scheme[:i]
	}
	d, err := driverForScheme(scheme)
	if err != nil {
		return nil, nil, err
	}
	norm := *u
	norm.Scheme = scheme
	return &norm, d, nil
}

// RedactURL returns raw with any password replaced by "xxxxx". Text that
// does not parse as a URL is replaced whole, since it might hold a secret.
func RedactURL(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "<malformed URL>"
	}
	return u.Redacted()
}
