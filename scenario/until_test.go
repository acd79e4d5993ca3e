package scenario

import (
	"os"
	"testing"
	"time"
)

func TestUntilKeepsTheExpectationsDueByThen(t *testing.T) {
	data, err := os.ReadFile("../scenarios/crash-loop.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Load("crash-loop.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	all := len(s.Spec.Expect)
	cp := s.Until(30*time.Second, true)
	if got := cp.Spec.Duration.D(); got != 30*time.Second {
		t.Errorf("Until(30s).Spec.Duration = %s, want 30s", got)
	}
	for _, e := range cp.Spec.Expect {
		if e.At.D() > 30*time.Second {
			t.Errorf("Until(30s) kept an expectation at %s", e.At)
		}
	}
	if len(cp.Spec.Expect) == 0 || len(cp.Spec.Expect) == all {
		t.Errorf("Until(30s) kept %d of %d expectations; the crash loop has some before and some after 30s", len(cp.Spec.Expect), all)
	}
	if len(s.Until(30*time.Second, false).Spec.Expect) != 0 {
		t.Error("Until(30s, false) kept expectations")
	}
	if len(s.Spec.Expect) != all || s.Spec.Duration.D() != 3*time.Minute {
		t.Error("Until changed the scenario it copied")
	}
}
