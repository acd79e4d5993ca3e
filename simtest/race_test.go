//go:build race

package simtest

// raceEnabled: the race detector makes every event about ten times
// slower, so a race build runs a smaller sample of days.
const raceEnabled = true
