package controller

import (
	"cmp"
	"math"
	"slices"

	appsv1 "k8s.io/api/apps/v1"
)

// scale resizes d's ReplicaSets after spec.replicas changed (sync.go
// scale): a single active ReplicaSet (or, with none, the newest) takes the
// whole count; a saturated new ReplicaSet means the old ones go to 0;
// otherwise, under RollingUpdate, the change is shared out over the active
// ReplicaSets in proportion to their size (proportional scaling).
func (c *DeploymentController) scale(d *appsv1.Deployment, newRS *appsv1.ReplicaSet, old []*appsv1.ReplicaSet) error {
	if rs := activeOrLatest(newRS, old); rs != nil {
		if *rs.Spec.Replicas == *d.Spec.Replicas {
			return nil
		}
		_, _, err := c.scaleReplicaSet(d, rs, *d.Spec.Replicas)
		return err
	}
	if isSaturated(d, newRS) {
		for _, rs := range activeOnly(old) {
			if _, _, err := c.scaleReplicaSet(d, rs, 0); err != nil {
				return err
			}
		}
		return nil
	}
	if !isRollingUpdate(d) {
		return nil
	}
	active := activeOnly(append(slices.Clone(old), newRS))
	allowed := int32(0)
	if *d.Spec.Replicas > 0 {
		allowed = addReplicas(*d.Spec.Replicas, maxSurge(d))
	}
	toAdd := allowed - specReplicas(active)
	sizes := proportionalSizes(d, active, toAdd)
	for i, rs := range active {
		if _, _, err := c.scaleReplicaSet(d, rs, sizes[i]); err != nil {
			return err
		}
	}
	return nil
}

// proportionalSizes sorts active for the direction of the change (largest
// first; newer first when growing, older first when shrinking) and returns
// each ReplicaSet's new size, the leftover going to the first.
func proportionalSizes(d *appsv1.Deployment, active []*appsv1.ReplicaSet, toAdd int32) []int32 {
	slices.SortStableFunc(active, func(a, b *appsv1.ReplicaSet) int {
		if c := cmp.Compare(*b.Spec.Replicas, *a.Spec.Replicas); c != 0 {
			return c
		}
		if toAdd > 0 {
			return compareCreation(b, a)
		}
		return compareCreation(a, b)
	})
	sizes := make([]int32, len(active))
	var added int32
	for i, rs := range active {
		sizes[i] = *rs.Spec.Replicas
		if toAdd != 0 {
			p := proportion(rs, d, toAdd, added)
			sizes[i] += p
			added += p
		}
	}
	if len(active) > 0 && toAdd != 0 {
		sizes[0] = max(clampReplicas(int64(sizes[0])+int64(toAdd)-int64(added)), 0)
	}
	return sizes
}

// proportion returns how many of toAdd replicas rs takes (GetProportion).
func proportion(rs *appsv1.ReplicaSet, d *appsv1.Deployment, toAdd, added int32) int32 {
	if *rs.Spec.Replicas == 0 || toAdd == 0 || toAdd == added {
		return 0
	}
	fraction := replicaSetFraction(rs, d)
	allowed := toAdd - added
	if toAdd > 0 {
		return min(fraction, allowed)
	}
	return max(fraction, allowed)
}

// replicaSetFraction returns rs's share of the new size, from the
// max-replicas annotation it was last scaled with (getReplicaSetFraction).
func replicaSetFraction(rs *appsv1.ReplicaSet, d *appsv1.Deployment) int32 {
	if *d.Spec.Replicas == 0 {
		return -*rs.Spec.Replicas
	}
	most := addReplicas(*d.Spec.Replicas, maxSurge(d))
	before, ok := intAnnotation(rs, MaxReplicasAnnotation)
	if !ok || before == 0 {
		before = d.Status.Replicas
		if before == 0 {
			return 0
		}
	}
	size := float64(*rs.Spec.Replicas) * float64(most) / float64(before)
	return clampReplicas(int64(math.Round(size)) - int64(*rs.Spec.Replicas))
}

// activeOrLatest returns the only active ReplicaSet, or the newest one when
// none is active, or nil when several are active (FindActiveOrLatest).
func activeOrLatest(newRS *appsv1.ReplicaSet, old []*appsv1.ReplicaSet) *appsv1.ReplicaSet {
	if newRS == nil && len(old) == 0 {
		return nil
	}
	all := append(slices.Clone(old), newRS)
	active := activeOnly(all)
	switch len(active) {
	case 0:
		if newRS != nil {
			return newRS
		}
		newest := slices.Clone(old)
		sortByCreation(newest)
		return newest[len(newest)-1]
	case 1:
		return active[0]
	}
	return nil
}

// isSaturated reports whether the new ReplicaSet runs the full count, all
// available, for the current spec.replicas.
func isSaturated(d *appsv1.Deployment, rs *appsv1.ReplicaSet) bool {
	if rs == nil {
		return false
	}
	desired, ok := intAnnotation(rs, DesiredReplicasAnnotation)
	return ok && *rs.Spec.Replicas == *d.Spec.Replicas && desired == *d.Spec.Replicas && rs.Status.AvailableReplicas == *d.Spec.Replicas
}
