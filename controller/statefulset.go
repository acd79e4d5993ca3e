package controller

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/endpointslice"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// StatefulSetComponent is the Source.Component of the StatefulSet
// controller's records.
const StatefulSetComponent = "statefulset-controller"

// The labels a StatefulSet puts on its pods (pkg/apis/apps/v1 types).
const (
	StatefulSetPodNameLabel  = appsv1.StatefulSetPodNameLabel        // statefulset.kubernetes.io/pod-name
	ControllerRevisionLabel  = appsv1.ControllerRevisionHashLabelKey // controller-revision-hash
	StatefulSetPodIndexLabel = appsv1.PodIndexLabel                  // apps.kubernetes.io/pod-index
)

// StatefulSetController is head office's locker room: each employee of a
// StatefulSet gets a number (web-0, web-1, ...), a name at the counter's
// desk (web-0.nginx) and numbered lockers (claims www-web-0, ...) that
// outlive them: a replacement with the same number gets the same lockers.
// With OrderedReady it hires one at a time, each at work and ready before
// the next, and lets them go highest number first; with Parallel it hires
// and lets go all at once.
type StatefulSetController struct {
	loop  *sim.Loop
	api   *apiserver.Server
	queue *workQueue
}

// NewStatefulSetController returns a StatefulSet controller that starts
// watching the ledger at once.
func NewStatefulSetController(cfg Config) *StatefulSetController {
	c := &StatefulSetController{loop: cfg.Loop, api: cfg.API}
	c.queue = newWorkQueue(cfg.Loop, c.sync)
	cfg.API.StatefulSets.Watch(0, true, c.onSet)
	cfg.API.Pods.WatchSelected(0, false, controlledBy("StatefulSet"), c.onPod)
	return c
}

func (c *StatefulSetController) onSet(ev apiserver.WatchEvent[*appsv1.StatefulSet]) {
	if ev.Type == apiserver.Deleted {
		c.collect(ev.Object)
		return
	}
	c.queue.add(apiserver.KeyOf(ev.Object))
}

func (c *StatefulSetController) onPod(ev apiserver.WatchEvent[*corev1.Pod]) {
	ref := controllerOf(ev.Object)
	if ev.Type == apiserver.Deleted {
		c.releaseClaims(ev.Object)
	}
	c.queue.add(apiserver.Key{Namespace: ev.Object.Namespace, Name: ref.Name})
}

// collect deletes the pods of a deleted StatefulSet, as the garbage
// collector does, and its claims when whenDeleted is Delete.
// Reference: pkg/controller/statefulset/stateful_set_utils.go
// (updateClaimOwnerRefForSetAndPod: whenDeleted=Delete makes the set an
// owner of each claim).
func (c *StatefulSetController) collect(s *appsv1.StatefulSet) {
	for _, p := range c.api.Pods.ListSharedByController(s.Namespace, s.UID) {
		if p.DeletionTimestamp == nil {
			_ = c.api.DeletePod(p.Namespace, p.Name, nil)
		}
	}
	if retention(s).WhenDeleted != appsv1.DeletePersistentVolumeClaimRetentionPolicyType {
		return
	}
	for _, cl := range c.api.Claims.List() {
		if cl.Namespace == s.Namespace && slices.ContainsFunc(cl.OwnerReferences, func(r metav1.OwnerReference) bool { return r.UID == s.UID }) {
			_ = c.api.Claims.DeleteFinalized(cl.Namespace, cl.Name)
		}
	}
}

// releaseClaims deletes the claims of a pod that went for good after a
// scale down, when whenScaled is Delete (the pod is the claim's owner).
func (c *StatefulSetController) releaseClaims(p *corev1.Pod) {
	s, err := c.api.StatefulSets.Get(p.Namespace, controllerOf(p).Name)
	if err != nil || retention(s).WhenScaled != appsv1.DeletePersistentVolumeClaimRetentionPolicyType {
		return
	}
	ord, ok := ordinalOf(s, p.Name)
	if !ok || ord < ordinalStart(s)+int(*s.Spec.Replicas) {
		return
	}
	for _, t := range s.Spec.VolumeClaimTemplates {
		_ = c.api.Claims.DeleteFinalized(s.Namespace, claimName(t.Name, s.Name, ord))
	}
}

