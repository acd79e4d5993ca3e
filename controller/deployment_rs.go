package controller

import (
	"fmt"
	"maps"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// Annotations the Deployment controller keeps on its ReplicaSets
// (deployment_util.go).
const (
	RevisionAnnotation        = "deployment.kubernetes.io/revision"
	RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history"
	DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas"
	MaxReplicasAnnotation     = "deployment.kubernetes.io/max-replicas"
	// maxRevisionHistoryChars caps the revision-history annotation.
	maxRevisionHistoryChars = 2000
)

// ReasonScalingReplicaSet is the reason of the Deployment controller's
// scaling events.
const ReasonScalingReplicaSet = "ScalingReplicaSet"

// skipCopy lists the Deployment annotations that are not copied onto its
// ReplicaSets.
var skipCopy = map[string]bool{
	"kubectl.kubernetes.io/last-applied-configuration": true,
	RevisionAnnotation: true, RevisionHistoryAnnotation: true,
	DesiredReplicasAnnotation: true, MaxReplicasAnnotation: true,
	"deprecated.deployment.rollback.to": true,
}

// findNewReplicaSet returns the oldest ReplicaSet whose template is d's
// template, ignoring the hash label, or nil.
func findNewReplicaSet(d *appsv1.Deployment, rsList []*appsv1.ReplicaSet) *appsv1.ReplicaSet {
	for _, rs := range rsList { // oldest first
		if equalIgnoreHash(&rs.Spec.Template, &d.Spec.Template) {
			return rs
		}
	}
	return nil
}

// newAndOldReplicaSets splits d's ReplicaSets into the one for the current
// template (created when create is true and there is none) and the rest
// (getAllReplicaSetsAndSyncRevision).
func (c *DeploymentController) newAndOldReplicaSets(d *appsv1.Deployment, rsList []*appsv1.ReplicaSet, create bool) (*appsv1.ReplicaSet, []*appsv1.ReplicaSet, error) {
	existing := findNewReplicaSet(d, rsList)
	var old []*appsv1.ReplicaSet
	for _, rs := range rsList {
		if existing == nil || rs.UID != existing.UID {
			old = append(old, rs)
		}
	}
	newRevision := strconv.FormatInt(maxRevision(old)+1, 10)
	if existing != nil {
		rs, err := c.syncExistingNewReplicaSet(d, existing, newRevision)
		return rs, old, err
	}
	if !create {
		return nil, old, nil
	}
	rs, err := c.createNewReplicaSet(d, old, newRevision)
	return rs, old, err
}

// syncExistingNewReplicaSet brings the new ReplicaSet's annotations and
// minReadySeconds up to date and copies its revision onto d.
func (c *DeploymentController) syncExistingNewReplicaSet(d *appsv1.Deployment, rs *appsv1.ReplicaSet, newRevision string) (*appsv1.ReplicaSet, error) {
	cp := rs.DeepCopy()
	changed := setNewReplicaSetAnnotations(d, cp, newRevision, true)
	if changed || cp.Spec.MinReadySeconds != d.Spec.MinReadySeconds {
		cp.Spec.MinReadySeconds = d.Spec.MinReadySeconds
		return UpdateReplicaSet(c.api, cp)
	}
	needsUpdate := setDeploymentRevision(d, cp.Annotations[RevisionAnnotation])
	if hasProgressDeadline(d) && deploymentCondition(d.Status, appsv1.DeploymentProgressing) == nil {
		setDeploymentCondition(&d.Status, newDeploymentCondition(appsv1.DeploymentProgressing, "True", ReasonFoundNewReplicaSet,
			fmt.Sprintf("Found new replica set %q", cp.Name), c.loop.Now()))
		needsUpdate = true
	}
	if needsUpdate {
		if err := c.updateDeployment(d); err != nil {
			return nil, err
		}
	}
	return cp, nil
}

// createNewReplicaSet opens the ReplicaSet for d's current template, named
// <deployment>-<pod-template-hash>, with the hash label on its selector,
// template and (so) pods.
func (c *DeploymentController) createNewReplicaSet(d *appsv1.Deployment, old []*appsv1.ReplicaSet, newRevision string) (*appsv1.ReplicaSet, error) {
	t := *d.Spec.Template.DeepCopy()
	hash := ComputeHash(&t, d.Status.CollisionCount)
	t.Labels = withLabel(d.Spec.Template.Labels, appsv1.DefaultDeploymentUniqueLabelKey, hash)
	sel := d.Spec.Selector.DeepCopy()
	sel.MatchLabels = withLabel(sel.MatchLabels, appsv1.DefaultDeploymentUniqueLabelKey, hash)
	zero := int32(0)
	rs := &appsv1.ReplicaSet{
		TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "ReplicaSet"},
		ObjectMeta: metav1.ObjectMeta{
			Name: d.Name + "-" + hash, Namespace: d.Namespace, Labels: maps.Clone(t.Labels),
			OwnerReferences: []metav1.OwnerReference{newControllerRef(d, "Deployment")},
		},
		Spec: appsv1.ReplicaSetSpec{Replicas: &zero, MinReadySeconds: d.Spec.MinReadySeconds, Selector: sel, Template: t},
	}
	n := newRSNewReplicas(d, append(old, rs), rs)
	rs.Spec.Replicas = &n
	setNewReplicaSetAnnotations(d, rs, newRevision, false)
	created, err := CreateReplicaSet(c.api, rs)
	switch {
	case apierrors.IsAlreadyExists(err):
		return c.onNameTaken(d, rs)
	case err != nil:
		msg := fmt.Sprintf("Failed to create new replica set %q: %v", rs.Name, err)
		if hasProgressDeadline(d) {
			setDeploymentCondition(&d.Status, newDeploymentCondition(appsv1.DeploymentProgressing, "False", ReasonFailedRSCreate, msg, c.loop.Now()))
			_ = c.updateDeployment(d)
		}
		c.event(d, sim.Warning, ReasonFailedRSCreate, msg)
		return nil, err
	}
	if n > 0 {
		c.event(d, sim.Normal, ReasonScalingReplicaSet, fmt.Sprintf("Scaled up replica set %s from 0 to %d", created.Name, n),
			sim.Facts{Count: n, From: "0", To: created.Name})
	}
	setDeploymentRevision(d, newRevision)
	if hasProgressDeadline(d) {
		setDeploymentCondition(&d.Status, newDeploymentCondition(appsv1.DeploymentProgressing, "True", ReasonNewReplicaSetCreated,
			fmt.Sprintf("Created new replica set %q", created.Name), c.loop.Now()))
	}
	return created, c.updateDeployment(d)
}

