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
	_, kept := memo.known[pending]
	assert.False(t, kept, "a version the last sync did not read is still kept")

	assert.True(t, memo.fits(rs.DeepCopy()))
	relabeled := rs.DeepCopy()
	relabeled.Spec.Template.Labels["tier"] = "front"
	assert.False(t, memo.fits(relabeled), "fits after the template labels changed")
	reselected := rs.DeepCopy()
	reselected.Spec.Selector.MatchLabels = map[string]string{"app": "api"}
	assert.False(t, memo.fits(reselected), "fits after the selector changed")
}
