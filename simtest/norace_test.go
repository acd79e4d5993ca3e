//go:build !race

package simtest

// raceEnabled: see race_test.go.
const raceEnabled = false
