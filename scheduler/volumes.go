package scheduler

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// ReasonVolumeNodeAffinity is the VolumeBinding filter's reason for a node
// that a bound volume's node affinity excludes
// (volumebinding/binder.go ErrReasonNodeConflict).
const ReasonVolumeNodeAffinity = "node(s) had volume node affinity conflict"

// VolumeLister tells the VolumeBinding filter which persistent volumes the
// claims of a pod are bound to.
type VolumeLister interface {
	BoundVolumes(pod *corev1.Pod) []*corev1.PersistentVolume
}

// volumeAffinity is one bound volume's required node affinity: its terms
// are ORed, and an empty list matches no node.
type volumeAffinity []nodeTerm

// parseVolumeAffinities parses the required node affinity of each volume
// that has one (a volume without one fits every node). A malformed one is
// an error naming the volume's field.
func parseVolumeAffinities(volumes []*corev1.PersistentVolume) ([]volumeAffinity, error) {
	var out []volumeAffinity
	for _, v := range volumes {
		if v.Spec.NodeAffinity == nil || v.Spec.NodeAffinity.Required == nil {
			continue
		}
		path := field.NewPath("persistentvolume", v.Name, "spec", "nodeAffinity", "required", "nodeSelectorTerms")
		var a volumeAffinity
		var errs field.ErrorList
		for i, t := range v.Spec.NodeAffinity.Required.NodeSelectorTerms {
			term, termErrs := parseTerm(t, path.Index(i))
			errs = append(errs, termErrs...)
			if term != nil {
				a = append(a, *term)
			}
		}
		if len(errs) > 0 {
			return nil, errs.ToAggregate()
		}
		out = append(out, a)
	}
	return out, nil
}

// filterVolumes rejects a node that the node affinity of a volume bound to
// the pod's claims excludes (a local volume lives on one node): no
// preemption can change that.
// Reference: pkg/scheduler/framework/plugins/volumebinding/binder.go
// (FindPodVolumes, checkBoundClaims: volume.CheckNodeAffinity).
func filterVolumes(c *cycle, n NodeInfo) *status {
	set := labels.Set(n.Node.Labels)
	for _, a := range c.volumes {
		matched := false
		for _, t := range a {
			if t.matches(n.Node.Name, set) {
				matched = true
				break
			}
		}
		if !matched {
			return &status{code: unschedulableAndUnresolvable, reasons: []string{ReasonVolumeNodeAffinity}}
		}
	}
	return nil
}
