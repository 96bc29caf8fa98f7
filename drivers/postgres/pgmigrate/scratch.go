package pgmigrate

import (
	"context"
	"net/url"
	"time"

	"github.com/rxgo/rxdb/dialect"
	"github.com/rxgo/rxdb/rx"
)

// Scratch implements migrate.Scratcher: a schema of the same database
// (creating a schema needs less than creating a database, and sees the
// same extensions), reached through search_path and dropped with
// CASCADE. A pooler that refuses search_path as a start-up parameter
// (PgBouncer: 08P01) gets a scratch database instead.
func (Driver) Scratch(ctx context.Context, db *rx.DB, u *url.URL, name string) (*url.URL, func(context.Context) error, error) {
	q := db.Dialect().Quote(name)
	if _, err := db.Exec(ctx, "CREATE SCHEMA "+q); err != nil {
		return nil, nil, err
	}
	s := *u
	v := s.Query()
	v.Set("search_path", name)
	s.RawQuery = v.Encode()
	dropSchema := func(ctx context.Context) error {
		_, err := db.Exec(ctx, "DROP SCHEMA IF EXISTS "+q+" CASCADE")
		return err
	}
	err := reachable(ctx, s.String())
	if err == nil {
		return &s, dropSchema, nil
	}
	if c, ok := dialect.ServerCodeOf(err); dropSchema(ctx) != nil || !ok || c.SQLState != "08P01" { // protocol_violation: a refused start-up parameter
		return nil, nil, err
	}
	return scratchDatabase(ctx, db, u, name)
}

// scratchDatabase is Scratch's fallback behind a pooler: an empty database
// of the same name, which the pooler must let through (PgBouncer's
// "* =" entry), dropped WITH (FORCE) since the pooler keeps server
// connections to it open.
func scratchDatabase(ctx context.Context, db *rx.DB, u *url.URL, name string) (*url.URL, func(context.Context) error, error) {
	q := db.Dialect().Quote(name)
	if _, err := db.Exec(ctx, "CREATE DATABASE "+q); err != nil {
		return nil, nil, err
	}
	s := *u
	s.Path = "/" + name
	drop := func(ctx context.Context) error {
		_, err := db.Exec(ctx, "DROP DATABASE IF EXISTS "+q+" WITH (FORCE)")
		return err
	}
	if err := reachable(ctx, s.String()); err != nil {
		drop(ctx)
		return nil, nil, err
	}
	return &s, drop, nil
}

// reachable opens u once and pings it.
func reachable(ctx context.Context, u string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	sdb, err := rx.Open(ctx, rx.Config{DBURL: u, IgnoreEnv: true})
	if err != nil {
		return err
	}
	defer sdb.Close()
	return sdb.SQL().PingContext(ctx)
}
