package runtime

import (
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedPIDStore is a store whose sandbox shares one PID namespace
// (shareProcessNamespace), with two busybox containers sleeping in it.
func sharedPIDStore(t *testing.T) (s *store, ids []string) {
	s = newStore(t)
	sb, err := s.e.RunPodSandbox(SandboxConfig{Name: "shared", Namespace: "default", UID: "u2", SharePID: true})
	require.NoError(t, err)
	s.sb = sb
	for _, name := range []string{"one", "two"} {
		ids = append(ids, s.run(ContainerConfig{Name: name, Image: "busybox:1.36", Command: []string{"sleep", "3600"}}))
	}
	return s, ids
}

// Reference: kubernetes build/pause/linux/pause.c (sigdown: SIGINT and
// SIGTERM make pause exit) and
// https://man7.org/linux/man-pages/man7/pid_namespaces.7.html ("If the
// init process of a PID namespace terminates, the kernel terminates all
// of the processes in the namespace via a SIGKILL signal"): `kill 1` from
// a container of a pod that shares its PID namespace ends pause, every
// container (137), and the sandbox, which containerd then reports
// SANDBOX_NOTREADY. Its address stays taken until StopPodSandbox tears
// the network down.
func TestKillingPauseEndsTheSandbox(t *testing.T) {
	s, ids := sharedPIDStore(t)
	ip := s.ip()
	res := s.exec(ids[0], 0, "kill", "1")
	require.Equal(t, 0, res.ExitCode, res.Stderr)
	s.runFor(time.Second)
	for _, id := range ids {
		st := s.status(id)
		assert.Equal(t, ContainerExited, st.State, st.Name)
		assert.Equal(t, int32(137), st.ExitCode, "%s: SIGKILL from the kernel", st.Name)
		assert.Equal(t, "Error", st.Reason, st.Name)
	}
	sb, err := s.e.PodSandboxStatus(s.sb)
	require.NoError(t, err)
	assert.Equal(t, SandboxNotReady, sb.State)
	addr := netip.MustParseAddr(ip)
	assert.True(t, s.e.ipam.used[addr], "the address is kept until the stop")
	require.NoError(t, s.e.StopPodSandbox(s.sb))
	assert.False(t, s.e.ipam.used[addr], "the stopped sandbox's address is free again")
}

// A SIGKILL or SIGHUP sent to pause from inside its namespace does
// nothing: the kernel delivers to a namespace's init only the signals it
// handles, and pause handles SIGINT, SIGTERM and SIGCHLD.
// Reference: https://man7.org/linux/man-pages/man7/pid_namespaces.7.html
// and build/pause/linux/pause.c.
func TestPauseIgnoresOtherSignals(t *testing.T) {
	s, ids := sharedPIDStore(t)
	for _, sig := range []string{"-9", "-HUP"} {
		res := s.exec(ids[0], 0, "kill", sig, "1")
		require.Equal(t, 0, res.ExitCode, res.Stderr)
	}
	s.runFor(time.Second)
	sb, _ := s.e.PodSandboxStatus(s.sb)
	assert.Equal(t, SandboxReady, sb.State)
	assert.Equal(t, ContainerRunning, s.status(ids[1]).State)
}
