package controller

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// rollout runs a template change to the end, stepping the loop one event at
// a time, and returns the most active pods and the fewest available (active
// and ready) pods seen after any step.
func rollout(t *testing.T, h *harness, image string, until time.Duration) (most, fewest int) {
	t.Helper()
	h.setImage(image)
	end := h.loop.Now().Add(until)
	fewest = 1 << 30
	for {
		next, ok := h.loop.Next()
		if !ok || next > end {
			break
		}
		h.loop.Step()
		pods := h.pods("web-")
		most = max(most, countPods(pods, IsPodActive))
		fewest = min(fewest, countPods(pods, isActiveAndReady))
	}
	return most, fewest
}

func startDeployment(t *testing.T, h *harness, d *appsv1.Deployment) {
	t.Helper()
	_, err := CreateDeployment(h.api, d)
	require.NoError(t, err)
	h.loop.RunFor(30 * time.Second)
	require.Equal(t, int(*d.Spec.Replicas), countPods(h.pods("web-"), isActiveAndReady), "pods ready before the rollout")
}

// Reference: pkg/controller/deployment/rolling.go reconcileNewReplicaSet and
// reconcileOldReplicaSets, deployment_util.go ResolveFenceposts: 10
// replicas with maxSurge 25% (3, rounded up) and maxUnavailable 25% (2,
// rounded down) never run more than 13 pods nor fewer than 8 available.
func TestRollingUpdateStaysWithinSurgeAndUnavailable(t *testing.T) {
	tests := []struct {
		surge, unavailable intstr.IntOrString
		wantMost           int
		wantFewest         int
	}{
		{intstr.FromString("25%"), intstr.FromString("25%"), 13, 8},
		{intstr.FromInt32(0), intstr.FromInt32(1), 10, 9},
		{intstr.FromInt32(1), intstr.FromInt32(0), 11, 10},
	}
	for _, tt := range tests {
		h := newHarness(t)
		d := newDeployment(10, "nginx:1.27")
		d.Spec.Strategy = rollingUpdate(tt.surge, tt.unavailable)
		startDeployment(t, h, d)
		most, fewest := rollout(t, h, "nginx:1.28", 5*time.Minute)
		name := tt.surge.String() + "/" + tt.unavailable.String()
		assert.LessOrEqual(t, most, tt.wantMost, "%s: most active pods", name)
		assert.GreaterOrEqual(t, fewest, tt.wantFewest, "%s: fewest available pods", name)
		assert.Equal(t, tt.wantMost, most, "%s: the rollout uses its whole surge", name)

		pods := h.pods("web-")
		require.Equal(t, 10, len(pods), "%s: only the new pods are left", name)
		for _, p := range pods {
			assert.Equal(t, "nginx:1.28", p.Spec.Containers[0].Image, "%s: pod %s", name, p.Name)
		}
		got := h.deployment()
		st := got.Status
		assert.Equal(t, []int32{10, 10, 10, 10, 0}, []int32{st.Replicas, st.UpdatedReplicas, st.ReadyReplicas, st.AvailableReplicas, st.UnavailableReplicas}, name)
		assert.Equal(t, got.Generation, st.ObservedGeneration)
		assert.Equal(t, "2", got.Annotations[RevisionAnnotation])
	}
}

// Reference: pkg/controller/deployment/recreate.go rolloutRecreate: old
// pods all go, and the new ReplicaSet is created only once none is left.
func TestRecreate(t *testing.T) {
	h := newHarness(t)
	d := newDeployment(3, "nginx:1.27")
	d.Spec.Strategy = appsv1.DeploymentStrategy{Type: appsv1.RecreateDeploymentStrategyType}
	startDeployment(t, h, d)
	h.setImage("nginx:1.28")
	mixed := false
	for h.loop.Now() < 2*60*1e9 && h.loop.Step() {
		var oldImg, newImg bool
		for _, p := range h.pods("web-") {
			oldImg = oldImg || p.Spec.Containers[0].Image == "nginx:1.27"
			newImg = newImg || p.Spec.Containers[0].Image == "nginx:1.28"
		}
		mixed = mixed || (oldImg && newImg)
	}
	assert.False(t, mixed, "old and new pods never exist together")
	assert.Equal(t, 3, countPods(h.pods("web-"), isActiveAndReady))
	ev := h.events(DeploymentComponent)
	require.Len(t, ev, 3)
	assert.Regexp(t, `^ScalingReplicaSet Scaled up replica set web-\w+ from 0 to 3$`, ev[0])
	assert.Regexp(t, `^ScalingReplicaSet Scaled down replica set web-\w+ from 3 to 0$`, ev[1])
	assert.Regexp(t, `^ScalingReplicaSet Scaled up replica set web-\w+ from 0 to 3$`, ev[2])
	assert.NotEqual(t, ev[0], ev[2], "a new ReplicaSet")
}