func retention(s *appsv1.StatefulSet) appsv1.StatefulSetPersistentVolumeClaimRetentionPolicy {
	if s.Spec.PersistentVolumeClaimRetentionPolicy == nil {
		return appsv1.StatefulSetPersistentVolumeClaimRetentionPolicy{WhenDeleted: "Retain", WhenScaled: "Retain"}
	}
	return *s.Spec.PersistentVolumeClaimRetentionPolicy
}

func ordinalStart(s *appsv1.StatefulSet) int {
	if s.Spec.Ordinals != nil {
		return int(s.Spec.Ordinals.Start)
	}
	return 0
}

// podName is the pod of ordinal ord: "web-0".
func podName(s *appsv1.StatefulSet, ord int) string { return s.Name + "-" + strconv.Itoa(ord) }

// claimName is the claim of template t for ordinal ord: "www-web-0".
func claimName(template, set string, ord int) string {
	return template + "-" + set + "-" + strconv.Itoa(ord)
}

// ordinalOf returns the ordinal in a pod's name, if it is "<set>-<n>".
func ordinalOf(s *appsv1.StatefulSet, name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, s.Name+"-")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 || strconv.Itoa(n) != rest {
		return 0, false
	}
	return n, true
}

// UpdateRevision returns the name of the revision of a set's current
// template, "<set>-<hash>", which its pods carry in controller-revision-hash.
func UpdateRevision(s *appsv1.StatefulSet) string {
	return s.Name + "-" + ComputeHash(&s.Spec.Template, s.Status.CollisionCount)
}

// isHealthy: running and ready, and available after minReadySeconds, and
// not being deleted (stateful_set_control.go isHealthy).
func (c *StatefulSetController) isHealthy(s *appsv1.StatefulSet, p *corev1.Pod) bool {
	return p.Status.Phase == corev1.PodRunning && p.DeletionTimestamp == nil &&
		IsPodAvailable(p, s.Spec.MinReadySeconds, c.loop.Now().Wall())
}

// sync brings one StatefulSet towards its spec, one step at a time as
// the real controller's updateStatefulSet does: replace finished pods,
// create missing ordinals (lowest first), let condemned ordinals go
// (highest first), then roll pods onto the update revision (highest
// first, down to the partition).
// Reference: pkg/controller/statefulset/stateful_set_control.go.
func (c *StatefulSetController) sync(k apiserver.Key) error {
	s, err := c.api.StatefulSets.Get(k.Namespace, k.Name)
	if apierrors.IsNotFound(err) {
		return forgetHistory(c.api, k.Namespace, "StatefulSet", k.Name)
	}
	if err != nil {
		return err
	}
	start, replicas := ordinalStart(s), int(*s.Spec.Replicas)
	updateRev := UpdateRevision(s)
	currentRev := s.Status.CurrentRevision
	if currentRev == "" {
		currentRev = updateRev
	}
	inRange := make([]*corev1.Pod, replicas)
	var condemned []*corev1.Pod
	pods := c.api.Pods.ListSharedByController(s.Namespace, s.UID)
	live := map[string]bool{currentRev: true, updateRev: true}
	for _, p := range pods {
		live[p.Labels[ControllerRevisionLabel]] = true
	}
	if _, err := syncHistory(c.api, revisionOwner{meta: s, kind: "StatefulSet", template: &s.Spec.Template,
		hashLabel: historyHashLabel, hash: ComputeHash(&s.Spec.Template, s.Status.CollisionCount),
		limit: *s.Spec.RevisionHistoryLimit, limitAll: true}, live); err != nil {
		return err
	}
	for _, p := range pods {
		ord, ok := ordinalOf(s, p.Name)
		switch {
		case !ok:
		case ord >= start && ord < start+replicas:
			inRange[ord-start] = p
		default:
			condemned = append(condemned, p)
		}
	}
	slices.SortFunc(condemned, func(a, b *corev1.Pod) int {
		oa, _ := ordinalOf(s, a.Name)
		ob, _ := ordinalOf(s, b.Name)
		return ob - oa // highest first
	})
	defer func() { c.updateStatus(s, inRange, condemned, currentRev, updateRev) }()
	return c.step(s, inRange, condemned, currentRev, updateRev)
}

