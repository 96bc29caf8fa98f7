//go:build unix

package sqlitemigrate

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// fileLock is an flock(2) lock on a file beside the database: released
// by the kernel if the process dies, so a crash leaves no stale lock.
type fileLock struct {
	path string
	f    *os.File
}

// lockWait bounds the wait for another process's migration.
const lockWait = 2 * time.Minute

func (l *fileLock) acquire() error {
	f, err := os.OpenFile(l.path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("sqlitemigrate: opening the lock file: %w", err)
	}
	deadline := time.Now().Add(lockWait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			l.f = f
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			f.Close()
			return fmt.Errorf("sqlitemigrate: locking %s: %w", l.path, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (l *fileLock) release() {
	if l.f != nil {
		syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
		l.f.Close()
		l.f = nil
	}
}
