package shell

import (
	"testing"
	"time"
)

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

// BenchmarkEchoLoop runs a loop that logs a line every turn, which must
// run turn by turn: 10 ms of CPU, about 3,333 lines.
func BenchmarkEchoLoop(b *testing.B) {
	h := newFakeHost()
	argv := []string{"sh", "-c", "while true; do echo hello; done"}
	b.ReportAllocs()
	for b.Loop() {
		h.lines = h.lines[:0]
		p := Start(argv, nil, h)
		p.SetBudget(10 * time.Millisecond)
		for p.Run().CPU < 10*time.Millisecond && !p.yieldNow {
		}
	}
}

// BenchmarkSedPipeline runs the text utilities over 1,000 lines: seq, a
// sed substitution with a group, head and wc.
func BenchmarkSedPipeline(b *testing.B) {
	h := newFakeHost()
	argv := []string{"sh", "-c", `seq 1000 | sed 's/\([0-9]\)$/<\1>/g' | head -n 500 | wc -l`}
	b.ReportAllocs()
	for b.Loop() {
		p := Start(argv, nil, h)
		for !p.Run().Exited {
		}
	}
}