// onNameTaken handles a ReplicaSet name that exists already: if d owns it
// with the same template it is the new ReplicaSet; otherwise it is a hash
// collision, and d's collisionCount goes up so the next try gets another
// hash.
func (c *DeploymentController) onNameTaken(d *appsv1.Deployment, want *appsv1.ReplicaSet) (*appsv1.ReplicaSet, error) {
	rs, err := c.api.ReplicaSets.Get(want.Namespace, want.Name)
	if err != nil {
		return nil, err
	}
	if ref := controllerOf(rs); ref != nil && ref.UID == d.UID && equalIgnoreHash(&d.Spec.Template, &rs.Spec.Template) {
		return rs, nil
	}
	n := int32(0)
	if d.Status.CollisionCount != nil {
		n = *d.Status.CollisionCount
	}
	n++
	d.Status.CollisionCount = &n
	if err := c.updateDeployment(d); err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("replica set %q exists with another template: hash collision", want.Name)
}

// updateDeployment writes d (its status, in effect) and refreshes d's
// resourceVersion.
func (c *DeploymentController) updateDeployment(d *appsv1.Deployment) error {
	updated, err := c.api.Deployments.Update(d)
	if err != nil {
		return err
	}
	d.ResourceVersion = updated.ResourceVersion
	return nil
}

// setNewReplicaSetAnnotations copies d's annotations onto rs, raises rs's
// revision to newRevision (keeping the old one in revision-history when a
// template comes back), and for a ReplicaSet about to be created sets the
// replicas annotations. It reports whether anything changed.
func setNewReplicaSetAnnotations(d *appsv1.Deployment, rs *appsv1.ReplicaSet, newRevision string, exists bool) bool {
	if rs.Annotations == nil {
		rs.Annotations = map[string]string{}
	}
	changed := false
	for _, k := range sortedKeys(d.Annotations) {
		if v, ok := rs.Annotations[k]; skipCopy[k] || (ok && v == d.Annotations[k]) {
			continue
		}
		rs.Annotations[k] = d.Annotations[k]
		changed = true
	}
	oldRevision, had := rs.Annotations[RevisionAnnotation]
	oldN, err := strconv.ParseInt(oldRevision, 10, 64)
	if err != nil && oldRevision != "" {
		return false
	}
	newN, _ := strconv.ParseInt(newRevision, 10, 64)
	if oldN < newN {
		rs.Annotations[RevisionAnnotation] = newRevision
		changed = true
		if had {
			appendRevisionHistory(rs, oldRevision)
		}
	}
	if !exists && setReplicasAnnotations(rs, *d.Spec.Replicas, *d.Spec.Replicas+maxSurge(d)) {
		changed = true
	}
	return changed
}

