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
