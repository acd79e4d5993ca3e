package apiserver

import (
	"fmt"
	"reflect"
	"slices"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/nodelifecycle"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// Bind assigns a pending pod to a store (node), as the scheduler's binding
// does: it sets spec.nodeName and the PodScheduled condition. It returns
// the stored pod itself, shared with the ledger as ListShared's pods are,
// so that binding thousands of pods copies none: the caller must not
// change it.
func (s *Server) Bind(namespace, name string, uid types.UID, node string) (*corev1.Pod, error) {
	cur, ok := s.Pods.lookup(Key{namespace, name})
	if !ok {
		return nil, apierrors.NewNotFound(s.Pods.resource, name)
	}
	if cur.UID != uid {
		return nil, apierrors.NewConflict(s.Pods.resource, name, fmt.Errorf("uid %s does not match %s", uid, cur.UID))
	}
	if cur.Spec.NodeName != "" {
		return nil, apierrors.NewConflict(s.Pods.resource, name, fmt.Errorf("pod %s is already assigned to node %q", name, cur.Spec.NodeName))
	}
	// A new object sharing the unchanged parts with the stored one.
	p := *cur
	p.Spec.NodeName = node
	// A nomination is spent once the pod is bound (the
	// ClearingNominatedNodeNameAfterBinding feature, on by default:
	// pkg/registry/core/pod/storage/storage.go setPodNodeAndMetadata).
	p.Status.NominatedNodeName = ""
	p.Status.Conditions = slices.Clone(cur.Status.Conditions)
	now := metav1.NewTime(s.loop.Now().Wall())
	setCondition(&p.Status, corev1.PodCondition{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, LastTransitionTime: now})
	return s.Pods.store(cur, &p), nil
}

func setCondition(st *corev1.PodStatus, c corev1.PodCondition) {
	for i := range st.Conditions {
		if st.Conditions[i].Type == c.Type {
			st.Conditions[i] = c
			return
		}
	}
	st.Conditions = append(st.Conditions, c)
}

// UpdatePodStatus replaces a pod's status, as the kubelet's status manager
// does, and returns the stored pod itself, shared with the ledger as
// ListShared's pods are, so that the status updates of thousands of pods
// copy no pod twice: the caller must not change it. The pod must still be
// the one with uid.
func (s *Server) UpdatePodStatus(namespace, name string, uid types.UID, status corev1.PodStatus) (*corev1.Pod, error) {
	return s.UpdatePodStatusShared(namespace, name, uid, *status.DeepCopy())
}

// UpdatePodStatusShared is UpdatePodStatus for a caller that shares status
// with the ledger: the ledger stores status as it is, without copying
// what it points to (conditions, container statuses), and the caller must
// never change any of that afterwards, only build the next status around
// it. A store manager that keeps its last status read-only saves a deep
// copy of every status it sends.
func (s *Server) UpdatePodStatusShared(namespace, name string, uid types.UID, status corev1.PodStatus) (*corev1.Pod, error) {
	cur, ok := s.Pods.lookup(Key{namespace, name})
	if !ok || cur.UID != uid {
		return nil, apierrors.NewNotFound(s.Pods.resource, name)
	}
	// A new object with the new status, sharing the rest with the stored one.
	p := *cur
	p.Status = status
	return s.Pods.store(cur, &p), nil
}

// DeletePod deletes a pod the way the API server does (reference
// kubelet.md §6.1): a pod that is bound to a store and not yet finished is
// only marked, with deletionTimestamp now+grace, and stays until its store
// manager has stopped it and deletes it again with grace 0. The first
// mark is a new generation of the pod (the store manager must act on it);
// a later delete that only shortens the grace period is not.
// Reference: staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go
// (BeforeDelete) and pkg/registry/generic/registry/store.go
// (markAsDeleting) bump metadata.generation when deletionTimestamp is
// first set. gracePeriod nil
// means the pod's own terminationGracePeriodSeconds. A pod that was never
// scheduled, or has finished, goes at once, as does any pod deleted with
// grace 0 (kubectl delete --grace-period=0 --force).
func (s *Server) DeletePod(namespace, name string, gracePeriod *int64) error {
	k := Key{namespace, name}
	p, ok := s.Pods.lookup(k)
	if !ok {
		return apierrors.NewNotFound(s.Pods.resource, name)
	}
	grace := int64(0)
	switch {
	case gracePeriod != nil:
		grace = *gracePeriod
	case p.Spec.TerminationGracePeriodSeconds != nil:
		grace = *p.Spec.TerminationGracePeriodSeconds
	}
	if grace < 0 {
		grace = 1
	}
	if p.Spec.NodeName == "" || p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
		grace = 0
	}
	if grace == 0 && len(p.Finalizers) == 0 {
		s.Pods.remove(k)
		return nil
	}
	if p.DeletionTimestamp != nil {
		// Already terminating: a second delete may only shorten the grace period.
		if p.DeletionGracePeriodSeconds != nil && grace >= *p.DeletionGracePeriodSeconds {
			return nil
		}
	}
	q := p.DeepCopy()
	if q.DeletionTimestamp == nil && q.Generation > 0 {
		q.Generation++
	}
	at := metav1.NewTime(s.loop.Now().Wall().Add(sim.Seconds(grace)))
	q.DeletionTimestamp = &at
	q.DeletionGracePeriodSeconds = &grace
	q.ResourceVersion = ""
	_, err := s.Pods.Update(q)
	return err
}

