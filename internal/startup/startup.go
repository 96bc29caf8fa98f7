// Package startup connects rx.Open to the schema check of package migrate
// without either importing the other's internals: migrate's init installs
// the check, rx.Open runs it. rx cannot import migrate (migrate imports
// rx), and the hook is no API for applications, so it lives here.
package startup

import (
	"context"
	"log/slog"
	"sync/atomic"
)

// SchemaCheck compares an opened database with its migrations and the
// registered models and logs what needs doing through logger; it only
// reads. db is the *rx.DB that rx.Open is returning and cfg its
// rx.Config: typed as any because this package sits below rx.
type SchemaCheck func(ctx context.Context, db, cfg any, logger *slog.Logger)

var check atomic.Pointer[SchemaCheck]

// SetSchemaCheck installs fn; package migrate calls it from init.
func SetSchemaCheck(fn SchemaCheck) { check.Store(&fn) }

// Check returns the installed schema check, or nil when the program does
// not link package migrate.
func Check() SchemaCheck {
	if p := check.Load(); p != nil {
		return *p
	}
	return nil
}
