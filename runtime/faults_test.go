package runtime

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type pullResult struct {
	took time.Duration
	err  error
}

func pullOnce(s *store, ref string) pullResult {
	start := s.loop.Now()
	var r pullResult
	done := false
	s.e.PullImage(ref, func(_ string, _ int64, err error) { r.err, done = err, true })
	for !done && s.loop.Step() {
	}
	r.took = s.loop.Now().Sub(start)
	return r
}

// Reference: proxy-and-runtime.md B3.3 (PullImage fails: ErrImagePull; the
// image absent from the registry); pull time = latency + size/bandwidth.
func TestPulls(t *testing.T) {
	s := newStore(t)
	// nginx: 72 MB at 50 MB/s = 1.44s, plus 200ms to reach the registry.
	r := pullOnce(s, "nginx:1.27")
	assert.NoError(t, r.err)
	assert.Equal(t, 1640*time.Millisecond, r.took, "nginx pull took")

	r = pullOnce(s, "example.com/missing:1")
	assert.ErrorContains(t, r.err, "not found")
	assert.Equal(t, 200*time.Millisecond, r.took)

	require.NoError(t, s.e.FailPulls("nginx", 2))
	for i := range 2 {
		r = pullOnce(s, "nginx:1.27")
		assert.ErrorContains(t, r.err, "503 Service Unavailable", "pull #%d", i)
	}
	assert.NoError(t, pullOnce(s, "nginx:1.26").err, "the third pull succeeds")

	s.e.SlowPulls(2)
	r = pullOnce(s, "nginx:1.27")
	assert.Equal(t, 3080*time.Millisecond, r.took, "twice as slow")
	assert.Error(t, s.e.FailPulls("Bad", 1))
	assert.Panics(t, func() { s.e.SlowPulls(0) })

	// A slowdown whose pull time would overflow a Duration is clamped.
	s.e.SlowPulls(math.MaxFloat64)
	assert.Equal(t, maxPullTime, s.e.pullTime(1<<20), "the slowest pull")
	s.e.SlowPulls(math.Inf(1))
	assert.Equal(t, maxPullTime, s.e.pullTime(1), "an infinite slowdown")
}

// Reference: proxy-and-runtime.md B4 (StartError, exit code 128).
func TestFailStartsAndCrash(t *testing.T) {
	s := newStore(t)
	s.pull("nginx:1.27")
	s.e.FailStarts("web", 1)
	id, err := s.e.CreateContainer(s.sb, ContainerConfig{Name: "web", Image: "nginx:1.27"})
	require.NoError(t, err)
	assert.Error(t, s.e.StartContainer(id))
	st := s.status(id)
	assert.Equal(t, "StartError", st.Reason)
	assert.Equal(t, int32(128), st.ExitCode)

	id2, _ := s.e.CreateContainer(s.sb, ContainerConfig{Name: "web", Image: "nginx:1.27", Attempt: 1})
	require.NoError(t, s.e.StartContainer(id2), "the second start succeeds")
	require.NoError(t, s.e.Crash(id2, 0))
	assert.Equal(t, "Completed", s.status(id2).Reason)
	assert.Error(t, s.e.Crash("nope", 1))
	assert.Error(t, s.e.Crash(id2, 300))

	id3, _ := s.e.CreateContainer(s.sb, ContainerConfig{Name: "x", Image: "nginx:1.27", Command: []string{"nope"}})
	assert.Error(t, s.e.StartContainer(id3), "a command the image lacks")
	assert.Equal(t, "StartError", s.status(id3).Reason)
}

// Logs stay with each instance until it is removed, so the previous
// instance's log can be shown after a restart.
// Reference: proxy-and-runtime.md B1.3 (ContainerStatus log_path).
func TestLogsOfEachInstance(t *testing.T) {
	s := newStore(t)
	require.NoError(t, s.e.Catalog().Register("example.com/job", mB, Behaviour{
		Logs:      []LogStep{{Text: "starting"}, {At: 2 * time.Second, Stream: "stderr", Text: "boom"}},
		ExitAfter: 2 * time.Second, ExitCode: 1,
	}))
	first := s.run(ContainerConfig{Name: "job", Image: "example.com/job"})
	s.runFor(3 * time.Second)
	second := s.run(ContainerConfig{Name: "job", Image: "example.com/job", Attempt: 1})
	st := s.status(first)
	assert.Equal(t, "Error", st.Reason)
	assert.Equal(t, int32(1), st.ExitCode)
	logs, err := s.e.Logs(first)
	require.NoError(t, err)
	require.Len(t, logs, 2)
	assert.Equal(t, LogLine{Time: st.StartedAt.Add(2 * time.Second), Stream: "stderr", Text: "boom"}, logs[1])
	now, _ := s.e.Logs(second)
	assert.Len(t, now, 1, "the new instance has its own log")
}
