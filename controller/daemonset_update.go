package controller

import (
	"maps"
	"slices"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/endpointslice"
)

// daemonRollingField scales one of the set's rolling-update fields to the
// number of nodes that should run it, rounded up; 0 when the strategy is
// not RollingUpdate or the field is unset (util.SurgeCount,
// util.UnavailableCount).
func daemonRollingField(d *appsv1.DaemonSet, field func(*appsv1.RollingUpdateDaemonSet) *intstr.IntOrString, desired int) int {
	ru := d.Spec.UpdateStrategy.RollingUpdate
	if d.Spec.UpdateStrategy.Type != appsv1.RollingUpdateDaemonSetStrategyType || ru == nil || field(ru) == nil {
		return 0
	}
	v, err := intstr.GetScaledValueFromIntOrPercent(field(ru), desired, true)
	if err != nil {
		return 0
	}
	return v
}

func maxSurgeField(ru *appsv1.RollingUpdateDaemonSet) *intstr.IntOrString { return ru.MaxSurge }

func maxUnavailableField(ru *appsv1.RollingUpdateDaemonSet) *intstr.IntOrString {
	return ru.MaxUnavailable
}

// allowsSurge reports whether the set's rolling update makes a new pod
// before the old one goes (util.AllowsSurge: maxSurge scaled to one node
// is above 0).
func allowsSurge(d *appsv1.DaemonSet) bool {
	return daemonRollingField(d, maxSurgeField, 1) > 0
}

// daemonUpdateCounts returns maxSurge and maxUnavailable scaled to the
// number of nodes that should run the set, and that number. A set that
// allows neither (only possible with no nodes to scale a percentage to)
// takes one node at a time (updatedDesiredNodeCounts).
func daemonUpdateCounts(d *appsv1.DaemonSet, nodes []*corev1.Node) (surge, unavailable, desired int) {
	for _, n := range nodes {
		if run, _ := ShouldRunDaemonPod(d, n); run {
			desired++
		}
	}
	surge = daemonRollingField(d, maxSurgeField, desired)
	unavailable = daemonRollingField(d, maxUnavailableField, desired)
	if desired > 0 && surge == 0 && unavailable == 0 {
		unavailable = 1
	}
	return surge, unavailable, desired
}

// surgeExtras returns the pods the manage step removes from a node while
// surging: it keeps the oldest pod of the current template and the oldest
// of an older one, removing any others; of those two, the old one goes
// once it is no longer ready or the new one is available
// (podsShouldBeOnNode, the AllowsSurge branch). running is oldest first.
func surgeExtras(d *appsv1.DaemonSet, running []*corev1.Pod, hash string, now time.Time) []*corev1.Pod {
	var newest, oldest *corev1.Pod // the oldest new pod and the oldest old pod
	var remove []*corev1.Pod
	for _, p := range running {
		switch {
		case isUpdatedDaemonPod(p, d, hash) && newest == nil:
			newest = p
		case !isUpdatedDaemonPod(p, d, hash) && oldest == nil:
			oldest = p
		default:
			remove = append(remove, p)
		}
	}
	if newest != nil && oldest != nil &&
		(!endpointslice.IsPodReady(oldest) || IsPodAvailable(newest, d.Spec.MinReadySeconds, now)) {
		remove = append(remove, oldest)
	}
	return remove
}

// updatedPodsOnNode returns a node's live pod of the current template and
// its live pod of an older one; ok is false when there is more than one of
// either, which the manage step prunes first (findUpdatedPodsOnNode).
func updatedPodsOnNode(d *appsv1.DaemonSet, pods []*corev1.Pod, hash string) (newPod, oldPod *corev1.Pod, ok bool) {
	for _, p := range pods {
		if p.DeletionTimestamp != nil {
			continue
		}
		if isUpdatedDaemonPod(p, d, hash) {
			if newPod != nil {
				return nil, nil, false
			}
			newPod = p
		} else {
			if oldPod != nil {
				return nil, nil, false
			}
			oldPod = p
		}
	}
	return newPod, oldPod, true
}