// step makes the next changes for a set; it stops where OrderedReady
// must wait.
func (c *StatefulSetController) step(s *appsv1.StatefulSet, inRange, condemned []*corev1.Pod, currentRev, updateRev string) error {
	monotonic := s.Spec.PodManagementPolicy != appsv1.ParallelPodManagement
	start := ordinalStart(s)
	for i, p := range inRange {
		ord := start + i
		switch {
		case p == nil:
			created, err := c.createPod(s, ord, c.revisionFor(s, ord, currentRev, updateRev))
			if err != nil {
				return err
			}
			inRange[i] = created
			if monotonic {
				return nil
			}
		case pod.Finished(p) && p.DeletionTimestamp == nil:
			// A pod that failed (or exited) is deleted, to be made again.
			if err := c.deletePod(s, p); err != nil {
				return err
			}
			if monotonic {
				return nil
			}
		case monotonic && !c.isHealthy(s, p):
			if endpointslice.IsPodReady(p) && s.Spec.MinReadySeconds > 0 {
				// Ready, not yet available: look again once it may be.
				c.queue.addAfter(apiserver.KeyOf(s), sim.Seconds(int64(s.Spec.MinReadySeconds))+1)
			}
			return nil // wait for this ordinal before the next
		default:
			if err := c.ensureClaims(s, ord, p.Name); err != nil {
				return err
			}
		}
	}
	for _, p := range condemned {
		if p.DeletionTimestamp != nil {
			if monotonic {
				return nil // one at a time: wait for it to go
			}
			continue
		}
		if monotonic && slices.ContainsFunc(inRange, func(q *corev1.Pod) bool { return q == nil || !c.isHealthy(s, q) }) {
			return nil
		}
		if err := c.deletePod(s, p); err != nil {
			return err
		}
		if monotonic {
			return nil
		}
	}
	if s.Spec.UpdateStrategy.Type != appsv1.RollingUpdateStatefulSetStrategyType {
		return nil // OnDelete: a pod takes the new template when someone deletes it
	}
	return c.rollingUpdate(s, inRange, updateRev)
}

// rollingUpdate deletes pods not on the update revision, from the highest
// ordinal down to the partition, keeping at most maxUnavailable pods
// unhealthy (the MaxUnavailableStatefulSet gate, on by default since
// 1.35). Each deleted pod is made again, on the update revision, by a
// later sync.
func (c *StatefulSetController) rollingUpdate(s *appsv1.StatefulSet, inRange []*corev1.Pod, updateRev string) error {
	partition := 0
	maxUnavailable := 1
	if ru := s.Spec.UpdateStrategy.RollingUpdate; ru != nil {
		if ru.Partition != nil {
			partition = int(*ru.Partition)
		}
		if ru.MaxUnavailable != nil {
			v, _ := intstr.GetScaledValueFromIntOrPercent(ru.MaxUnavailable, len(inRange), false)
			maxUnavailable = max(1, v)
		}
	}
	unavailable := 0
	for _, p := range inRange {
		if p == nil || !c.isHealthy(s, p) {
			unavailable++
		}
	}
	start := ordinalStart(s)
	for i := len(inRange) - 1; i >= 0 && i+start >= partition; i-- {
		if unavailable >= maxUnavailable {
			return nil
		}
		p := inRange[i]
		if p == nil || p.DeletionTimestamp != nil || p.Labels[ControllerRevisionLabel] == updateRev {
			continue
		}
		if !c.isHealthy(s, p) {
			continue // already counted as unavailable
		}
		if err := c.deletePod(s, p); err != nil {
			return err
		}
		unavailable++
	}
	return nil
}

// revisionFor returns the revision a new pod of ordinal ord is made
// from: below the partition it keeps the current revision
// (newVersionedStatefulSetPod).
func (c *StatefulSetController) revisionFor(s *appsv1.StatefulSet, ord int, currentRev, updateRev string) string {
	if ru := s.Spec.UpdateStrategy.RollingUpdate; s.Spec.UpdateStrategy.Type == appsv1.RollingUpdateStatefulSetStrategyType &&
		ru != nil && ru.Partition != nil && ord < int(*ru.Partition) && currentRev != updateRev {
		return currentRev
	}
	return updateRev
}

// templateOf returns the pod template of a revision: the set's own for the
// update revision; for an older one, the template the set's pods of that
// revision were made from, recorded when the set saw it last.
func (c *StatefulSetController) templateOf(s *appsv1.StatefulSet, rev string) corev1.PodTemplateSpec {
	if rev != UpdateRevision(s) {
		if t, ok := c.oldTemplate(s, rev); ok {
			return t
		}
	}
	return s.Spec.Template
}

