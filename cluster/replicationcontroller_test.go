package cluster

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/manifest"
)

// nginxRC is a ReplicationController of one nginx container whose
// template is labelled app=nginx; it sets no selector, labels or
// replicas, so the API server defaults all three.
func nginxRC() *corev1.ReplicationController {
	return &corev1.ReplicationController{
		ObjectMeta: metav1.ObjectMeta{Name: "nginx"},
		Spec: corev1.ReplicationControllerSpec{
			Template: &corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "nginx"}},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx"}}},
			},
		},
	}
}

// rcPods returns the names of the live pods an RC owns.
func rcPods(c *Cluster, rc *corev1.ReplicationController) []string {
	var out []string
	for _, p := range c.Pods() {
		if ref := metav1.GetControllerOf(p); ref != nil && ref.UID == rc.UID && p.DeletionTimestamp == nil {
			out = append(out, p.Name)
		}
	}
	return out
}

// runRC applies nginxRC with replicas, runs the chain for d and returns
// the stored RC.
func runRC(t *testing.T, c *Cluster, replicas int32, d time.Duration) *corev1.ReplicationController {
	t.Helper()
	rc := nginxRC()
	rc.Spec.Replicas = &replicas
	require.NoError(t, c.Apply(rc))
	c.RunFor(d)
	return storedRC(t, c)
}

func storedRC(t *testing.T, c *Cluster) *corev1.ReplicationController {
	t.Helper()
	rcs := c.ReplicationControllers()
	require.Len(t, rcs, 1)
	return rcs[0]
}

// An empty selector and empty labels become the template's labels, and
// replicas defaults to 1.
// Reference: pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController.
func TestReplicationControllerDefaults(t *testing.T) {
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	require.NoError(t, c.Apply(nginxRC()))
	rc := storedRC(t, c)
	assert.Equal(t, map[string]string{"app": "nginx"}, rc.Spec.Selector)
	assert.Equal(t, map[string]string{"app": "nginx"}, rc.Labels)
	require.NotNil(t, rc.Spec.Replicas)
	assert.Equal(t, int32(1), *rc.Spec.Replicas)
	assert.Equal(t, int64(1), rc.Generation)
}

// The API server refuses a template its selector does not select, and a
// restartPolicy other than Always.
// Reference: pkg/apis/core/validation/validation.go
// ValidateReplicationControllerSpec, ValidatePodTemplateSpecForRC.
func TestReplicationControllerValidation(t *testing.T) {
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	rc := nginxRC()
	rc.Spec.Selector = map[string]string{"app": "web"}
	err = c.Apply(rc)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "spec.template.metadata.labels: Invalid value: {\"app\":\"nginx\"}: `selector` does not match template `labels`")
	rc = nginxRC()
	rc.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyNever
	err = c.Apply(rc)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `spec.template.spec.restartPolicy: Unsupported value: "Never"`)
	rc = nginxRC()
	rc.Spec.Template = nil
	err = c.Apply(rc)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "spec.template: Required value")
}

