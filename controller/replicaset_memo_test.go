package controller

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// A memo answers for the version of a pod it has seen, reads a new
// version afresh, forgets what a sync did not see, and holds only for the
// selector and template labels it was made for.
func TestPodFactsMemo(t *testing.T) {
	rs := newReplicaSet("web-rs", 1)
	sel, err := metav1.LabelSelectorAsSelector(rs.Spec.Selector)
	require.NoError(t, err)
	memo := newPodFactsMemo(rs, sel)

	pending := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web-1", Labels: map[string]string{"app": "web"}}}
	want := podFacts{selected: true, active: true, fullyLabeled: true}
	assert.Equal(t, want, memo.facts(pending), "first read")
	memo.endSync()

	// Were the stored version changed in place, the memo would not notice:
	// that is the ledger's promise it relies on.
	pending.Labels = nil
	assert.Equal(t, want, memo.facts(pending), "the same version, from the memo")
	ready := pending.DeepCopy()
	ready.Labels = map[string]string{"app": "web"}
	ready.Status.Conditions = []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}}
	assert.Equal(t, podFacts{selected: true, active: true, fullyLabeled: true, ready: true}, memo.facts(ready), "a new version")
	memo.endSync()

	memo.facts(ready)
	memo.endSync()
	assert.True(t, memo.remembers(ready))
	assert.False(t, memo.remembers(pending), "a version the last sync did not read is still kept")

	assert.True(t, memo.fits(rs.DeepCopy()))
	relabeled := rs.DeepCopy()
	relabeled.Spec.Template.Labels["tier"] = "front"
	assert.False(t, memo.fits(relabeled), "fits after the template labels changed")
	reselected := rs.DeepCopy()
	reselected.Spec.Selector.MatchLabels = map[string]string{"app": "api"}
	assert.False(t, memo.fits(reselected), "fits after the selector changed")
}

// A sync that reads its pods in name order gets every unchanged version
// from the memo, even after pods before it were replaced, removed or
// added; a new version and a new pod are read afresh.
func TestPodFactsMemoWalksInNameOrder(t *testing.T) {
	rs := newReplicaSet("web-rs", 1)
	sel, err := metav1.LabelSelectorAsSelector(rs.Spec.Selector)
	require.NoError(t, err)
	memo := newPodFactsMemo(rs, sel)
	web := func(name string) *corev1.Pod {
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"app": "web"}}}
	}
	pods := []*corev1.Pod{web("a"), web("b"), web("c"), web("d"), web("e")}
	for _, p := range pods {
		memo.facts(p)
	}
	memo.endSync()
	// Changed in place, a version the memo knows keeps its old facts:
	// that shows the answer came from the memo.
	for _, p := range pods {
		p.Labels = nil
	}
	newB := web("b")                                                    // a new version of b
	second := []*corev1.Pod{pods[0], newB, web("bb"), pods[3], pods[4]} // c gone, bb new
	want := []bool{true, true, true, true, true}
	for i, p := range second {
		assert.Equal(t, want[i], memo.facts(p).selected, "pod %s", p.Name)
	}
	memo.endSync()
	assert.False(t, memo.remembers(pods[2]), "c is gone")
	assert.True(t, memo.remembers(newB))
	assert.Equal(t, podFacts{active: true}, memo.read(pods[0]), "a as it is now: no labels")
}
