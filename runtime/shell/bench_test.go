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

// BenchmarkCountingLoop runs a loop whose every turn must run (its test
// reads the counter): 10,000 turns, 30,003 steps of 1 µs of CPU each.
func BenchmarkCountingLoop(b *testing.B) {
	h := newFakeHost()
	argv := []string{"sh", "-c", "i=0; while [ $i -lt 10000 ]; do i=$((i+1)); done"}
	b.ReportAllocs()
	for b.Loop() {
		p := Start(argv, nil, h)
		for !p.Run().Exited {
		}
	}
}
