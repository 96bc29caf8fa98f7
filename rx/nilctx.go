package rx

import (
	"context"
	"errors"
)

// ErrNilContext is returned, before anything reaches the pool, by every
// call that takes a context and was given nil. database/sql panics on a
// nil context while it holds the pool's lock; after a recover (an HTTP
// server's) every later query, and Close, would wait for that lock for
// ever.
var ErrNilContext = errors.New("rx: nil context.Context: pass context.Background() (or the request's context), never nil")

// ErrNilCallback is returned by WithSession given a nil callback.
var ErrNilCallback = errors.New("rx: WithSession needs a callback func(*rx.Session) error, got nil")

// checkCtx is the nil-context check every entry point makes first.
func checkCtx(ctx context.Context) error {
	if ctx == nil {
		return ErrNilContext
	}
	return nil
}
