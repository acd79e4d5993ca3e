package shell

import "testing"

// BenchmarkLivenessScript parses and runs the liveness-probe example script
// through all its Steps.
func BenchmarkLivenessScript(b *testing.B) {
	h := newFakeHost()
	argv := []string{"sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"}
	b.ReportAllocs()
	for b.Loop() {
		p := Start(argv, nil, h)
		for !p.Run().Exited {
		}
	}
}
