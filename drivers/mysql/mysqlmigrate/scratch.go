package mysqlmigrate

import (
	"context"
	"net/url"

	"github.com/rxgo/rxdb/rx"
)

// Scratch implements migrate.Scratcher: a database of the same server,
// created with the connection's user (it needs the CREATE privilege)
// and dropped with DROP DATABASE.
func (Driver) Scratch(ctx context.Context, db *rx.DB, u *url.URL, name string) (*url.URL, func(context.Context) error, error) {
	q := db.Dialect().Quote(name)
	if _, err := db.Exec(ctx, "CREATE DATABASE "+q+" CHARACTER SET utf8mb4"); err != nil {
		return nil, nil, err
	}
	s := *u
	s.Path, s.RawPath = "/"+name, ""
	drop := func(ctx context.Context) error {
		_, err := db.Exec(ctx, "DROP DATABASE IF EXISTS "+q)
		return err
	}
	return &s, drop, nil
}
