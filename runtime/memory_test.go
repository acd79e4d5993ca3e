package runtime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reference: proxy-and-runtime.md B4 (OOMKilled comes from the runtime's
// OOM event, with exit code 137 = 128+SIGKILL).
func TestOOMKilledExactlyAtTheCrossing(t *testing.T) {
	tests := []struct {
		name   string
		memory []MemoryStep
		limit  int64
		killAt time.Duration // 0: never
	}{
		{"steady under the limit", []MemoryStep{{Bytes: 50 * miB}}, 64 * miB, 0},
		{"exactly at the limit is allowed", []MemoryStep{{Bytes: 64 * miB}}, 64 * miB, 0},
		{"a step over the limit", []MemoryStep{{Bytes: 10 * miB}, {At: 5 * time.Second, Bytes: 65 * miB}}, 64 * miB, 5 * time.Second},
		{"leak of 1 MiB/s from 60 MiB crosses 64 MiB just after 4s", []MemoryStep{{Bytes: 60 * miB, PerSecond: miB}}, 64 * miB, 4*time.Second + time.Nanosecond},
		{"leak stopped in time", []MemoryStep{{Bytes: 60 * miB, PerSecond: miB}, {At: 3 * time.Second, Bytes: 63 * miB}}, 64 * miB, 0},
		{"no limit: never killed", []MemoryStep{{Bytes: 1 << 40}}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			require.NoError(t, s.e.Catalog().Register("example.com/app", mB, Behaviour{Memory: tt.memory}))
			id := s.run(ContainerConfig{Name: "app", Image: "example.com/app:1", MemoryLimit: tt.limit})
			start := s.loop.Now()
			s.runFor(time.Minute)
			st := s.status(id)
			if tt.killAt == 0 {
				assert.Equal(t, ContainerRunning, st.State, "state")
				return
			}
			assert.Equal(t, "OOMKilled", st.Reason)
			assert.Equal(t, int32(137), st.ExitCode)
			assert.Equal(t, tt.killAt, st.FinishedAt.Sub(start), "killed after")
		})
	}
}

// Reference: proxy-and-runtime.md B4 (OOMKilled, 137).
func TestMemoryUsageAndUseMemory(t *testing.T) {
	s := newStore(t)
	require.NoError(t, s.e.Catalog().Register("example.com/leak", mB, Behaviour{Memory: []MemoryStep{{Bytes: 10 * miB, PerSecond: miB}}}))
	id := s.run(ContainerConfig{Name: "app", Image: "example.com/leak", MemoryLimit: 100 * miB})
	s.runFor(5 * time.Second)
	assert.Equal(t, int64(15*miB), s.e.MemoryUsage(id), "MemoryUsage after 5s of 1 MiB/s from 10 MiB")
	require.NoError(t, s.e.UseMemory(id, 20*miB))
	s.runFor(10 * time.Second)
	assert.Equal(t, int64(20*miB), s.e.MemoryUsage(id), "UseMemory sets a steady use")
	require.NoError(t, s.e.UseMemory(id, 101*miB))
	st := s.status(id)
	assert.Equal(t, "OOMKilled", st.Reason)
	assert.Equal(t, int64(0), s.e.MemoryUsage(id), "an exited container uses no memory")
	assert.Error(t, s.e.UseMemory("nope", 1))
}

// The docs' memory example: stress allocating 150M under a 100Mi limit.
// Reference: proxy-and-runtime.md B4 (OOMKilled).
func TestStressOverItsLimit(t *testing.T) {
	s := newStore(t)
	id := s.run(ContainerConfig{Name: "memory-demo-2-ctr", Image: "polinux/stress", Command: []string{"stress"},
		Args: []string{"--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"}, MemoryLimit: 100 * miB})
	s.runFor(time.Second)
	st := s.status(id)
	assert.Equal(t, "OOMKilled", st.Reason)
	assert.Equal(t, int32(137), st.ExitCode)

	s2 := newStore(t)
	id = s2.run(ContainerConfig{Name: "memory-demo-ctr", Image: "polinux/stress", Command: []string{"stress"},
		Args: []string{"--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"}, MemoryLimit: 200 * miB})
	s2.runFor(time.Second)
	assert.Equal(t, ContainerRunning, s2.status(id).State)
	assert.Equal(t, int64(151*miB), s2.e.MemoryUsage(id))
}