// oldTemplate finds a pod of the set on revision rev and returns its
// template part (labels without the set's own, annotations, spec without
// the identity the controller added).
func (c *StatefulSetController) oldTemplate(s *appsv1.StatefulSet, rev string) (corev1.PodTemplateSpec, bool) {
	for _, p := range c.api.Pods.ListSharedByController(s.Namespace, s.UID) {
		if p.Labels[ControllerRevisionLabel] != rev {
			continue
		}
		t := corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: maps.Clone(p.Labels), Annotations: maps.Clone(p.Annotations)}, Spec: *p.Spec.DeepCopy()}
		for _, l := range []string{StatefulSetPodNameLabel, ControllerRevisionLabel, StatefulSetPodIndexLabel} {
			delete(t.Labels, l)
		}
		t.Spec.NodeName = ""
		return t, true
	}
	return corev1.PodTemplateSpec{}, false
}

// createPod makes the claims of ordinal ord that are missing, then its
// pod: named <set>-<ord>, with hostname and subdomain for its DNS name,
// the set's labels, and a volume per claim template
// (stateful_set_utils.go newStatefulSetPod, updateIdentity, updateStorage).
func (c *StatefulSetController) createPod(s *appsv1.StatefulSet, ord int, rev string) (*corev1.Pod, error) {
	name := podName(s, ord)
	if err := c.ensureClaims(s, ord, name); err != nil {
		return nil, err
	}
	t := c.templateOf(s, rev)
	p := podFromTemplateOf(&t, s.Namespace, newControllerRef(s, "StatefulSet"))
	p.Name = name
	if p.Labels == nil {
		p.Labels = map[string]string{}
	}
	p.Labels[StatefulSetPodNameLabel] = name
	p.Labels[StatefulSetPodIndexLabel] = strconv.Itoa(ord)
	p.Labels[ControllerRevisionLabel] = rev
	p.Spec.Hostname = name
	p.Spec.Subdomain = s.Spec.ServiceName
	for _, ct := range s.Spec.VolumeClaimTemplates {
		v := corev1.Volume{Name: ct.Name, VolumeSource: corev1.VolumeSource{
			PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: claimName(ct.Name, s.Name, ord)}}}
		if i := slices.IndexFunc(p.Spec.Volumes, func(x corev1.Volume) bool { return x.Name == ct.Name }); i >= 0 {
			p.Spec.Volumes[i] = v
		} else {
			p.Spec.Volumes = append(p.Spec.Volumes, v)
		}
	}
	pod.Default(p)
	created, err := c.api.CreatePodNoCopy(p)
	if err != nil {
		c.event(s, sim.Warning, ReasonFailedCreate, fmt.Sprintf("create Pod %s in StatefulSet %s failed error: %v", name, s.Name, err), sim.Facts{})
		return nil, err
	}
	c.event(s, sim.Normal, ReasonSuccessfulCreate, fmt.Sprintf("create Pod %s in StatefulSet %s successful", name, s.Name), sim.Facts{To: name})
	return created, nil
}

// ensureClaims creates the claims of ordinal ord that do not exist yet;
// one that exists (from an earlier pod of that ordinal) is kept and
// re-attached (createPersistentVolumeClaims).
func (c *StatefulSetController) ensureClaims(s *appsv1.StatefulSet, ord int, podName string) error {
	for _, t := range s.Spec.VolumeClaimTemplates {
		name := claimName(t.Name, s.Name, ord)
		if _, err := c.api.Claims.Get(s.Namespace, name); err == nil {
			continue
		}
		cl := &corev1.PersistentVolumeClaim{ObjectMeta: *t.ObjectMeta.DeepCopy(), Spec: *t.Spec.DeepCopy()}
		cl.Name, cl.Namespace = name, s.Namespace
		cl.Labels = maps.Clone(cl.Labels)
		if cl.Labels == nil {
			cl.Labels = map[string]string{}
		}
		if s.Spec.Selector != nil {
			maps.Copy(cl.Labels, s.Spec.Selector.MatchLabels)
		}
		if retention(s).WhenDeleted == appsv1.DeletePersistentVolumeClaimRetentionPolicyType {
			// The set owns the claim, so that the claim goes with it
			// (updateClaimOwnerRefForSetAndPod); not as its controller.
			yes := true
			cl.OwnerReferences = []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "StatefulSet",
				Name: s.Name, UID: s.UID, BlockOwnerDeletion: &yes}}
		}
		if _, err := CreateClaim(c.api, cl); err != nil {
			c.event(s, sim.Warning, ReasonFailedCreate, fmt.Sprintf("create Claim %s for Pod %s in StatefulSet %s failed error: %v", name, podName, s.Name, err), sim.Facts{})
			return err
		}
		c.event(s, sim.Normal, ReasonSuccessfulCreate, fmt.Sprintf("create Claim %s Pod %s in StatefulSet %s success", name, podName, s.Name), sim.Facts{To: name})
	}
	return nil
}

