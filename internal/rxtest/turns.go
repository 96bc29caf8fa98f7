package rxtest

import (
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
)

// Turns is a TCP proxy in front of a database server that counts round
// trips: the client speaking after the server answered is one. Tests
// assert a statement's round trips with it (counts, never timings);
// bench/ reports them per operation.
type Turns struct {
	ln    net.Listener
	turns atomic.Int64
}

// CountTurns starts a Turns proxy in front of the server rawURL names and
// returns it with rawURL pointed at it; it stops at t's cleanup.
func CountTurns(t testing.TB, rawURL string) (*Turns, string) {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Turns{ln: ln}
	target := u.Host
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c, target)
		}
	}()
	t.Cleanup(func() { ln.Close() })
	u.Host = ln.Addr().String()
	return p, u.String()
}

// N is the number of round trips so far.
func (p *Turns) N() int64 { return p.turns.Load() }

func (p *Turns) serve(client net.Conn, target string) {
	server, err := net.Dial("tcp", target)
	if err != nil {
		client.Close()
		return
	}
	var mu sync.Mutex
	serverSpoke := false
	pipe := func(dst, src net.Conn, fromClient bool) {
		buf := make([]byte, 64<<10)
		for {
			n, err := src.Read(buf)
			if n > 0 {
				mu.Lock()
				if fromClient && serverSpoke {
					p.turns.Add(1)
				}
				serverSpoke = !fromClient
				mu.Unlock()
				if _, werr := dst.Write(buf[:n]); werr != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
		dst.Close()
		src.Close()
	}
	go pipe(server, client, true)
	pipe(client, server, false)
}