// RemoveFinalizer drops one finalizer from a pod; a terminating pod whose
// last finalizer goes is removed.
func (s *Server) RemoveFinalizer(namespace, name, finalizer string) error {
	p, err := s.Pods.Get(namespace, name)
	if err != nil {
		return err
	}
	kept := p.Finalizers[:0]
	for _, f := range p.Finalizers {
		if f != finalizer {
			kept = append(kept, f)
		}
	}
	p.Finalizers = kept
	p.ResourceVersion = ""
	if len(kept) == 0 && p.DeletionTimestamp != nil && p.DeletionGracePeriodSeconds != nil && *p.DeletionGracePeriodSeconds == 0 {
		s.Pods.remove(KeyOf(p))
		return nil
	}
	_, err = s.Pods.Update(p)
	return err
}

// CreatePod creates a pod the way the API server's pod create does for
// every pod, whoever sends it (kubectl, a ReplicaSet controller): the
// DefaultTolerationSeconds admission plugin adds the not-ready and
// unreachable tolerations, and the pod starts with phase Pending and its
// QoS class, and metadata.generation 1. It returns the stored pod itself,
// shared with the ledger as ListShared's pods are: the caller must not
// change it.
// Reference: kubelet.md §9.3 (DefaultTolerationSeconds);
// pkg/registry/core/pod/strategy.go PrepareForCreate (generation 1, phase
// Pending, qosClass, and PodScheduled=False SchedulingGated for a gated
// pod).
func (s *Server) CreatePod(p *corev1.Pod) (*corev1.Pod, error) {
	return s.CreatePodNoCopy(p.DeepCopy())
}

// shareDefaults gives p the ledger's one copy of the default tolerations
// when it has none of its own, and of an empty securityContext when its
// own is empty: most pods carry exactly these, and a stored pod is
// read-only, so thousands of pods share one copy. The shared tolerations
// have no room to grow: an append to them copies.
func (s *Server) shareDefaults(p *corev1.Pod) {
	d := &s.podDefaults
	if len(p.Spec.Tolerations) == 0 {
		if d.tolerations == nil {
			var q corev1.Pod
			nodelifecycle.DefaultTolerations(&q)
			d.tolerations = slices.Clip(q.Spec.Tolerations)
		}
		p.Spec.Tolerations = d.tolerations
	}
	if sc := p.Spec.SecurityContext; sc != nil && sc != d.securityContext && reflect.ValueOf(*sc).IsZero() {
		if d.securityContext == nil {
			d.securityContext = &corev1.PodSecurityContext{}
		}
		p.Spec.SecurityContext = d.securityContext
	}
}

// CreatePodNoCopy is CreatePod for a pod that the caller hands over, such
// as one it has just built for the purpose: the ledger prepares and stores
// p itself, without copying it first, so a ReplicaSet controller creating
// thousands of pods from its template copies each spec once, not twice.
// The caller must not touch p once it is stored; when the create is
// refused (AlreadyExists), p, already given its default tolerations, may
// be renamed and sent again.
func (s *Server) CreatePodNoCopy(p *corev1.Pod) (*corev1.Pod, error) {
	p.Generation = 1
	s.shareDefaults(p)
	nodelifecycle.DefaultTolerations(p)
	p.Status = corev1.PodStatus{Phase: corev1.PodPending, QOSClass: pod.QOSClass(p)}
	if pod.Gated(p) {
		c := pod.GatedCondition()
		c.LastTransitionTime = metav1.NewTime(s.loop.Now().Wall())
		p.Status.Conditions = []corev1.PodCondition{c}
	}
	return s.Pods.create(p)
}
