package runtime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/sim"
)

// store is a test's engine with a ready sandbox.
type store struct {
	t    testing.TB
	loop *sim.Loop
	e    *Engine
	sb   string
}

func newStore(t testing.TB) *store { return newStoreWith(t, Config{}) }

// newStoreWith is newStore with an engine configured by cfg.
func newStoreWith(t testing.TB, cfg Config) *store {
	t.Helper()
	loop := sim.New(1)
	cfg.Store, cfg.PodCIDR = "store-1", "10.244.1.0/24"
	e, err := New(loop, cfg)
	require.NoError(t, err)
	sb, err := e.RunPodSandbox(SandboxConfig{Name: "web", Namespace: "default", UID: "uid-1"})
	require.NoError(t, err)
	return &store{t: t, loop: loop, e: e, sb: sb}
}

// pull pulls an image and runs the loop until the pull is over.
func (s *store) pull(ref string) {
	s.t.Helper()
	var err error
	done := false
	s.e.PullImage(ref, func(_ string, _ int64, e error) { err, done = e, true })
	for !done && s.loop.Step() {
	}
	require.NoError(s.t, err, "PullImage(%q)", ref)
}

// run pulls the image, creates and starts a container and returns its id.
func (s *store) run(cfg ContainerConfig) string {
	s.t.Helper()
	s.pull(cfg.Image)
	id, err := s.e.CreateContainer(s.sb, cfg)
	require.NoError(s.t, err)
	require.NoError(s.t, s.e.StartContainer(id))
	return id
}

func (s *store) status(id string) ContainerStatus {
	s.t.Helper()
	st, err := s.e.ContainerStatus(id)
	require.NoError(s.t, err)
	return st
}

func (s *store) ip() string {
	st, _ := s.e.PodSandboxStatus(s.sb)
	return st.IP
}

// runFor advances virtual time by d.
func (s *store) runFor(d time.Duration) { s.loop.RunFor(d) }

// exec runs ExecSync and the loop until it answers.
func (s *store) exec(id string, timeout time.Duration, cmd ...string) ExecResult {
	s.t.Helper()
	var r ExecResult
	done := false
	s.e.ExecSync(id, cmd, timeout, func(x ExecResult) { r, done = x, true })
	for !done && s.loop.Step() {
	}
	require.True(s.t, done, "ExecSync %v never answered", cmd)
	return r
}

// stop stops a container with a grace period and returns how long it took.
func (s *store) stop(id string, grace time.Duration) time.Duration {
	s.t.Helper()
	start := s.loop.Now()
	done := false
	require.NoError(s.t, s.e.StopContainer(id, grace, func() { done = true }))
	for !done && s.loop.Step() {
	}
	require.True(s.t, done, "StopContainer never finished")
	return s.loop.Now().Sub(start)
}

// usage returns the CPU a container has used, in core-nanoseconds.
func (s *store) usage(id string) uint64 {
	s.t.Helper()
	st, err := s.e.ContainerStats(id)
	require.NoError(s.t, err)
	return st.UsageCoreNanoSeconds
}
