// Package solution is the teacher's answer to exercise 09: the kubelet's
// CrashLoopBackOff delays. Keep it away from the students.
package solution

import "time"

// The kubelet's crash-loop back-off (pkg/kubelet/kubelet.go).
const (
	initial = 10 * time.Second
	ceiling = 300 * time.Second
)

// Delay returns how long the kubelet waits, after the container's latest
// exit, before starting it again, when it has been restarted restarts
// times: 0, then 10s doubling to at most 300s.
func Delay(restarts int) time.Duration {
	if restarts <= 0 {
		return 0
	}
	d := initial
	for i := 1; i < restarts && d < ceiling; i++ {
		d *= 2
	}
	return min(d, ceiling)
}
