package grade_test

import (
	"testing"

	"github.com/nodenucleus/nucleus/answer-key/09-crash-loop-backoff"
	"github.com/nodenucleus/nucleus/exercises/09-crash-loop-backoff/grade"
)

// TestSolution proves the teacher's solution passes the grader.
//
// Reference: kubelet.md §3.4 (pkg/kubelet/kuberuntime/kuberuntime_manager.go
// doBackOff) and §3.1 (initial 10s, MaxCrashLoopBackOff 300s).
func TestSolution(t *testing.T) {
	grade.Check(t, solution.Delay)
}
