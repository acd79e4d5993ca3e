package controller

import (
	"math"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// ResolveFenceposts returns the number of pods a rolling update may add
// above and take below desired (deployment_util.go ResolveFenceposts):
// maxSurge rounds a percentage up, maxUnavailable rounds down, and when both
// come to 0 maxUnavailable is 1, so that the rollout can move.
func ResolveFenceposts(surge, unavailable *intstr.IntOrString, desired int32) (int32, int32, error) {
	zero := intstr.FromInt32(0)
	s, err := intstr.GetScaledValueFromIntOrPercent(intstr.ValueOrDefault(surge, zero), int(desired), true)
	if err != nil {
		return 0, 0, err
	}
	u, err := intstr.GetScaledValueFromIntOrPercent(intstr.ValueOrDefault(unavailable, zero), int(desired), false)
	if err != nil {
		return 0, 0, err
	}
	if s == 0 && u == 0 {
		u = 1
	}
	return clampReplicas(int64(s)), clampReplicas(int64(u)), nil
}

// clampReplicas returns n within int32, the type of every replica count:
// replicas plus a surge near MaxInt32 (or a surge of 1000% of it) stays
// MaxInt32 instead of wrapping round to a negative count.
func clampReplicas(n int64) int32 {
	return int32(min(max(n, math.MinInt32), math.MaxInt32))
}

// addReplicas returns a+b, clamped to int32.
func addReplicas(a, b int32) int32 { return clampReplicas(int64(a) + int64(b)) }

func isRollingUpdate(d *appsv1.Deployment) bool {
	return d.Spec.Strategy.Type == appsv1.RollingUpdateDeploymentStrategyType && d.Spec.Strategy.RollingUpdate != nil
}

// maxSurge returns how many pods above spec.replicas d may run (0 unless
// RollingUpdate).
func maxSurge(d *appsv1.Deployment) int32 {
	if !isRollingUpdate(d) {
		return 0
	}
	s, _, _ := ResolveFenceposts(d.Spec.Strategy.RollingUpdate.MaxSurge, d.Spec.Strategy.RollingUpdate.MaxUnavailable, *d.Spec.Replicas)
	return s
}

// maxUnavailable returns how many of spec.replicas may be unavailable (0
// unless RollingUpdate; never more than spec.replicas).
func maxUnavailable(d *appsv1.Deployment) int32 {
	if !isRollingUpdate(d) || *d.Spec.Replicas == 0 {
		return 0
	}
	_, u, _ := ResolveFenceposts(d.Spec.Strategy.RollingUpdate.MaxSurge, d.Spec.Strategy.RollingUpdate.MaxUnavailable, *d.Spec.Replicas)
	return min(u, *d.Spec.Replicas)
}

// specReplicas returns the sum of spec.replicas over list.
func specReplicas(list []*appsv1.ReplicaSet) int32 {
	var n int32
	for _, rs := range list {
		if rs != nil {
			n = addReplicas(n, *rs.Spec.Replicas)
		}
	}
	return n
}

// availableReplicas returns the sum of status.availableReplicas over list.
func availableReplicas(list []*appsv1.ReplicaSet) int32 {
	var n int32
	for _, rs := range list {
		if rs != nil {
			n += rs.Status.AvailableReplicas
		}
	}
	return n
}

// newRSNewReplicas returns the size the new ReplicaSet may grow to now
// (NewRSNewReplicas): under RollingUpdate, up to spec.replicas+maxSurge pods
// in all ReplicaSets together; under Recreate, spec.replicas at once.
func newRSNewReplicas(d *appsv1.Deployment, all []*appsv1.ReplicaSet, newRS *appsv1.ReplicaSet) int32 {
	if !isRollingUpdate(d) {
		return *d.Spec.Replicas
	}
	surge, err := intstr.GetScaledValueFromIntOrPercent(d.Spec.Strategy.RollingUpdate.MaxSurge, int(*d.Spec.Replicas), true)
	if err != nil {
		return *newRS.Spec.Replicas
	}
	current := specReplicas(all)
	most := clampReplicas(int64(*d.Spec.Replicas) + int64(surge))
	if current >= most {
		return *newRS.Spec.Replicas
	}
	up := min(most-current, *d.Spec.Replicas-*newRS.Spec.Replicas)
	return *newRS.Spec.Replicas + up
}

// rolloutRolling moves a RollingUpdate one step (rolling.go rolloutRolling):
// scale the new ReplicaSet up if it may grow; otherwise scale old ones down
// if availability allows; once complete, clean up old revisions.
func (c *DeploymentController) rolloutRolling(d *appsv1.Deployment, rsList []*appsv1.ReplicaSet) error {
	newRS, old, err := c.newAndOldReplicaSets(d, rsList, true)
	if err != nil {
		return err
	}
	all := append(append([]*appsv1.ReplicaSet{}, old...), newRS)
	scaled, err := c.reconcileNewReplicaSet(d, all, newRS)
	if err != nil {
		return err
	}
	if !scaled {
		if scaled, err = c.reconcileOldReplicaSets(d, all, activeOnly(old), newRS); err != nil {
			return err
		}
	}
	if !scaled && deploymentComplete(d, &d.Status) {
		c.cleanupDeployment(d, old)
	}
	return c.syncRolloutStatus(d, newRS)
}

// activeOnly returns the ReplicaSets with replicas above 0.
func activeOnly(list []*appsv1.ReplicaSet) []*appsv1.ReplicaSet {
	var out []*appsv1.ReplicaSet
	for _, rs := range list {
		if rs != nil && *rs.Spec.Replicas > 0 {
			out = append(out, rs)
		}
	}
	return out
}

// reconcileNewReplicaSet scales the new ReplicaSet towards spec.replicas
// within maxSurge; it reports whether it scaled.
func (c *DeploymentController) reconcileNewReplicaSet(d *appsv1.Deployment, all []*appsv1.ReplicaSet, newRS *appsv1.ReplicaSet) (bool, error) {
	want := *d.Spec.Replicas
	if *newRS.Spec.Replicas != want && *newRS.Spec.Replicas <= want {
		want = newRSNewReplicas(d, all, newRS)
	}
	if *newRS.Spec.Replicas == want {
		return false, nil
	}
	scaled, _, err := c.scaleReplicaSet(d, newRS, want)
	return scaled, err
}

// reconcileOldReplicaSets scales old ReplicaSets down as far as
// availability allows (rolling.go reconcileOldReplicaSets): at most
// allPods - minAvailable - unavailable new pods, unhealthy old pods first.
// It reports whether it scaled.
func (c *DeploymentController) reconcileOldReplicaSets(d *appsv1.Deployment, all, old []*appsv1.ReplicaSet, newRS *appsv1.ReplicaSet) (bool, error) {
	if specReplicas(old) == 0 {
		return false, nil
	}
	minAvailable := *d.Spec.Replicas - maxUnavailable(d)
	newUnavailable := *newRS.Spec.Replicas - newRS.Status.AvailableReplicas
	maxScaledDown := specReplicas(all) - minAvailable - newUnavailable
	if maxScaledDown <= 0 {
		return false, nil
	}
	old, cleaned, err := c.cleanupUnhealthyReplicas(d, old, maxScaledDown)
	if err != nil {
		return false, err
	}
	all = append(append([]*appsv1.ReplicaSet{}, old...), newRS)
	down, err := c.scaleDownOldForRollingUpdate(d, all, old)
	return cleaned+down > 0, err
}

// cleanupUnhealthyReplicas scales old ReplicaSets down by their
// unavailable pods first, oldest first, at most maxCleanup in all. It
// returns the ReplicaSets as now stored and how many replicas went.
func (c *DeploymentController) cleanupUnhealthyReplicas(d *appsv1.Deployment, old []*appsv1.ReplicaSet, maxCleanup int32) ([]*appsv1.ReplicaSet, int32, error) {
	sortByCreation(old)
	var total int32
	for i, rs := range old {
		if total >= maxCleanup {
			break
		}
		if *rs.Spec.Replicas == 0 || *rs.Spec.Replicas == rs.Status.AvailableReplicas {
			continue
		}
		n := min(maxCleanup-total, *rs.Spec.Replicas-rs.Status.AvailableReplicas)
		_, updated, err := c.scaleReplicaSet(d, rs, *rs.Spec.Replicas-n)
		if err != nil {
			return nil, total, err
		}
		total += n
		old[i] = updated
	}
	return old, total, nil
}

// scaleDownOldForRollingUpdate scales old ReplicaSets down, oldest first,
// by as many replicas as are available above minAvailable. It returns how
// many replicas went.
func (c *DeploymentController) scaleDownOldForRollingUpdate(d *appsv1.Deployment, all, old []*appsv1.ReplicaSet) (int32, error) {
	minAvailable := *d.Spec.Replicas - maxUnavailable(d)
	available := availableReplicas(all)
	if available <= minAvailable {
		return 0, nil
	}
	sortByCreation(old)
	want := available - minAvailable
	var total int32
	for _, rs := range old {
		if total >= want {
			break
		}
		if *rs.Spec.Replicas == 0 {
			continue
		}
		n := min(*rs.Spec.Replicas, want-total)
		if _, _, err := c.scaleReplicaSet(d, rs, *rs.Spec.Replicas-n); err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

// rolloutRecreate moves a Recreate rollout one step (recreate.go): scale
// every old ReplicaSet to 0; wait until none of their pods is left (a
// terminating pod still counts); then create or scale up the new one.
func (c *DeploymentController) rolloutRecreate(d *appsv1.Deployment, rsList []*appsv1.ReplicaSet) error {
	newRS, old, err := c.newAndOldReplicaSets(d, rsList, false)
	if err != nil {
		return err
	}
	scaledDown := false
	for _, rs := range activeOnly(old) {
		scaled, _, err := c.scaleReplicaSet(d, rs, 0)
		if err != nil {
			return err
		}
		scaledDown = scaledDown || scaled
	}
	if scaledDown || c.oldPodsRunning(newRS, old) {
		return c.syncRolloutStatus(d, newRS)
	}
	if newRS == nil {
		if newRS, old, err = c.newAndOldReplicaSets(d, rsList, true); err != nil {
			return err
		}
	}
	if _, _, err := c.scaleReplicaSet(d, newRS, *d.Spec.Replicas); err != nil {
		return err
	}
	if deploymentComplete(d, &d.Status) {
		c.cleanupDeployment(d, old)
	}
	return c.syncRolloutStatus(d, newRS)
}

// oldPodsRunning reports whether an old ReplicaSet still reports pods, or
// any pod of an old ReplicaSet has not finished (terminating ones included).
func (c *DeploymentController) oldPodsRunning(newRS *appsv1.ReplicaSet, old []*appsv1.ReplicaSet) bool {
	var reported int32
	uids := map[string]bool{}
	for _, rs := range old {
		reported += rs.Status.Replicas
		uids[string(rs.UID)] = true
	}
	if reported > 0 {
		return true
	}
	for _, p := range c.api.Pods.ListShared() {
		ref := controllerOf(p)
		if ref == nil || !uids[string(ref.UID)] || (newRS != nil && ref.UID == newRS.UID) {
			continue
		}
		if p.Status.Phase != corev1.PodSucceeded && p.Status.Phase != corev1.PodFailed {
			return true
		}
	}
	return false
}
