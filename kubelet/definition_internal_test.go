package kubelet

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/runtime"
)

// TestDefinitionChanged: a running container made from the image its spec
// names, however the spec writes it, is unchanged; another image is a
// changed definition, which the kubelet restarts.
// Reference: pkg/kubelet/kuberuntime/kuberuntime_manager.go
// (computePodActions, containerChanged).
func TestDefinitionChanged(t *testing.T) {
	tests := []struct {
		spec, running string
		changed       bool
	}{
		{"nginx:1.27", "docker.io/library/nginx:1.27", false},
		{"nginx", "docker.io/library/nginx:latest", false},
		{"docker.io/library/nginx:1.27", "docker.io/library/nginx:1.27", false},
		{"registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10", false},
		{"nginx:1.28", "docker.io/library/nginx:1.27", true},
		{"nginx", "docker.io/library/nginx2:latest", true},
		{"other/nginx:1.27", "docker.io/library/nginx:1.27", true},
	}
	for _, tt := range tests {
		got := definitionChanged(&corev1.Container{Image: tt.spec}, &runtime.ContainerStatus{Image: tt.running})
		assert.Equal(t, tt.changed, got, "%s running %s", tt.spec, tt.running)
	}
}
