package runtime

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Reference: proxy-and-runtime.md B3.1 (ParseImageName: tag "latest" when
// the reference has neither tag nor digest; a port is not a tag) and the
// docker reference grammar (lowercase repository, non-empty tag, sha256
// digest of 64 hex digits).
func TestParseReference(t *testing.T) {
	digest := "sha256:" + strings.Repeat("ab", 32)
	tests := []struct {
		in, want string
		tag      string
		ok       bool
	}{
		{"nginx", "docker.io/library/nginx:latest", "latest", true},
		{"nginx:latest", "docker.io/library/nginx:latest", "latest", true},
		{"nginx:1.27", "docker.io/library/nginx:1.27", "1.27", true},
		{"registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10", "3.10", true},
		{"localhost:5000/app", "localhost:5000/app:latest", "latest", true},
		{"registry:5000/nginx", "registry:5000/nginx:latest", "latest", true},
		{"localhost/app", "localhost/app:latest", "latest", true},
		{"library/busybox:1.28", "docker.io/library/busybox:1.28", "1.28", true},
		{"repo@" + digest, "docker.io/library/repo@" + digest, "", true},
		{"nginx:latest@" + digest, "docker.io/library/nginx:latest@" + digest, "latest", true},
		{"registry.k8s.io/e2e-test-images/agnhost:2.40", "registry.k8s.io/e2e-test-images/agnhost:2.40", "2.40", true},
		{"Nginx", "", "", false},
		{"nginx:", "", "", false},
		{"", "", "", false},
		{" nginx", "", "", false},
		{"nginx ", "", "", false},
		{"ngi nx", "", "", false},
		{"nginx:.bad", "", "", false},
		{"repo@sha256:abc", "", "", false},
		{"repo@md5:" + strings.Repeat("ab", 32), "", "", false},
		{"a//b", "", "", false},
		{"-nginx", "", "", false},
	}
	for _, tt := range tests {
		r, err := ParseReference(tt.in)
		if !tt.ok {
			assert.Error(t, err, "ParseReference(%q) = %v, want an error", tt.in, r)
			continue
		}
		if assert.NoError(t, err, "ParseReference(%q)", tt.in) {
			assert.Equal(t, tt.want, r.String(), "ParseReference(%q).String()", tt.in)
			assert.Equal(t, tt.tag, r.Tag, "ParseReference(%q).Tag", tt.in)
		}
	}
}
