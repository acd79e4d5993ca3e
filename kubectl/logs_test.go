package kubectl

import "testing"

func TestRuntimeID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"containerd://abc123", "abc123"},
		{"cri-o://x", "x"},
		{"bare", "bare"},
	}
	for _, tt := range tests {
		if got := RuntimeID(tt.in); got != tt.want {
			t.Errorf("RuntimeID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
