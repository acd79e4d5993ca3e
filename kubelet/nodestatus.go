package kubelet

import (
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// The node status loop's timings.
// Reference: kubelet.md §9.1 (nodeStatusUpdateFrequency,
// nodeStatusReportFrequency).
const (
	nodeStatusUpdateFrequency = 10 * time.Second
	nodeStatusReportFrequency = 5 * time.Minute
)

// nodeCondition is one condition the store manager reports on its Node,
// in its healthy and unhealthy forms.
type nodeCondition struct {
	typ                 corev1.NodeConditionType
	healthy, unhealthy  corev1.ConditionStatus
	okReason, badReason string
	okMsg, badMsg       string
	okEvent, badEvent   string
}

// nodeConditions are the conditions the kubelet sets, in its order.
// Reference: kubelet.md §9.2.
var nodeConditions = [...]nodeCondition{
	{corev1.NodeMemoryPressure, corev1.ConditionFalse, corev1.ConditionTrue,
		"KubeletHasSufficientMemory", "KubeletHasInsufficientMemory",
		"kubelet has sufficient memory available", "kubelet has insufficient memory available",
		"NodeHasSufficientMemory", "NodeHasInsufficientMemory"},
	{corev1.NodeDiskPressure, corev1.ConditionFalse, corev1.ConditionTrue,
		"KubeletHasNoDiskPressure", "KubeletHasDiskPressure",
		"kubelet has no disk pressure", "kubelet has disk pressure",
		"NodeHasNoDiskPressure", "NodeHasDiskPressure"},
	{corev1.NodePIDPressure, corev1.ConditionFalse, corev1.ConditionTrue,
		"KubeletHasSufficientPID", "KubeletHasInsufficientPID",
		"kubelet has sufficient PID available", "kubelet has insufficient PID available",
		"NodeHasSufficientPID", "NodeHasInsufficientPID"},
	{corev1.NodeReady, corev1.ConditionTrue, corev1.ConditionFalse,
		"KubeletReady", "KubeletNotReady",
		"kubelet is posting ready status", "",
		"NodeReady", "NodeNotReady"},
}

// build returns the condition, healthy or not, as of now.
func (nc nodeCondition) build(bad bool, now metav1.Time) corev1.NodeCondition {
	c := corev1.NodeCondition{Type: nc.typ, Status: nc.healthy, Reason: nc.okReason, Message: nc.okMsg,
		LastHeartbeatTime: now, LastTransitionTime: now}
	if bad {
		c.Status, c.Reason, c.Message = nc.unhealthy, nc.badReason, nc.badMsg
	}
	return c
}

// healthyConditions are a healthy store's conditions.
// Reference: kubelet.md §9.2 (reasons and messages).
func healthyConditions(now metav1.Time) []corev1.NodeCondition {
	out := make([]corev1.NodeCondition, 0, len(nodeConditions))
	for _, nc := range nodeConditions {
		out = append(out, nc.build(false, now))
	}
	return out
}

// nodeStatus is what the node status loop remembers between passes.
type nodeStatus struct {
	conditions []corev1.NodeCondition // as last computed
	reportedAt sim.Time               // when the status was last written
}

// setConditions is the kubelet's condition setters: it computes each
// condition afresh (heartbeat now), keeps lastTransitionTime unless the
// status flips, and records an Event on the Node for each flip. It
// returns the new conditions and whether any status changed.
// Reference: kubelet.md §9.2 (nodestatus/setters.go).
func (k *Kubelet) setConditions(old []corev1.NodeCondition, now metav1.Time) ([]corev1.NodeCondition, bool) {
	bad := map[corev1.NodeConditionType]bool{
		corev1.NodeMemoryPressure: k.pressure.underPressure(k.loop.Now()),
		corev1.NodeDiskPressure:   k.diskPressure.underPressure(k.loop.Now()),
	}
	out := make([]corev1.NodeCondition, 0, len(nodeConditions))
	changed := false
	for _, nc := range nodeConditions {
		c := nc.build(bad[nc.typ], now)
		if prev := findNodeCondition(old, nc.typ); prev != nil && prev.Status == c.Status {
			c.LastTransitionTime = prev.LastTransitionTime
		} else {
			changed = true
			ev := nc.okEvent
			if bad[nc.typ] {
				ev = nc.badEvent
			}
			k.record(sim.Record{Kind: sim.Event, Type: sim.Normal, Object: k.nodeRef(), Reason: ev,
				Message: "Node " + k.cfg.NodeName + " status is now: " + ev, Facts: sim.Facts{To: string(c.Status)}})
		}
		out = append(out, c)
	}
	return out, changed
}

func findNodeCondition(cs []corev1.NodeCondition, t corev1.NodeConditionType) *corev1.NodeCondition {
	for i := range cs {
		if cs[i].Type == t {
			return &cs[i]
		}
	}
	return nil
}

// nodeStatusTick is the node status loop: every 10s compute the status,
// and write it to head office when it changed, or when 5 minutes have
// passed since the last write.
// Reference: kubelet.md §9.1, §9.2 (lastHeartbeatTime refreshed on every
// write, lastTransitionTime only on a flip).
func (k *Kubelet) nodeStatusTick() {
	now := k.now()
	conds, changed := k.setConditions(k.nodeStatus.conditions, now)
	k.nodeStatus.conditions = conds
	if k.offline {
		return
	}
	cur, err := k.api.Nodes.GetShared("", k.cfg.NodeName)
	if err != nil {
		return
	}
	// Head office may have changed what it shows (a store that went
	// silent is shown Unknown): the kubelet compares with what is there,
	// as tryUpdateNodeStatus patches the node it reads. Most passes
	// change nothing, and copy nothing.
	if !changed && sameStatuses(cur.Status.Conditions, conds) && k.loop.Now().Sub(k.nodeStatus.reportedAt) < nodeStatusReportFrequency {
		return
	}
	n := cur.DeepCopy()
	n.Status.Conditions = conds
	n.ResourceVersion = ""
	if _, err := k.api.Nodes.Update(n); err == nil {
		k.nodeStatus.reportedAt = k.loop.Now()
	}
}

// sameStatuses reports whether two condition lists give every type the
// same status.
func sameStatuses(a, b []corev1.NodeCondition) bool {
	if len(a) != len(b) {
		return false
	}
	for _, c := range b {
		if o := findNodeCondition(a, c.Type); o == nil || o.Status != c.Status {
			return false
		}
	}
	return true
}
