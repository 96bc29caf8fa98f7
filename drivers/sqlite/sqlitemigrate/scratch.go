package sqlitemigrate

import (
	"context"
	"net/url"
	"os"
	"path/filepath"

	"github.com/rxgo/rxdb/rx"
)

// Scratch implements migrate.Scratcher: a database file in a new
// temporary directory, removed with it.
func (Driver) Scratch(_ context.Context, _ *rx.DB, _ *url.URL, name string) (*url.URL, func(context.Context) error, error) {
	dir, err := os.MkdirTemp("", name)
	if err != nil {
		return nil, nil, err
	}
	u := &url.URL{Scheme: "sqlite", Path: "/" + filepath.ToSlash(filepath.Join(dir, "scratch.db"))}
	return u, func(context.Context) error { return os.RemoveAll(dir) }, nil
}
