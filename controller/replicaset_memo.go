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
type podFactsMemo struct {
	// The ReplicaSet's selector and template labels the facts hold for.
	selector       *metav1.LabelSelector
	templateLabels map[string]string

	selects  func(map[string]string) bool
	template labelMatcher
	known    map[*corev1.Pod]podFacts // read by the last sync
	seen     map[*corev1.Pod]podFacts // read by this sync so far
}

// newPodFactsMemo returns an empty memo for rs, whose selector is sel.
func newPodFactsMemo(rs *appsv1.ReplicaSet, sel labels.Selector) *podFactsMemo {
	m := &podFactsMemo{
		selector:       rs.Spec.Selector.DeepCopy(),
		templateLabels: maps.Clone(rs.Spec.Template.Labels),
		selects:        func(l map[string]string) bool { return sel.Matches(labels.Set(l)) },
		template:       newLabelMatcher(rs.Spec.Template.Labels),
		known:          map[*corev1.Pod]podFacts{},
		seen:           map[*corev1.Pod]podFacts{},
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
func (m *podFactsMemo) facts(p *corev1.Pod) podFacts {
	f, ok := m.known[p]
	if !ok {
		f = m.read(p)
	}
	m.seen[p] = f
	return f
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
	m.known, m.seen = m.seen, m.known
	clear(m.seen)
}
