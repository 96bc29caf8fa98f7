package rx

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestWriteGateQueuesWaitsAndGivesWay(t *testing.T) {
	g := &writeGate{slot: make(chan struct{}, 1), patience: 50 * time.Millisecond}
	held, err := g.enter(context.Background())
	if !held || err != nil {
		t.Fatalf("first writer: held %v, %v", held, err)
	}
	// The next writer waits its turn and gets it as soon as the first leaves.
	got := make(chan bool)
	g.patience = time.Minute
	go func() {
		h, _ := g.enter(context.Background())
		got <- h
	}()
	time.Sleep(10 * time.Millisecond)
	g.leave(true)
	if !<-got {
		t.Fatal("the waiting writer did not get the gate when the first left")
	}
	// A cancelled context ends the wait with its error.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if held, err := g.enter(ctx); held || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled wait: held %v, %v", held, err)
	}
	// Past its patience a writer goes on without the gate, so a write
	// nested in a session that holds it cannot wait for ever.
	g.patience = 20 * time.Millisecond
	if held, err := g.enter(context.Background()); held || err != nil {
		t.Fatalf("impatient writer: held %v, %v; want to go ahead without the gate", held, err)
	}
	g.leave(true)
	var none *writeGate
	if held, err := none.enter(context.Background()); held || err != nil {
		t.Fatalf("no gate: held %v, %v", held, err)
	}
	none.leave(false)
}

// A session's goroutine that writes again meets ErrWriteInSession at
// once; another goroutine waits its turn as before.
func TestWriteGateKnowsTheSessionGoroutine(t *testing.T) {
	g := &writeGate{slot: make(chan struct{}, 1), patience: time.Minute}
	held, err := g.enterSession(context.Background())
	if !held || err != nil {
		t.Fatalf("session: held %v, %v", held, err)
	}
	start := time.Now()
	if held, err := g.enter(context.Background()); held || !errors.Is(err, ErrWriteInSession) || time.Since(start) > time.Second {
		t.Fatalf("statement on the session's goroutine: held %v, %v after %s; want ErrWriteInSession at once", held, err, time.Since(start))
	}
	if held, err := g.enterSession(context.Background()); held || !errors.Is(err, ErrWriteInSession) {
		t.Fatalf("second session on the same goroutine: held %v, %v; want ErrWriteInSession", held, err)
	}
	got := make(chan error)
	go func() {
		h, err := g.enter(context.Background())
		g.leave(h)
		got <- err
	}()
	select {
	case err := <-got:
		t.Fatalf("another goroutine did not wait for the session: %v", err)
	case <-time.After(20 * time.Millisecond):
	}
	g.leave(true)
	if err := <-got; err != nil {
		t.Fatalf("another goroutine after the session: %v", err)
	}
	// A statement holds the gate without a goroutine: nobody is refused.
	held, _ = g.enter(context.Background())
	if g.holder.Load() != 0 {
		t.Fatal("a statement recorded a holder")
	}
	g.leave(held)
	if a, b := goroutineID(), goroutineID(); a == 0 || a != b {
		t.Fatalf("goroutineID = %d, then %d", a, b)
	}
}

// panicOnInsert is a hook that panics before an INSERT.
type panicOnInsert struct{}

func (panicOnInsert) BeforeQuery(ctx context.Context, ev *QueryEvent) context.Context {
	if len(ev.Query) > 6 && ev.Query[:6] == "INSERT" {
		panic("hook: boom")
	}
	return ctx
}
func (panicOnInsert) AfterQuery(context.Context, *QueryEvent) {}

type gateRow struct {
	ID   int64 `rx:"pk,autoincrement"`
	Name string
}

// A panic while an INSERT ... RETURNING is sent (here a hook's) lets the
// SQLite write gate go: before, it stayed held, and every later writer
// waited out its patience.
func TestWriteGateLetGoAfterAPanicInReturning(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, Config{DBURL: "sqlite:///" + t.TempDir() + "/gate.db", IgnoreEnv: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateAll(ctx, &gateRow{}); err != nil {
		t.Fatal(err)
	}
	if db.writes == nil {
		t.Fatal("no write gate on SQLite")
	}
	db.AddQueryHook(panicOnInsert{})
	func() {
		defer func() {
			if r := recover(); r != "hook: boom" {
				t.Fatalf("recovered %v", r)
			}
		}()
		_, _ = Insert(db, &gateRow{Name: "a"}, &gateRow{Name: "b"}).Exec(ctx)
	}()
	if n := len(db.writes.slot); n != 0 {
		t.Fatalf("the write gate is still held after the panic (%d in its slot)", n)
	}
}