// The replication manager is the ReplicaSet controller over RCs: it hires
// up to spec.replicas pods owned by the RC (apiVersion v1), records
// SuccessfulCreate as replication-controller, and writes every status
// count; scaling down lets the extra pods go, and a pod deleted by hand is
// replaced.
// Reference: pkg/controller/replication/replication_controller.go
// (NewReplicationManager over NewBaseController), conversion.go.
func TestReplicationManagerKeepsTheCount(t *testing.T) {
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	lines := record(c)
	stored := runRC(t, c, 3, 30*time.Second)
	pods := rcPods(c, stored)
	require.Len(t, pods, 3)
	p, err := c.Pod("default", pods[0])
	require.NoError(t, err)
	ref := metav1.GetControllerOf(p)
	assert.Equal(t, "v1", ref.APIVersion)
	assert.Equal(t, "ReplicationController", ref.Kind)
	assert.True(t, strings.HasPrefix(p.Name, "nginx-"), p.Name)
	st := stored.Status
	assert.Equal(t, corev1.ReplicationControllerStatus{
		Replicas: 3, FullyLabeledReplicas: 3, ReadyReplicas: 3, AvailableReplicas: 3, ObservedGeneration: 1,
	}, st)
	assert.Contains(t, strings.Join(*lines, "\n"), "replication-controller")
	assert.Contains(t, strings.Join(*lines, "\n"), "SuccessfulCreate")

	require.NoError(t, c.DeletePod("default", pods[0], nil))
	c.RunFor(45 * time.Second)
	after := rcPods(c, stored)
	assert.Len(t, after, 3, "a deleted pod is replaced")
	assert.NotContains(t, after, pods[0])

	require.NoError(t, c.ScaleReplicationController("default", "nginx", 1))
	c.RunFor(45 * time.Second)
	assert.Len(t, rcPods(c, stored), 1)
	stored = storedRC(t, c)
	assert.Equal(t, int32(1), stored.Status.Replicas)
	assert.Equal(t, int64(2), stored.Status.ObservedGeneration)
}

// Deleting an RC deletes its pods (kubectl delete's default cascade,
// background propagation).
// Reference: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/
// ("Deleting a ReplicationController and its Pods").
func TestDeleteReplicationControllerTakesItsPods(t *testing.T) {
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	stored := runRC(t, c, 2, 20*time.Second)
	require.Len(t, rcPods(c, stored), 2)
	require.NoError(t, c.DeleteReplicationController("default", "nginx"))
	c.RunFor(60 * time.Second)
	assert.Empty(t, c.ReplicationControllers())
	assert.Empty(t, c.Pods())
}

// An RC adopts a running pod its selector selects that no controller
// owns, and hires only the rest.
// Reference: pkg/controller/replicaset/replica_set.go claimPods (run
// over RCs by the replication manager).
func TestReplicationControllerAdoptsOrphans(t *testing.T) {
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	orphan := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "stray", Labels: map[string]string{"app": "nginx"}},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx"}}},
	}
	require.NoError(t, c.Apply(orphan))
	c.RunFor(10 * time.Second)
	stored := runRC(t, c, 2, 20*time.Second)
	pods := rcPods(c, stored)
	assert.Len(t, pods, 2)
	assert.Contains(t, pods, "stray")
}

// The documentation's replication.yaml runs as its page says: three nginx
// pods, Waiting at first (the image is being pulled) and Running a little
// later, each owned by the RC, and `kubectl get pods --selector=app=nginx`
// lists the three.
// Reference: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/
// ("Running an example ReplicationController"), content/en/examples/controllers/replication.yaml,
// which the replicationcontroller story runs too.
func TestDocsReplicationControllerExample(t *testing.T) {
	replication, err := os.ReadFile("../examples/replicationcontroller/replication.yaml")
	require.NoError(t, err)
	docs, warnings, err := manifest.NewDecoder().Decode("replication.yaml", replication)
	require.NoError(t, err)
	assert.Empty(t, warnings, "every field of the page's manifest is simulated")
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	for _, d := range docs {
		require.NoError(t, c.Apply(d))
	}
	phases := func() map[corev1.PodPhase]int {
		out := map[corev1.PodPhase]int{}
		for _, p := range c.Pods() {
			if p.Labels["app"] == "nginx" {
				out[p.Status.Phase]++
			}
		}
		return out
	}
	c.RunFor(100 * time.Millisecond)
	assert.Equal(t, map[corev1.PodPhase]int{corev1.PodPending: 3}, phases(), "0 Running / 3 Waiting")
	c.RunFor(30 * time.Second)
	assert.Equal(t, map[corev1.PodPhase]int{corev1.PodRunning: 3}, phases(), "3 Running / 0 Waiting")
	rc := storedRC(t, c)
	assert.Len(t, rcPods(c, rc), 3)
	assert.Equal(t, int32(3), rc.Status.ReadyReplicas)
}
