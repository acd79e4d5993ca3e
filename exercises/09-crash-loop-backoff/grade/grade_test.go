//go:build grade

package grade_test

import (
	"testing"

	"github.com/nodenucleus/nucleus/exercises/09-crash-loop-backoff/grade"
	"github.com/nodenucleus/nucleus/exercises/09-crash-loop-backoff/starter"
)

// TestStarter grades your Delay in ../starter. Run it with:
//
//	go test -tags grade ./exercises/09-crash-loop-backoff/grade/
//
// Reference: kubelet.md §3.4 (pkg/kubelet/kuberuntime/kuberuntime_manager.go
// doBackOff) and §3.1 (initial 10s, MaxCrashLoopBackOff 300s).
func TestStarter(t *testing.T) {
	grade.Check(t, starter.Delay)
}