// rollingUpdate replaces the pods of an old template, by the real
// controller's two paths: without a surge, old pods are deleted while
// fewer than maxUnavailable nodes lack an available pod, and the manage
// step makes each replacement once the old pod is gone; with a surge, the
// new pod is made first (at most maxSurge at a time for nodes whose old
// pod is available) and the old pod deleted once the new one is available.
// Reference: pkg/controller/daemon/update.go rollingUpdate.
func (c *DaemonSetController) rollingUpdate(d *appsv1.DaemonSet, nodes []*corev1.Node, hash string) error {
	byNode := c.nodePods(d)
	surge, limit, desired := daemonUpdateCounts(d, nodes)
	now := c.loop.Now().Wall()
	if surge > 0 {
		return c.surgeUpdate(d, nodes, byNode, hash, surge, desired)
	}
	unavailable := 0
	var replaceNow, candidates []*corev1.Pod
	for _, name := range slices.Sorted(maps.Keys(byNode)) {
		newPod, oldPod, ok := updatedPodsOnNode(d, byNode[name], hash)
		switch {
		case !ok, newPod == nil && oldPod == nil, newPod != nil && oldPod != nil:
			unavailable++ // the manage step is making or removing a pod here
		case newPod != nil:
			if !IsPodAvailable(newPod, d.Spec.MinReadySeconds, now) {
				unavailable++
			}
		case !IsPodAvailable(oldPod, d.Spec.MinReadySeconds, now):
			replaceNow = append(replaceNow, oldPod)
			unavailable++
		default:
			candidates = append(candidates, oldPod)
		}
	}
	room := min(max(limit-unavailable, 0), len(candidates))
	return c.syncNodes(d, append(replaceNow, candidates[:room]...), nil, hash)
}

// surgeUpdate is rollingUpdate's surge path. An unavailable old pod gets
// its replacement at once; an available one is a candidate while fewer
// than maxSurge nodes have a new pod that is not yet available; an old
// pod beside an available new one is deleted. An old pod on a node that
// should no longer run the set goes only while more nodes have an
// available pod than should run one, so the set never drops below full
// strength.
func (c *DaemonSetController) surgeUpdate(d *appsv1.DaemonSet, nodes []*corev1.Node, byNode map[string][]*corev1.Pod, hash string, surge, desired int) error {
	now := c.loop.Now().Wall()
	byName := map[string]*corev1.Node{}
	for _, n := range nodes {
		byName[n.Name] = n
	}
	shouldRun := func(node string) bool {
		n, ok := byName[node]
		if !ok {
			return false
		}
		run, _ := ShouldRunDaemonPod(d, n)
		return run
	}
	var remove, leaving []*corev1.Pod
	var allowed, candidates []string
	surging, available := 0, 0
	for _, name := range slices.Sorted(maps.Keys(byNode)) {
		newPod, oldPod, ok := updatedPodsOnNode(d, byNode[name], hash)
		if !ok {
			surging++ // the manage step prunes this node first
			continue
		}
		switch {
		case oldPod != nil && IsPodAvailable(oldPod, d.Spec.MinReadySeconds, now),
			oldPod == nil && newPod != nil && IsPodAvailable(newPod, d.Spec.MinReadySeconds, now):
			available++
		}
		switch {
		case oldPod == nil:
			// Nothing to replace; the manage step makes a missing pod.
		case newPod == nil && !IsPodAvailable(oldPod, d.Spec.MinReadySeconds, now):
			if !shouldRun(name) {
				remove = append(remove, oldPod)
			} else {
				allowed = append(allowed, name)
			}
		case newPod == nil:
			switch {
			case !shouldRun(name):
				leaving = append(leaving, oldPod)
			case surging < surge:
				candidates = append(candidates, name)
			}
		case !IsPodAvailable(newPod, d.Spec.MinReadySeconds, now):
			surging++ // waiting for the new pod
		default:
			remove = append(remove, oldPod)
		}
	}
	if extra := min(available-desired, len(leaving)); extra > 0 {
		remove = append(remove, leaving[:extra]...)
	}
	room := min(max(surge-surging, 0), len(candidates))
	return c.syncNodes(d, remove, append(allowed, candidates[:room]...), hash)
}
