//go:build !unix

package sqlitemigrate

// fileLock is a no-op where flock(2) is missing: golang-migrate's
// in-process lock still serializes migrations within one process.
type fileLock struct{ path string }

func (*fileLock) acquire() error { return nil }
func (*fileLock) release()       {}
