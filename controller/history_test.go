package controller

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// revisionLines lists the owner's revisions as "name revision", lowest
// number first.
func revisionLines(api *apiserver.Server, owner metav1.Object) []string {
	var out []string
	for _, r := range revisionsOf(api, owner) {
		out = append(out, r.Name+" "+strconv.FormatInt(r.Revision, 10))
	}
	return out
}

// One revision per distinct template, named <owner>-<hash>, numbered in
// order; a template used again takes the next number instead of a new
// revision; beyond revisionHistoryLimit the oldest revisions no pod uses
// go; the owner's deletion takes its revisions with it.
// Reference: pkg/controller/history/controller_history.go
// (ControllerRevisionName, NewControllerRevision, FindEqualRevisions),
// pkg/controller/statefulset/stateful_set_control.go (getStatefulSetRevisions,
// truncateHistory).
func TestSyncHistory(t *testing.T) {
	api := apiserver.New(sim.New(1))
	s := &appsv1.StatefulSet{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", UID: "sts-uid",
		Annotations: map[string]string{"note": "x"}}, Spec: appsv1.StatefulSetSpec{Template: template("nginx:1.27")}}
	owner := func(hash string, limit int32) revisionOwner {
		return revisionOwner{meta: s, kind: "StatefulSet", template: &s.Spec.Template, hashLabel: historyHashLabel,
			hash: hash, limit: limit, limitAll: true}
	}
	n, err := syncHistory(api, owner("aaa", 10), nil)
	require.NoError(t, err)
	assert.Equal(t, int64(1), n)
	r, err := api.ControllerRevisions.Get("default", "web-aaa")
	require.NoError(t, err)
	assert.Equal(t, "aaa", r.Labels[historyHashLabel])
	assert.Equal(t, "web", r.Labels["app"])
	assert.Equal(t, "x", r.Annotations["note"])
	ref := metav1.GetControllerOf(r)
	require.NotNil(t, ref)
	assert.Equal(t, "StatefulSet", ref.Kind)
	assert.Contains(t, string(r.Data.Raw), `"$patch":"replace"`)
	assert.Contains(t, string(r.Data.Raw), `"image":"nginx:1.27"`)

	// The same template again changes nothing.
	n, err = syncHistory(api, owner("aaa", 10), nil)
	require.NoError(t, err)
	assert.Equal(t, int64(1), n)
	assert.Equal(t, []string{"web-aaa 1"}, revisionLines(api, s))

	_, err = syncHistory(api, owner("bbb", 10), nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"web-aaa 1", "web-bbb 2"}, revisionLines(api, s))

	// A rollback renumbers the old revision.
	n, err = syncHistory(api, owner("aaa", 10), nil)
	require.NoError(t, err)
	assert.Equal(t, int64(3), n)
	assert.Equal(t, []string{"web-bbb 2", "web-aaa 3"}, revisionLines(api, s))

	// Limit 1: the revision a pod still uses stays, then goes once free.
	_, err = syncHistory(api, owner("ccc", 1), map[string]bool{"web-bbb": true})
	require.NoError(t, err)
	assert.Equal(t, []string{"web-bbb 2", "web-ccc 4"}, revisionLines(api, s))
	_, err = syncHistory(api, owner("ccc", 1), nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"web-ccc 4"}, revisionLines(api, s))

	require.NoError(t, forgetHistory(api, "default", "StatefulSet", "web"))
	assert.Empty(t, api.ControllerRevisions.List())
}

// A DaemonSet counts only the revisions no pod uses against its limit.
// Reference: pkg/controller/daemon/update.go (cleanupHistory).
func TestSyncHistoryDaemonSetLimit(t *testing.T) {
	api := apiserver.New(sim.New(1))
	d := &appsv1.DaemonSet{ObjectMeta: metav1.ObjectMeta{Name: "x", Namespace: "default", UID: "ds-uid"},
		Spec: appsv1.DaemonSetSpec{Template: template("nginx:1.27")}}
	for _, h := range []string{"a", "b", "c"} {
		_, err := syncHistory(api, revisionOwner{meta: d, kind: "DaemonSet", template: &d.Spec.Template,
			hashLabel: appsv1.DefaultDaemonSetUniqueLabelKey, hash: h, limit: 1}, map[string]bool{"x-a": true})
		require.NoError(t, err)
	}
	// x-a is live, x-c is current: of the free ones (x-b) one may stay.
	assert.Equal(t, []string{"x-a 1", "x-b 2", "x-c 3"}, revisionLines(api, d))
	r, err := api.ControllerRevisions.Get("default", "x-c")
	require.NoError(t, err)
	assert.Equal(t, "c", r.Labels[appsv1.DefaultDaemonSetUniqueLabelKey])
}
