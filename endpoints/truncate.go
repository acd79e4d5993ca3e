//lint:file-ignore SA1019 v1 Endpoints is served on purpose

package endpoints

import (
	"math"

	corev1 "k8s.io/api/core/v1"
)

// MaxCapacity is the most addresses, ready and not, the controller
// keeps in one Endpoints; past it, it truncates and says so in the
// endpoints.kubernetes.io/over-capacity annotation.
// Reference: pkg/controller/endpoint/endpoints_controller.go (maxCapacity).
const MaxCapacity = 1000

// Truncated is the value of the over-capacity annotation on an
// Endpoints the controller truncated.
const Truncated = "truncated"

// truncate cuts subsets down to MaxCapacity addresses, ready ones first:
// when the ready addresses alone are over, every not-ready address goes
// and each subset keeps its share of the ready ones (rounded up, the
// last subsets taking what is left); otherwise every ready address stays
// and the not-ready ones are shared out in the same way. It reports
// whether it cut anything.
// Reference: pkg/controller/endpoint/endpoints_controller.go
// (truncateEndpoints, addressSubset).
func truncate(subsets []corev1.EndpointSubset) bool {
	ready, notReady := 0, 0
	for _, ss := range subsets {
		ready += len(ss.Addresses)
		notReady += len(ss.NotReadyAddresses)
	}
	if ready+notReady <= MaxCapacity {
		return false
	}
	cutReady := ready > MaxCapacity
	room, total := MaxCapacity-ready, notReady
	if cutReady {
		room, total = MaxCapacity, ready
	}
	left := room
	for i := range subsets {
		ss := &subsets[i]
		n := len(ss.NotReadyAddresses)
		if cutReady {
			n = len(ss.Addresses)
		}
		share := min(int(math.Ceil(float64(n)/float64(total)*float64(room))), left)
		if cutReady {
			ss.Addresses = ss.Addresses[:min(share, len(ss.Addresses))]
			ss.NotReadyAddresses = []corev1.EndpointAddress{}
			left -= len(ss.Addresses)
		} else {
			ss.NotReadyAddresses = ss.NotReadyAddresses[:min(share, len(ss.NotReadyAddresses))]
			left -= len(ss.NotReadyAddresses)
		}
	}
	return true
}
