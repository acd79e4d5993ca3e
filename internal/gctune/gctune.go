// Package gctune sets the garbage collector up for large simulations, as
// operators of real servers tune GOGC and GOMEMLIMIT: Kubernetes' largest
// cluster keeps about 2 GB of objects alive, and with Go's default
// (GOGC=100) the collector runs again each time the heap grows by what is
// live, so it ends up running most of the time.
//
// [Apply] lets the heap grow to five times what is live (GOGC=400) under a
// soft limit of 3 GiB (GOMEMLIMIT): a small run collects rarely, a large one
// collects when it nears the limit, and the process stays under 4 GiB. A
// GOGC or GOMEMLIMIT the user sets in the environment wins: Apply leaves
// the collector alone when either is set.
package gctune

import "runtime/debug"

// The settings Apply makes.
const (
	Percent     = 400     // GOGC
	MemoryLimit = 3 << 30 // GOMEMLIMIT, bytes
)

// Settings returns what Apply would set given the environment getenv
// reads, and false when the user set GOGC or GOMEMLIMIT (an empty value
// counts as unset, as the Go runtime reads it).
func Settings(getenv func(string) string) (percent int, limit int64, ok bool) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return 0, 0, false
	}
	return Percent, MemoryLimit, true
}

// Apply sets the collector up as Settings says, and returns a function
// that puts back what was there before (for a benchmark; a command leaves
// it). It changes nothing, and returns a function that does nothing, when
// the user set GOGC or GOMEMLIMIT.
func Apply(getenv func(string) string) (undo func()) {
	percent, limit, ok := Settings(getenv)
	if !ok {
		return func() {}
	}
	oldPercent := debug.SetGCPercent(percent)
	oldLimit := debug.SetMemoryLimit(limit)
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}
