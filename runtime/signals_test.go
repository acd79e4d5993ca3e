package runtime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// Reference: proxy-and-runtime.md B4 (simulator rules: the stop signal, the
// program's own exit code, 143 for an unhandled SIGTERM, 137 after the
// grace period or at timeout 0).
func TestStopContainerBySignal(t *testing.T) {
	tests := []struct {
		name     string
		cfg      ContainerConfig
		grace    time.Duration
		code     int32
		reason   string
		took     time.Duration
		lastLine string
	}{
		{"nginx SIGQUIT graceful", ContainerConfig{Image: "nginx:1.27"}, 30 * time.Second, 0, "Completed", 0, "[notice] 1#1: exit"},
		{"httpd SIGWINCH graceful", ContainerConfig{Image: "httpd:2.4"}, 30 * time.Second, 0, "Completed", 100 * time.Millisecond, "AH00492: caught SIGWINCH, shutting down gracefully"},
		{"redis SIGTERM saves and exits", ContainerConfig{Image: "redis:7"}, 30 * time.Second, 0, "Completed", 10 * time.Millisecond, "Redis is now ready to exit, bye bye..."},
		{"pause SIGTERM", ContainerConfig{Image: "registry.k8s.io/pause:3.10"}, 30 * time.Second, 0, "Completed", 0, "Shutting down, got signal: Terminated"},
		{"etcd SIGTERM as PID 1", ContainerConfig{Image: "registry.k8s.io/etcd:3.5.1-0", Command: []string{"/usr/local/bin/etcd"}}, 30 * time.Second, 0, "Completed", 0, "shutting down"},
		{"agnhost liveness: Go default, PID 1", ContainerConfig{Image: "registry.k8s.io/e2e-test-images/agnhost:2.40", Args: []string{"liveness"}}, 30 * time.Second, 2, "Error", 0, ""},
		{"agnhost pause", ContainerConfig{Image: "registry.k8s.io/e2e-test-images/agnhost:2.40", Args: []string{"pause"}}, 30 * time.Second, 2, "Error", 0, "Paused"},
		{"busybox sleep ignores SIGTERM as PID 1", ContainerConfig{Image: "busybox", Command: []string{"sleep", "3600"}}, 30 * time.Second, 137, "Error", 30 * time.Second, ""},
		{"busybox trap TERM", ContainerConfig{Image: "busybox", Command: []string{"sh", "-c", "trap 'exit 0' TERM; sleep 3600"}}, 30 * time.Second, 0, "Completed", 0, ""},
		{"scripted image ignoring SIGTERM", ContainerConfig{Image: "example.com/stubborn"}, 5 * time.Second, 137, "Error", 5 * time.Second, ""},
		{"scripted image with a slow shutdown", ContainerConfig{Image: "example.com/polite"}, 30 * time.Second, 0, "Completed", 3 * time.Second, ""},
		{"shutdown slower than the grace period", ContainerConfig{Image: "example.com/polite"}, 2 * time.Second, 137, "Error", 2 * time.Second, ""},
		{"timeout 0 kills at once", ContainerConfig{Image: "nginx:1.27"}, 0, 137, "Error", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			_ = s.e.Catalog().Register("example.com/stubborn", 1*mB, Behaviour{})
			_ = s.e.Catalog().Register("example.com/polite", 1*mB, Behaviour{OnSIGTERM: SignalBehaviour{Exit: true, After: 3 * time.Second}})
			tt.cfg.Name = "c"
			id := s.run(tt.cfg)
			s.runFor(time.Second)
			took := s.stop(id, tt.grace)
			st := s.status(id)
			assert.Equal(t, tt.code, st.ExitCode, "exit code")
			assert.Equal(t, tt.reason, st.Reason, "reason")
			assert.Equal(t, tt.took, took, "stop took")
			if tt.lastLine != "" {
				logs, _ := s.e.Logs(id)
				if assert.NotEmpty(t, logs) {
					assert.Contains(t, logs[len(logs)-1].Text, tt.lastLine)
				}
			}
		})
	}
}

// Reference: proxy-and-runtime.md B1.1 (StopContainer and RemoveContainer
// are idempotent; ContainerStatus of a missing container is an error).
func TestStopAndRemoveAreIdempotent(t *testing.T) {
	s := newStore(t)
	id := s.run(ContainerConfig{Name: "p", Image: "registry.k8s.io/pause:3.10"})
	for i := range 3 {
		took := s.stop(id, 10*time.Second)
		assert.Equal(t, time.Duration(0), took, "StopContainer #%d took", i)
	}
	assert.Equal(t, ContainerExited, s.status(id).State)
	for i := range 2 {
		assert.NoError(t, s.e.RemoveContainer(id), "RemoveContainer #%d", i)
	}
	_, err := s.e.ContainerStatus(id)
	assert.Error(t, err, "ContainerStatus of a removed container")
	assert.NoError(t, s.e.StopPodSandbox(s.sb))
	assert.NoError(t, s.e.StopPodSandbox(s.sb))
	assert.NoError(t, s.e.RemovePodSandbox(s.sb))
	assert.NoError(t, s.e.RemovePodSandbox(s.sb))
}