// Reference: deployment_util.go NewDeploymentCondition messages and
// sync.go calculateStatus, progress.go syncRolloutStatus; the
// ScalingReplicaSet event of sync.go getNewReplicaSet.
func TestDeploymentStatusConditionsAndEvents(t *testing.T) {
	h := newHarness(t)
	startDeployment(t, h, newDeployment(3, "nginx:1.27"))
	rsList := h.api.ReplicaSets.List()
	require.Len(t, rsList, 1)
	rs := rsList[0]
	hash := rs.Labels[appsv1.DefaultDeploymentUniqueLabelKey]
	assert.Regexp(t, regexp.MustCompile(`^[bcdfghjklmnpqrstvwxz2456789]+$`), hash)
	assert.Equal(t, "web-"+hash, rs.Name)
	assert.Equal(t, hash, rs.Spec.Selector.MatchLabels[appsv1.DefaultDeploymentUniqueLabelKey])
	assert.Equal(t, map[string]string{RevisionAnnotation: "1", DesiredReplicasAnnotation: "3", MaxReplicasAnnotation: "4"}, rs.Annotations)
	for _, p := range h.pods("web-") {
		assert.Equal(t, hash, p.Labels[appsv1.DefaultDeploymentUniqueLabelKey], "pod %s", p.Name)
	}
	assert.Equal(t, []string{"ScalingReplicaSet Scaled up replica set " + rs.Name + " from 0 to 3"}, h.events(DeploymentComponent))

	d := h.deployment()
	assert.Equal(t, "True MinimumReplicasAvailable Deployment has minimum availability.", conditionLine(d, appsv1.DeploymentAvailable))
	assert.Equal(t, `True NewReplicaSetAvailable ReplicaSet "`+rs.Name+`" has successfully progressed.`, conditionLine(d, appsv1.DeploymentProgressing))
	assert.Equal(t, []int32{3, 3, 3, 3, 0}, []int32{d.Status.Replicas, d.Status.UpdatedReplicas, d.Status.ReadyReplicas, d.Status.AvailableReplicas, d.Status.UnavailableReplicas})
}

// Reference: progress.go syncRolloutStatus and deployment_util.go
// DeploymentTimedOut: a rollout that makes no progress for
// progressDeadlineSeconds gets Progressing=False ProgressDeadlineExceeded;
// Available stays True while enough old pods serve.
func TestProgressDeadlineExceeded(t *testing.T) {
	h := newHarness(t)
	d := newDeployment(3, "nginx:1.27")
	d.Spec.ProgressDeadlineSeconds = ptr(int32(60))
	startDeployment(t, h, d)
	h.setImage("broken")
	h.loop.RunFor(30 * time.Second)
	got := h.deployment()
	assert.True(t, strings.HasPrefix(conditionLine(got, appsv1.DeploymentProgressing), "True ReplicaSetUpdated ReplicaSet "), conditionLine(got, appsv1.DeploymentProgressing))
	h.loop.RunFor(2 * time.Minute)
	got = h.deployment()
	newRS := findNewReplicaSet(got, h.dc.replicaSetsOf(got))
	require.NotNil(t, newRS)
	assert.Equal(t, `False ProgressDeadlineExceeded ReplicaSet "`+newRS.Name+`" has timed out progressing.`, conditionLine(got, appsv1.DeploymentProgressing))
	assert.Equal(t, "True MinimumReplicasAvailable Deployment has minimum availability.", conditionLine(got, appsv1.DeploymentAvailable))
	assert.Equal(t, 3, countPods(h.pods("web-"), isActiveAndReady), "the old pods keep serving")
}

