//go:build race

package rx_test

// raceEnabled scales the load test down under the race detector, which
// slows the pure-Go SQLite engine about twentyfold: the detector needs the
// concurrency, not the volume.
const raceEnabled = true
