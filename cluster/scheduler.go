package cluster

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/pod"
	sched "github.com/nodenucleus/nucleus/scheduler"
	"github.com/nodenucleus/nucleus/sim"
)

// scheduler is head office's staffing desk: it watches for pods that have
// no store yet and assigns each to one, or records why none fits.
type scheduler struct {
	loop    *sim.Loop
	api     *apiserver.Server
	rng     *rand.Rand
	pending map[apiserver.Key]bool
	// gated holds the pods that arrived with scheduling gates: the desk
	// takes them up when an update removes the last gate.
	gated map[apiserver.Key]bool
	cache *schedulerCache
	desk  sched.Scheduler // remembers where the last search stopped
	// volumes is the VolumeBinding plugin's view of the chain's claims;
	// nil in a chain built without one.
	volumes volumeBinding
}

// volumeBinding is what the staffing desk asks of head office's storeroom
// about a pod's claims.
type volumeBinding interface {
	// claimVerdict says why the pod cannot be placed yet ("" twice when it
	// can), and which claims wait for it to be placed.
	claimVerdict(p *corev1.Pod) (preFilter, filter string, wait []string)
	// bindForPod binds a claim that waited for its pod, now placed on node.
	bindForPod(namespace, claim, node string) (bool, error)
}

func newScheduler(loop *sim.Loop, api *apiserver.Server) *scheduler {
	s := &scheduler{loop: loop, api: api, rng: loop.Rand("scheduler"), pending: map[apiserver.Key]bool{},
		gated: map[apiserver.Key]bool{}, cache: newSchedulerCache()}
	s.desk.PodsWithAffinity = s.cache.podsWithAffinity
	s.desk.NodesHaveNode = true // the cache lists only stores with a Node
	api.Pods.WatchShared(0, true, s.onPod)
	api.Nodes.WatchShared(0, true, func(ev apiserver.WatchEvent[*corev1.Node]) {
		s.cache.setNode(ev.Object, ev.Type == apiserver.Deleted)
		s.retryPending()
	})
	return s
}

func (s *scheduler) onPod(ev apiserver.WatchEvent[*corev1.Pod]) {
	p := ev.Object
	k := apiserver.KeyOf(p)
	s.cache.setPod(p, ev.Type == apiserver.Deleted)
	switch {
	case ev.Type == apiserver.Deleted:
		delete(s.pending, k)
		delete(s.gated, k)
		s.retryPending() // room may have been freed
	case p.Spec.NodeName != "" || p.DeletionTimestamp != nil || !responsible(p):
		delete(s.gated, k)
	case pod.Gated(p):
		// The SchedulingGates plugin keeps the pod out of the queue: no
		// attempt, no FailedScheduling.
		s.gated[k] = true
	case ev.Type == apiserver.Added || s.gated[k]:
		delete(s.gated, k)
		s.schedule(p)
	}
}

// Reference for gated pods: pkg/scheduler/framework/plugins/schedulinggates
// (PreEnqueue keeps a pod with gates out of the active queue; an update
// that clears them moves it in).

// responsible reports whether the staffing desk places p: a pod that
// names another scheduler waits for that one to bind it.
// Reference: pkg/scheduler/eventhandlers.go (responsibleForPod: the
// profiles handle the pod's spec.schedulerName).
func responsible(p *corev1.Pod) bool {
	return p.Spec.SchedulerName == "" || p.Spec.SchedulerName == corev1.DefaultSchedulerName
}

// unschedulable notes a pod that fits nowhere: the FailedScheduling Event
// is recorded once, when the pod starts waiting.
func (s *scheduler) unschedulable(p *corev1.Pod, ref sim.ObjectRef, msg string) {
	k := apiserver.KeyOf(p)
	wasPending := s.pending[k]
	s.pending[k] = true
	if !wasPending {
		s.loop.Record(sim.Record{Type: sim.Warning, Source: sim.Source{Component: "default-scheduler"}, Object: ref, Reason: "FailedScheduling", Message: msg})
	}
	s.setUnschedulable(p, msg)
}