// Reference: sync.go cleanupDeployment: old ReplicaSets beyond
// revisionHistoryLimit go once they have no replicas.
func TestRevisionHistoryLimit(t *testing.T) {
	h := newHarness(t)
	d := newDeployment(2, "nginx:1.25")
	d.Spec.RevisionHistoryLimit = ptr(int32(1))
	startDeployment(t, h, d)
	for _, img := range []string{"nginx:1.26", "nginx:1.27", "nginx:1.28"} {
		h.setImage(img)
		h.loop.RunFor(2 * time.Minute)
	}
	rsList := h.api.ReplicaSets.List()
	require.Len(t, rsList, 2, "the new ReplicaSet and one old one")
	var revisions []string
	for _, rs := range rsList {
		revisions = append(revisions, rs.Annotations[RevisionAnnotation])
	}
	assert.ElementsMatch(t, []string{"3", "4"}, revisions)
}

// Reference: sync.go scale and isScalingEvent: a changed spec.replicas
// scales the ReplicaSet without a new one.
func TestScalingADeployment(t *testing.T) {
	h := newHarness(t)
	startDeployment(t, h, newDeployment(3, "nginx:1.27"))
	d := h.deployment()
	d.Spec.Replicas = ptr(int32(5))
	_, err := UpdateDeployment(h.api, d)
	require.NoError(t, err)
	h.loop.RunFor(30 * time.Second)
	assert.Equal(t, 5, countPods(h.pods("web-"), isActiveAndReady))
	require.Len(t, h.api.ReplicaSets.List(), 1)
	ev := h.events(DeploymentComponent)
	assert.Regexp(t, `^ScalingReplicaSet Scaled up replica set web-\w+ from 3 to 5$`, ev[len(ev)-1])
	rs := h.api.ReplicaSets.List()[0]
	assert.Equal(t, "5", rs.Annotations[DesiredReplicasAnnotation])
}

// Reference: controller_utils.go ComputeHash: the hash depends on the
// template and the collision count only.
func TestComputeHash(t *testing.T) {
	a, b := template("nginx:1.27"), template("nginx:1.27")
	c := template("nginx:1.28")
	assert.Equal(t, ComputeHash(&a, nil), ComputeHash(&b, nil), "same template, same hash")
	assert.NotEqual(t, ComputeHash(&a, nil), ComputeHash(&c, nil), "changed template, new hash")
	assert.NotEqual(t, ComputeHash(&a, nil), ComputeHash(&a, ptr(int32(1))), "collisionCount changes the hash")
	assert.Equal(t, ComputeHash(&a, ptr(int32(0))), ComputeHash(&b, ptr(int32(0))))
	b.Labels[appsv1.DefaultDeploymentUniqueLabelKey] = "x"
	assert.True(t, equalIgnoreHash(&a, &b), "EqualIgnoreHash leaves out the hash label")
}

// Reference: deployment_util.go ResolveFenceposts: surge rounds up,
// unavailable rounds down, both zero makes unavailable 1.
func TestResolveFenceposts(t *testing.T) {
	tests := []struct {
		surge, unavailable string
		desired            int32
		want               [2]int32
	}{
		{"25%", "25%", 10, [2]int32{3, 2}},
		{"25%", "25%", 1, [2]int32{1, 0}},
		{"0%", "10%", 5, [2]int32{0, 1}},
		{"0", "0", 3, [2]int32{0, 1}},
		{"50%", "50%", 3, [2]int32{2, 1}},
	}
	for _, tt := range tests {
		s, u := intstr.Parse(tt.surge), intstr.Parse(tt.unavailable)
		gs, gu, err := ResolveFenceposts(&s, &u, tt.desired)
		require.NoError(t, err)
		assert.Equal(t, tt.want, [2]int32{gs, gu}, "ResolveFenceposts(%s, %s, %d)", tt.surge, tt.unavailable, tt.desired)
	}
}

// Reference: garbage collector: deleting a Deployment deletes its
// ReplicaSets and their pods.
func TestDeletingADeployment(t *testing.T) {
	h := newHarness(t)
	startDeployment(t, h, newDeployment(2, "nginx:1.27"))
	require.NoError(t, h.api.Deployments.Delete("default", "web"))
	h.loop.RunFor(30 * time.Second)
	assert.Equal(t, 0, h.api.ReplicaSets.Len())
	assert.Equal(t, 0, countPods(h.pods("web-"), func(*corev1.Pod) bool { return true }))
}
