//go:build !race

package rx_test

const raceEnabled = false