// appendRevisionHistory adds old to the revision-history annotation,
// dropping the oldest entries to stay within its length limit.
func appendRevisionHistory(rs *appsv1.ReplicaSet, old string) {
	history := rs.Annotations[RevisionHistoryAnnotation]
	if history == "" {
		rs.Annotations[RevisionHistoryAnnotation] = old
		return
	}
	entries := strings.Split(history, ",")
	total, start := len(history)+len(old)+1, 0
	for total > maxRevisionHistoryChars && start < len(entries) {
		total -= len(entries[start]) + 1
		start++
	}
	if total <= maxRevisionHistoryChars {
		rs.Annotations[RevisionHistoryAnnotation] = strings.Join(append(entries[start:], old), ",")
	}
}

// setReplicasAnnotations records desired and max replicas on rs; it
// reports whether they changed.
func setReplicasAnnotations(rs *appsv1.ReplicaSet, desired, most int32) bool {
	if rs.Annotations == nil {
		rs.Annotations = map[string]string{}
	}
	d, m := strconv.Itoa(int(desired)), strconv.Itoa(int(most))
	if rs.Annotations[DesiredReplicasAnnotation] == d && rs.Annotations[MaxReplicasAnnotation] == m {
		return false
	}
	rs.Annotations[DesiredReplicasAnnotation] = d
	rs.Annotations[MaxReplicasAnnotation] = m
	return true
}

// setDeploymentRevision sets d's revision annotation; it reports whether
// it changed.
func setDeploymentRevision(d *appsv1.Deployment, revision string) bool {
	if d.Annotations == nil {
		d.Annotations = map[string]string{}
	}
	if d.Annotations[RevisionAnnotation] == revision {
		return false
	}
	d.Annotations[RevisionAnnotation] = revision
	return true
}

// revisionOf returns a ReplicaSet's revision, 0 when it has none.
func revisionOf(rs *appsv1.ReplicaSet) int64 {
	n, err := strconv.ParseInt(rs.Annotations[RevisionAnnotation], 10, 64)
	if err != nil {
		return 0
	}
	return n
}

func maxRevision(list []*appsv1.ReplicaSet) int64 {
	var most int64
	for _, rs := range list {
		most = max(most, revisionOf(rs))
	}
	return most
}

// intAnnotation reads an int32 annotation of rs.
func intAnnotation(rs *appsv1.ReplicaSet, key string) (int32, bool) {
	v, ok := rs.Annotations[key]
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 32)
	return int32(n), err == nil
}

// scaleReplicaSet sets rs's replicas to n (and the replicas annotations),
// recording a ScalingReplicaSet event when the size changed. It returns
// whether the size changed and the stored ReplicaSet.
func (c *DeploymentController) scaleReplicaSet(d *appsv1.Deployment, rs *appsv1.ReplicaSet, n int32) (bool, *appsv1.ReplicaSet, error) {
	sizeChanged := *rs.Spec.Replicas != n
	cp := rs.DeepCopy()
	annotationsChanged := setReplicasAnnotations(cp, *d.Spec.Replicas, *d.Spec.Replicas+maxSurge(d))
	if !sizeChanged && !annotationsChanged {
		return false, rs, nil
	}
	from := *rs.Spec.Replicas
	cp.Spec.Replicas = &n
	updated, err := UpdateReplicaSet(c.api, cp)
	if err != nil {
		return false, rs, err
	}
	if sizeChanged {
		dir := "up"
		if n < from {
			dir = "down"
		}
		c.event(d, sim.Normal, ReasonScalingReplicaSet, fmt.Sprintf("Scaled %s replica set %s from %d to %d", dir, rs.Name, from, n),
			sim.Facts{Count: n, From: strconv.Itoa(int(from)), To: rs.Name})
	}
	return sizeChanged, updated, nil
}
