// Package solution is the teacher's answer to exercise 10: the
// scheduler's MostAllocated score. Keep it away from the students.
package solution

import "github.com/nodenucleus/nucleus/scheduler"

// Score returns the MostAllocated score, 0 to 100: for cpu and memory,
// the share of allocatable that is requested (at most all of it), each
// rounded down, averaged over the resources the node has, rounded down.
func Score(requested, allocatable scheduler.Resources) int64 {
	pairs := [][2]int64{
		{requested.MilliCPU, allocatable.MilliCPU},
		{requested.Memory, allocatable.Memory},
	}
	var sum, counted int64
	for _, p := range pairs {
		if p[1] == 0 {
			continue
		}
		sum += min(p[0], p[1]) * scheduler.MaxNodeScore / p[1]
		counted++
	}
	if counted == 0 {
		return 0
	}
	return sum / counted
}
