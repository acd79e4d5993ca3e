package controller

import (
	"maps"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/nodenucleus/nucleus/endpointslice"
)

// podFacts is what a ReplicaSet's sync needs to know of one version of
// one of its pods.
type podFacts struct {
	selected     bool // the ReplicaSet's selector selects the pod
	active       bool // IsPodActive
	terminating  bool // isPodTerminating
	fullyLabeled bool // the pod carries every label of the template
	ready        bool // the pod's Ready condition is True
}

// podFactsMemo remembers the facts of the pod versions a ReplicaSet's
// last sync read. The ledger never changes a stored pod in place (every
// write stores a new object), so the facts of one version never change:
// the next sync looks a pod up by the version it holds instead of reading
// the pod again. With thousands of pods spread over a large heap, reading
// a pod's labels and conditions costs several trips to main memory each,
// and most pods have not changed between two syncs.
//
// A memo holds for one selector and one set of template labels. It keeps
// the versions it knows alive until the next sync replaces them.
//
// A sync reads its pods in name order, as the ledger's index by controller
// gives them, so the memo keeps them in that order too and walks its list
// beside the sync's: a pod whose version is the one at the memo's cursor
// is answered without hashing anything, and only a changed or new pod
// makes the cursor look past the versions that are gone.
type podFactsMemo struct {
	// The ReplicaSet's selector and template labels the facts hold for.
	selector       *metav1.LabelSelector
	templateLabels map[string]string

	selects  func(map[string]string) bool
	template labelMatcher
	known    []memoEntry // read by the last sync, in the order it read them
	next     int         // the cursor in known
	seen     []memoEntry // read by this sync so far

	// counts are the ReplicaSet's pods counted as of its last sync, when
	// counted is set (see podCounts).
	counts  podCounts
	counted bool
}

// memoEntry is the facts of one pod version.
type memoEntry struct {
	pod   *corev1.Pod
	facts podFacts
}

// newPodFactsMemo returns an empty memo for rs, whose selector is sel.
func newPodFactsMemo(rs *appsv1.ReplicaSet, sel labels.Selector) *podFactsMemo {
	m := &podFactsMemo{
		selector:       rs.Spec.Selector.DeepCopy(),
		templateLabels: maps.Clone(rs.Spec.Template.Labels),
		selects:        func(l map[string]string) bool { return sel.Matches(labels.Set(l)) },
		template:       newLabelMatcher(rs.Spec.Template.Labels),
	}
	if len(rs.Spec.Selector.MatchExpressions) == 0 {
		// The same test with one map lookup a label where sel makes two.
		m.selects = newLabelMatcher(rs.Spec.Selector.MatchLabels).matches
	}
	return m
}

// fits reports whether the memo was made for rs's selector and template
// labels as they are now.
func (m *podFactsMemo) fits(rs *appsv1.ReplicaSet) bool {
	return equality.Semantic.DeepEqual(m.selector, rs.Spec.Selector) && maps.Equal(m.templateLabels, rs.Spec.Template.Labels)
}

// facts returns the facts of p, a stored pod: remembered when the last
// sync read the same version, read from p otherwise. Either way they are
// kept for the next sync.
//
// The memo answers for a version only when it is the very object the last
// sync read, so any order of calls gives the right facts; calls in name
// order, one namespace at a time, find most versions at the cursor.
func (m *podFactsMemo) facts(p *corev1.Pod) podFacts {
	// Skip the versions named before p: replaced or gone since.
	for m.next < len(m.known) && m.known[m.next].pod != p && m.known[m.next].pod.Name < p.Name {
		m.next++
	}
	var f podFacts
	if m.next < len(m.known) && m.known[m.next].pod == p {
		f = m.known[m.next].facts
		m.next++
	} else {
		f = m.read(p)
	}
	m.seen = append(m.seen, memoEntry{pod: p, facts: f})
	return f
}

// remembers reports whether the memo holds the facts of version p.
func (m *podFactsMemo) remembers(p *corev1.Pod) bool {
	for _, e := range m.known {
		if e.pod == p {
			return true
		}
	}
	return false
}

// read reads the facts from p itself.
func (m *podFactsMemo) read(p *corev1.Pod) podFacts {
	return podFacts{
		selected:     m.selects(p.Labels),
		active:       IsPodActive(p),
		terminating:  isPodTerminating(p),
		fullyLabeled: m.template.matches(p.Labels),
		ready:        endpointslice.IsPodReady(p),
	}
}

// endSync forgets the versions this sync did not read: they have been
// replaced or removed since.
func (m *podFactsMemo) endSync() {
	clear(m.known) // hold on to no version that is gone
	m.known, m.seen, m.next = m.seen, m.known[:0], 0
}

// forgetVersions forgets every version the memo knows, for a ReplicaSet
// whose syncs count its pods from the ledger's changes instead of listing
// them: the versions would be replaced long before the next list, and
// kept alive until then.
func (m *podFactsMemo) forgetVersions() {
	if m.known != nil || m.seen != nil {
		m.known, m.seen, m.next = nil, nil, 0
	}
}