// setUnschedulable writes the condition kube-scheduler leaves on a pod it
// could not place: PodScheduled=False, reason Unschedulable, the
// FailedScheduling message. The pod is written only when the condition
// changes, and its lastTransitionTime moves only when the status does.
// The condition's observedGeneration is the pod's generation.
// Reference: pkg/scheduler/schedule_one.go (handleSchedulingFailure,
// updatePod) and pkg/api/v1/pod/util.go (UpdatePodCondition,
// CalculatePodConditionObservedGeneration).
func (s *scheduler) setUnschedulable(p *corev1.Pod, msg string) {
	cond := corev1.PodCondition{Type: corev1.PodScheduled, Status: corev1.ConditionFalse, ObservedGeneration: p.Generation,
		Reason: corev1.PodReasonUnschedulable, Message: msg, LastTransitionTime: metav1.NewTime(s.loop.Now().Wall())}
	status := *p.Status.DeepCopy()
	i := slices.IndexFunc(status.Conditions, func(c corev1.PodCondition) bool { return c.Type == corev1.PodScheduled })
	switch {
	case i < 0:
		status.Conditions = append(status.Conditions, cond)
	case status.Conditions[i].Status == cond.Status && status.Conditions[i].Reason == cond.Reason && status.Conditions[i].Message == cond.Message &&
		status.Conditions[i].ObservedGeneration == cond.ObservedGeneration:
		return
	default:
		if status.Conditions[i].Status == cond.Status {
			cond.LastTransitionTime = status.Conditions[i].LastTransitionTime
		}
		status.Conditions[i] = cond
	}
	if updated, err := s.api.UpdatePodStatus(p.Namespace, p.Name, p.UID, status); err == nil {
		s.cache.setPod(updated, false)
	}
}

// retryPending tries again every pod that fitted nowhere, the highest
// priority first, then in key order, as the scheduling queue's
// PrioritySort plugin orders them (so a preemptor gets the room its
// victims freed before a less important pod does).
// Reference: pkg/scheduler/framework/plugins/queuesort/priority_sort.go.
func (s *scheduler) retryPending() {
	pods := make([]*corev1.Pod, 0, len(s.pending))
	for k := range s.pending {
		p, err := s.api.Pods.Get(k.Namespace, k.Name)
		if err != nil || p.Spec.NodeName != "" {
			delete(s.pending, k)
			continue
		}
		pods = append(pods, p)
	}
	slices.SortFunc(pods, func(a, b *corev1.Pod) int {
		return cmp.Or(cmp.Compare(priority(b), priority(a)), cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	for _, p := range pods {
		s.schedule(p)
	}
}

// priority returns spec.priority, 0 when unset.
func priority(p *corev1.Pod) int32 {
	if p.Spec.Priority == nil {
		return 0
	}
	return *p.Spec.Priority
}

// scheduleNominatedFirst runs one scheduling cycle for p; a pod that a
// preemption nominated to a store is placed there when it now fits, before
// any other store is looked at.
// Reference: pkg/scheduler/schedule_one.go (findNodesThatFitPod,
// evaluateNominatedNode).
func (s *scheduler) scheduleNominatedFirst(p *corev1.Pod, nodes []sched.NodeInfo) (string, error) {
	if nom := p.Status.NominatedNodeName; nom != "" {
		for _, n := range nodes {
			if n.Name() == nom {
				one := sched.Scheduler{Volumes: s.desk.Volumes}
				if name, err := one.Schedule(p, []sched.NodeInfo{n}, s.rng); err == nil {
					return name, nil
				}
				break
			}
		}
	}
	return s.desk.Schedule(p, nodes, s.rng)
}

func (s *scheduler) schedule(p *corev1.Pod) {
	k := apiserver.KeyOf(p)
	ref := sim.ObjectRef{Kind: "Pod", Namespace: p.Namespace, Name: p.Name, UID: string(p.UID)}
	src := sim.Source{Component: "default-scheduler"}
	nodes := s.cache.nodeInfos()
	var wait []string
	if s.volumes != nil && len(p.Spec.Volumes) > 0 && len(nodes) > 0 {
		var pre, filter string
		if pre, filter, wait = s.volumes.claimVerdict(p); pre != "" || filter != "" {
			s.unschedulable(p, ref, unschedulableMessage(len(nodes), pre, filter))
			return
		}
	}
	name, err := s.scheduleNominatedFirst(p, nodes)
	if fe, ok := err.(*sched.FitError); ok && len(fe.PreemptionCandidates) > 0 {
		s.unschedulable(p, ref, err.Error())
		s.preempt(p, nodes, fe.PreemptionCandidates)
		return
	}
	if err != nil {
		s.unschedulable(p, ref, err.Error())
		return
	}
	// PreBind: the claims that waited for this pod are bound on its store
	// before the pod is.
	for _, claim := range wait {
		if bound, err := s.volumes.bindForPod(p.Namespace, claim, name); err != nil || !bound {
			s.pending[k] = true
			return
		}
	}
	delete(s.pending, k)
	bound, err := s.api.Bind(p.Namespace, p.Name, p.UID, name)
	if err != nil {
		return
	}
	s.cache.setPod(bound, false) // assume it at once: the watch comes later
	s.loop.Record(sim.Record{Source: src, Object: ref, Reason: "Scheduled",
		Message: fmt.Sprintf("Successfully assigned %s/%s to %s", p.Namespace, p.Name, name),
		Facts:   sim.Facts{To: name}})
}
