//go:build grade

package grade_test

import (
	"testing"

	"github.com/nodenucleus/nucleus/exercises/10-bin-packing/grade"
	"github.com/nodenucleus/nucleus/exercises/10-bin-packing/starter"
)

// TestStarter grades your Score in ../starter. Run it with:
//
//	go test -tags grade ./exercises/10-bin-packing/grade/
//
// Reference: kube-scheduler's NodeResourcesFit MostAllocated strategy
// (pkg/scheduler/framework/plugins/noderesources/most_allocated.go).
func TestStarter(t *testing.T) {
	grade.Check(t, starter.Score)
}
