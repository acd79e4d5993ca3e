package kubelet

import (
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/kubelet/prober"
)

// ProbeAnswer returns the answer of the latest attempt of one container's
// probe of the given kind, on the container's current instance, and
// whether there has been one: a probe whose initial delay has not passed
// has no answer yet. Kubernetes keeps no such record (only the Unhealthy
// events of failures); a scenario reads it to grade an exercise.
func (k *Kubelet) ProbeAnswer(podUID types.UID, container string, kind prober.Kind) (prober.Result, bool) {
	return k.probes.LastAnswer(string(podUID), container, kind)
}