func (c *StatefulSetController) deletePod(s *appsv1.StatefulSet, p *corev1.Pod) error {
	err := c.api.DeletePod(p.Namespace, p.Name, nil)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		c.event(s, sim.Warning, ReasonFailedDelete, fmt.Sprintf("delete Pod %s in StatefulSet %s failed error: %v", p.Name, s.Name, err), sim.Facts{})
		return err
	}
	c.event(s, sim.Normal, ReasonSuccessfulDelete, fmt.Sprintf("delete Pod %s in StatefulSet %s successful", p.Name, s.Name), sim.Facts{To: p.Name})
	return nil
}

func (c *StatefulSetController) event(s *appsv1.StatefulSet, typ, reason, msg string, facts sim.Facts) {
	recordAbout(c.loop, StatefulSetComponent, "StatefulSet", s, typ, reason, msg, facts)
}

// updateStatus writes the set's status after a sync: replicas (pods that
// exist), ready, available, current and updated counts, the revisions,
// and the observed generation. When every pod is on the update revision
// and ready, the update revision becomes the current one
// (updateStatefulSetStatus, completeRollingUpdate).
func (c *StatefulSetController) updateStatus(s *appsv1.StatefulSet, inRange, condemned []*corev1.Pod, currentRev, updateRev string) {
	// Read the pods again: the step may have created or deleted some.
	var st appsv1.StatefulSetStatus
	st.ObservedGeneration = s.Generation
	st.CollisionCount = s.Status.CollisionCount
	for _, p := range c.api.Pods.ListSharedByController(s.Namespace, s.UID) {
		if _, ok := ordinalOf(s, p.Name); !ok {
			continue
		}
		st.Replicas++
		if endpointslice.IsPodReady(p) && p.DeletionTimestamp == nil {
			st.ReadyReplicas++
			if IsPodAvailable(p, s.Spec.MinReadySeconds, c.loop.Now().Wall()) {
				st.AvailableReplicas++
			}
		}
		if p.DeletionTimestamp == nil {
			switch p.Labels[ControllerRevisionLabel] {
			case currentRev:
				st.CurrentReplicas++
			}
			if p.Labels[ControllerRevisionLabel] == updateRev {
				st.UpdatedReplicas++
			}
		}
	}
	st.CurrentRevision, st.UpdateRevision = currentRev, updateRev
	replicas := *s.Spec.Replicas
	if st.UpdatedReplicas == replicas && st.ReadyReplicas == replicas && st.Replicas == replicas {
		st.CurrentRevision = updateRev
		st.CurrentReplicas = st.UpdatedReplicas
	}
	if s.Spec.UpdateStrategy.Type == appsv1.OnDeleteStatefulSetStrategyType && st.UpdatedReplicas == replicas {
		st.CurrentRevision, st.CurrentReplicas = updateRev, st.UpdatedReplicas
	}
	if equalStatus(s.Status, st) {
		return
	}
	cur, err := c.api.StatefulSets.Get(s.Namespace, s.Name)
	if err != nil {
		return
	}
	cur.Status = st
	cur.ResourceVersion = ""
	_, _ = c.api.StatefulSets.Update(cur)
}

func equalStatus(a, b appsv1.StatefulSetStatus) bool {
	return a.ObservedGeneration == b.ObservedGeneration && a.Replicas == b.Replicas && a.ReadyReplicas == b.ReadyReplicas &&
		a.AvailableReplicas == b.AvailableReplicas && a.CurrentReplicas == b.CurrentReplicas && a.UpdatedReplicas == b.UpdatedReplicas &&
		a.CurrentRevision == b.CurrentRevision && a.UpdateRevision == b.UpdateRevision
}
