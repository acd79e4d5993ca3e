package pod

import (
	"testing"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
)

func TestIsExtendedResource(t *testing.T) {
	// Reference: pkg/apis/core/v1/helper/helpers.go (IsExtendedResourceName,
	// IsNativeResource): a name with a domain outside kubernetes.io that is
	// not a quota "requests." name.
	tests := map[corev1.ResourceName]bool{
		"cpu": false, "memory": false, "hugepages-2Mi": false,
		"kubernetes.io/something": false, "requests.example.com/dongle": false,
		"example.com/dongle": true, "nvidia.com/gpu": true,
	}
	for name, want := range tests {
		require.Equal(t, want, IsExtendedResource(string(name)), "IsExtendedResource(%q)", name)
	}
}
