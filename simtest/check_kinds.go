package simtest

import (
	"slices"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/scheduler"
	"github.com/nodenucleus/nucleus/sim"
)

// checkDaemonSets, looked at whenever the DaemonSet controller hires a
// greeter: the store it is hired for is one the pod may work at (its
// nodeSelector matches the store's labels, and its tolerations, the
// automatic ones included, tolerate every NoSchedule and NoExecute taint
// of the store); and the store then has at most one live greeter of the
// set's current template, and at most one in all, or two (an old and a
// new) while a maxSurge update replaces it.
// Reference: pkg/controller/daemon/daemon_controller.go
// (NodeShouldRunDaemonPod, podsShouldBeOnNode); pkg/controller/daemon/update.go
// (rollingUpdate: "no more than two pods per node, one old, one new").
func (k *checker) checkDaemonSets(st Step) *finding {
	for _, r := range st.Records {
		if r.Source.Component != controller.DaemonSetComponent || r.Reason != controller.ReasonSuccessfulCreate {
			continue
		}
		d, err := k.c.API().DaemonSets.Get(r.Object.Namespace, r.Object.Name)
		if err != nil {
			continue
		}
		node, err := k.c.API().Nodes.Get("", r.Facts.From)
		if err != nil {
			return found(DaemonSetEligibleStore, "daemonset %s hired %s for store %s, which is not in the chain", d.Name, r.Facts.To, r.Facts.From)
		}
		if p, err := k.c.API().Pods.Get(d.Namespace, r.Facts.To); err == nil {
			if why := ineligible(p, node); why != "" {
				return found(DaemonSetEligibleStore, "daemonset %s hired %s for store %s, where it may not work: %s", d.Name, p.Name, node.Name, why)
			}
		}
		if f := k.greetersAt(d, node.Name); f != nil {
			return f
		}
	}
	return nil
}

// greetersAt counts the set's live pods for one store.
func (k *checker) greetersAt(d *appsv1.DaemonSet, node string) *finding {
	hash := controller.DaemonSetHash(d)
	var all, current []string
	for _, p := range k.c.API().Pods.ListSharedByController(d.Namespace, d.UID) {
		if p.DeletionTimestamp != nil || p.Status.Phase == corev1.PodFailed || p.Status.Phase == corev1.PodSucceeded || controller.DaemonPodNode(p) != node {
			continue
		}
		all = append(all, p.Name)
		if p.Labels[controller.ControllerRevisionLabel] == hash {
			current = append(current, p.Name)
		}
	}
	allowed := 1
	if surges(d) {
		allowed = 2
	}
	switch {
	case len(current) > 1:
		return found(DaemonSetOnePerStore, "daemonset %s has %d pods of its current template for store %s: %s", d.Name, len(current), node, strings.Join(current, ", "))
	case len(all) > allowed:
		return found(DaemonSetOnePerStore, "daemonset %s has %d live pods for store %s (at most %d): %s", d.Name, len(all), node, allowed, strings.Join(all, ", "))
	}
	return nil
}

// surges reports whether a set's update may put an old and a new pod on
// one store: a RollingUpdate whose maxSurge, scaled to one store, is above
// 0 (util.AllowsSurge).
func surges(d *appsv1.DaemonSet) bool {
	ru := d.Spec.UpdateStrategy.RollingUpdate
	if d.Spec.UpdateStrategy.Type != appsv1.RollingUpdateDaemonSetStrategyType || ru == nil || ru.MaxSurge == nil {
		return false
	}
	v, err := intstr.GetScaledValueFromIntOrPercent(ru.MaxSurge, 1, true)
	return err == nil && v > 0
}

// ineligible says why a pod may not work at node by its own spec: a
// nodeSelector label the node lacks, or a NoSchedule or NoExecute taint
// none of its tolerations tolerates; "" when it may.
func ineligible(p *corev1.Pod, node *corev1.Node) string {
	for key, v := range p.Spec.NodeSelector {
		if node.Labels[key] != v {
			return "nodeSelector " + key + "=" + v
		}
	}
	for i := range node.Spec.Taints {
		t := &node.Spec.Taints[i]
		if t.Effect != corev1.TaintEffectNoSchedule && t.Effect != corev1.TaintEffectNoExecute {
			continue
		}
		if !scheduler.TolerationsTolerate(p.Spec.Tolerations, *t) {
			return "taint " + t.ToString()
		}
	}
	return ""
}

// checkNamespaces: once a namespace is gone from the ledger, nothing of
// any kind is left in it, then or later. Looked at when the number of
// namespaces changes, and every sweepEvery while a namespace is gone.
// Reference: pkg/controller/namespace/deletion/namespaced_resources_deleter.go
// (the namespace is removed only once every resource in it is).
func (k *checker) checkNamespaces(st Step) *finding {
	if n := k.c.API().Namespaces.Len(); n != k.namespaceCount {
		k.namespaceCount = n
		now := map[string]bool{}
		for _, ns := range k.c.API().Namespaces.ListShared() {
			now[ns.Name] = true
			k.namespaces[ns.Name] = true
		}
		for name := range k.namespaces {
			k.namespacesGone[name] = !now[name]
		}
		return k.emptied()
	}
	if st.Now-k.lastNamespaceLook >= sim.Time(sweepEvery) {
		return k.emptied()
	}
	return nil
}

// emptied checks the namespaces that are gone, in name order.
func (k *checker) emptied() *finding {
	var gone []string
	for name, g := range k.namespacesGone {
		if g {
			gone = append(gone, name)
		}
	}
	slices.Sort(gone)
	k.lastNamespaceLook = k.c.Loop().Now()
	for _, name := range gone {
		if left := k.c.API().InNamespace(name); len(left) > 0 {
			return found(NamespaceEmptied, "namespace %s is gone but %s is still in it", name, strings.Join(left, ", "))
		}
	}
	return nil
}

// checkAutoscalers: an autoscaler never sets its target's replicas
// outside [minReplicas, maxReplicas].
// Reference: pkg/controller/podautoscaler/horizontal.go
// (normalizeDesiredReplicas, convertDesiredReplicasWithRules: the
// recommendation is clamped to the bounds).
func (k *checker) checkAutoscalers(st Step) *finding {
	for _, r := range st.Records {
		if r.Source.Component != controller.HPAComponent || r.Reason != "SuccessfulRescale" {
			continue
		}
		h, err := k.c.API().HPAs.Get(r.Object.Namespace, r.Object.Name)
		if err != nil {
			continue
		}
		lo := int32(1)
		if h.Spec.MinReplicas != nil {
			lo = *h.Spec.MinReplicas
		}
		if r.Facts.Count < lo || r.Facts.Count > h.Spec.MaxReplicas {
			return found(HPAWithinBounds, "autoscaler %s scaled %s to %d, outside [%d, %d]",
				h.Name, h.Spec.ScaleTargetRef.Name, r.Facts.Count, lo, h.Spec.MaxReplicas)
		}
	}
	return nil
}
