package gctune

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// TestUserSettingsWin: GOGC or GOMEMLIMIT in the environment leaves the
// collector as the runtime set it from them. Reference:
// https://pkg.go.dev/runtime#hdr-Environment_Variables (GOGC, GOMEMLIMIT).
func TestUserSettingsWin(t *testing.T) {
	for _, vars := range []map[string]string{{"GOGC": "off"}, {"GOMEMLIMIT": "1GiB"}, {"GOGC": "50", "GOMEMLIMIT": "2GiB"}} {
		_, _, ok := Settings(env(vars))
		assert.False(t, ok, "%v", vars)
		before := debug.SetGCPercent(123)
		Apply(env(vars))()
		assert.Equal(t, 123, debug.SetGCPercent(before), "%v: GOGC untouched", vars)
	}
}

// TestApplySetsPercentAndLimit: without the user's settings, Apply raises
// GOGC to 400 and sets a soft limit of 3 GiB.
func TestApplySetsPercentAndLimit(t *testing.T) {
	percent, limit, ok := Settings(env(map[string]string{"GOGC": ""}))
	assert.True(t, ok)
	assert.Equal(t, 400, percent)
	assert.Equal(t, int64(3<<30), limit)

	oldPercent := debug.SetGCPercent(100)
	oldLimit := debug.SetMemoryLimit(1 << 40)
	defer func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}()
	undo := Apply(env(nil))
	assert.Equal(t, 400, debug.SetGCPercent(400), "GOGC after Apply")
	assert.Equal(t, int64(3<<30), debug.SetMemoryLimit(-1), "GOMEMLIMIT after Apply")
	undo()
	assert.Equal(t, 100, debug.SetGCPercent(100), "GOGC after undo")
	assert.Equal(t, int64(1<<40), debug.SetMemoryLimit(-1), "GOMEMLIMIT after undo")
}
