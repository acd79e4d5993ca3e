package scenario

import "testing"

// FuzzLoad feeds Load arbitrary text, from a corpus of the example
// scenarios and hostile inputs: it must return a scenario or an error,
// never panic. Durations over 24h are refused, so whatever loads
// is bounded.
func FuzzLoad(f *testing.F) {
	addCorpus(f)
	f.Add([]byte(header + "  actions:\n  - at: 1s\n    kil: {}\n"))
	f.Add([]byte(header + "  expect:\n  - at: 1s\n    pod: web\n    restarts: {atLeast: 3, atMost: 1}\n"))
	f.Add([]byte(header + "  actions:\n  - at: 1s\n    applyFile: ../../etc/passwd\n"))
	f.Add([]byte(header + "---\n" + header))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Load("fuzz.yaml", data)
		if err != nil {
			return
		}
		if s.Spec.Duration.D() <= 0 || s.Spec.Duration.D() > maxDuration {
			t.Fatalf("Load accepted spec.duration %v", s.Spec.Duration)
		}
	})
}
