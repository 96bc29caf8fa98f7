package pgmigrate

import (
	"context"
	"net/url"

	"github.com/rxgo/rxdb/rx"
)

// Scratch implements migrate.Scratcher: a schema of the same database
// (creating a schema needs less than creating a database, and sees the
// same extensions), reached through search_path and dropped with
// CASCADE.
func (Driver) Scratch(ctx context.Context, db *rx.DB, u *url.URL, name string) (*url.URL, func(context.Context) error, error) {
	q := db.Dialect().Quote(name)
	if _, err := db.Exec(ctx, "CREATE SCHEMA "+q); err != nil {
		return nil, nil, err
	}
	s := *u
	v := s.Query()
	v.Set("search_path", name)
	s.RawQuery = v.Encode()
	drop := func(ctx context.Context) error {
		_, err := db.Exec(ctx, "DROP SCHEMA IF EXISTS "+q+" CASCADE")
		return err
	}
	return &s, drop, nil
}
