package controller_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	policyv1 "k8s.io/api/policy/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/sim"
)

// budgetRun is a chain of one store running a Deployment "web" of
// replicas nginx pods (label app: web) and the budget written in yaml
// (a spec body under "spec:"), run until the pods are ready. A pod turns
// ready 5 seconds after it starts (its readiness probe's initial delay),
// so a replacement is not ready at the instant of an eviction.
func budgetRun(t *testing.T, replicas int, spec string) *cluster.Cluster {
	t.Helper()
	c, err := cluster.New(cluster.Config{Seed: 5})
	require.NoError(t, err)
	applyYAML(t, c, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: `+itoa(replicas)+`
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        readinessProbe:
          httpGet: {port: 80}
          initialDelaySeconds: 5
`)
	applyYAML(t, c, "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n"+spec)
	c.RunFor(time.Minute)
	return c
}

func itoa(n int) string { return strconv.Itoa(n) }

func applyYAML(t *testing.T, c *cluster.Cluster, y string) {
	t.Helper()
	docs, _, err := manifest.NewDecoder().Decode("x.yaml", []byte(y))
	require.NoError(t, err)
	for _, d := range docs {
		require.NoError(t, c.Apply(d.Object))
	}
}

func budget(t *testing.T, c *cluster.Cluster) *policyv1.PodDisruptionBudget {
	t.Helper()
	b, err := c.API().PodDisruptionBudgets.Get("default", "web")
	require.NoError(t, err)
	return b
}

// webPods returns the names of the Deployment's pods, in order.
func webPods(c *cluster.Cluster) []string {
	var out []string
	for _, p := range c.Pods() {
		if p.Labels["app"] == "web" && p.DeletionTimestamp == nil {
			out = append(out, p.Name)
		}
	}
	return out
}

// Reference: pkg/controller/disruption/disruption.go (getExpectedPodCount,
// countHealthyPods, updatePdbStatus) and
// k8s.io/component-helpers/apps/poddisruptionbudget
// (UpdateDisruptionAllowedCondition).
func TestDisruptionControllerCountsTheBudget(t *testing.T) {
	for _, tc := range []struct {
		name                       string
		replicas                   int
		spec                       string
		expected, desired, allowed int32
	}{
		{"minAvailable as a number counts the selected pods", 3, "  minAvailable: 2\n  selector:\n    matchLabels: {app: web}\n", 3, 2, 1},
		{"minAvailable as a percentage rounds up", 3, "  minAvailable: 50%\n  selector:\n    matchLabels: {app: web}\n", 3, 2, 1},
		{"maxUnavailable as a percentage rounds up", 3, "  maxUnavailable: 50%\n  selector:\n    matchLabels: {app: web}\n", 3, 1, 2},
		{"maxUnavailable 0 allows nothing", 2, "  maxUnavailable: 0\n  selector:\n    matchLabels: {app: web}\n", 2, 2, 0},
		{"an empty selector takes every pod of the namespace", 2, "  minAvailable: 1\n  selector: {}\n", 2, 1, 1},
		{"minAvailable above the pods allows nothing", 2, "  minAvailable: 3\n  selector:\n    matchLabels: {app: web}\n", 2, 3, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := budgetRun(t, tc.replicas, tc.spec)
			st := budget(t, c).Status
			assert.Equal(t, tc.expected, st.ExpectedPods, "expectedPods")
			assert.Equal(t, tc.desired, st.DesiredHealthy, "desiredHealthy")
			assert.Equal(t, int32(tc.replicas), st.CurrentHealthy, "currentHealthy")
			assert.Equal(t, tc.allowed, st.DisruptionsAllowed, "disruptionsAllowed")
			assert.Equal(t, int64(1), st.ObservedGeneration)
			require.Len(t, st.Conditions, 1)
			cond := st.Conditions[0]
			assert.Equal(t, policyv1.DisruptionAllowedCondition, cond.Type)
			if tc.allowed > 0 {
				assert.Equal(t, metav1.ConditionTrue, cond.Status)
				assert.Equal(t, policyv1.SufficientPodsReason, cond.Reason)
			} else {
				assert.Equal(t, metav1.ConditionFalse, cond.Status)
				assert.Equal(t, policyv1.InsufficientPodsReason, cond.Reason)
			}
		})
	}
}

// A percentage or maxUnavailable needs the pods' controllers' scale: a pod
// with no controller makes the count fail, and the budget fails safe.
// Reference: pkg/controller/disruption/disruption.go (getExpectedScale,
// failSafe).
func TestDisruptionControllerFailsSafeOnAPodWithoutController(t *testing.T) {
	c, err := cluster.New(cluster.Config{Seed: 5})
	require.NoError(t, err)
	var records []sim.Record
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) { records = append(records, r) }))
	applyYAML(t, c, `apiVersion: v1
kind: Pod
metadata: {name: lone, labels: {app: web}}
spec:
  containers: [{name: web, image: nginx:1.27}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: web}}
`)
	c.RunFor(30 * time.Second)
	st := budget(t, c).Status
	require.Len(t, st.Conditions, 1)
	assert.Equal(t, policyv1.SyncFailedReason, st.Conditions[0].Reason)
	assert.Equal(t, `found no controller ref for pod "lone"`, st.Conditions[0].Message)
	assert.Zero(t, st.DisruptionsAllowed)
	var reasons []string
	for _, r := range records {
		if r.Source.Component == controller.DisruptionComponent {
			reasons = append(reasons, r.Reason)
		}
	}
	assert.Contains(t, reasons, "NoControllerRef")
	assert.Contains(t, reasons, "CalculateExpectedPodCountFailed")
}

// Reference: pkg/registry/core/pod/storage/eviction.go (Create,
// checkAndDecrement): an allowed eviction takes a disruption and notes
// the pod in disruptedPods; when none is left the answer is 429 with the
// budget as cause.
func TestEvictionHonoursTheBudget(t *testing.T) {
	c := budgetRun(t, 3, "  minAvailable: 2\n  selector:\n    matchLabels: {app: web}\n")
	pods := webPods(c)
	require.Len(t, pods, 3)
	require.NoError(t, c.Evict("default", pods[0], nil))
	b := budget(t, c)
	assert.Zero(t, b.Status.DisruptionsAllowed)
	assert.Contains(t, b.Status.DisruptedPods, pods[0])
	c.RunFor(0) // the controller counts the budget again: 2 healthy

	err := c.Evict("default", pods[1], nil)
	require.Error(t, err)
	assert.True(t, apierrors.IsTooManyRequests(err), "want 429, got %v", err)
	assert.Equal(t, "Cannot evict pod as it would violate the pod's disruption budget.", err.Error())
	var se *apierrors.StatusError
	require.ErrorAs(t, err, &se)
	require.Len(t, se.ErrStatus.Details.Causes, 1)
	assert.Equal(t, policyv1.DisruptionBudgetCause, se.ErrStatus.Details.Causes[0].Type)
	assert.Equal(t, "The disruption budget web needs 2 healthy pods and has 2 currently", se.ErrStatus.Details.Causes[0].Message)

	// The Deployment replaces the evicted pod; once it is ready, one
	// disruption is allowed again.
	c.RunFor(time.Minute)
	assert.Equal(t, int32(1), budget(t, c).Status.DisruptionsAllowed)
	assert.Empty(t, budget(t, c).Status.DisruptedPods, "the evicted pod is gone, so is its entry")
	require.NoError(t, c.Evict("default", pods[1], nil))
}

// Reference: pkg/registry/core/pod/storage/eviction.go (checkAndDecrement:
// a budget whose status is older than its spec refuses).
func TestEvictionWaitsForTheBudgetToBeCounted(t *testing.T) {
	c := budgetRun(t, 3, "  minAvailable: 1\n  selector:\n    matchLabels: {app: web}\n")
	applyYAML(t, c, "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 2\n  selector:\n    matchLabels: {app: web}\n")
	err := c.Evict("default", webPods(c)[0], nil)
	require.True(t, apierrors.IsTooManyRequests(err), "got %v", err)
	var se *apierrors.StatusError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "The disruption budget web is still being processed by the server.", se.ErrStatus.Details.Causes[0].Message)
	c.RunFor(time.Second)
	require.NoError(t, c.Evict("default", webPods(c)[0], nil))
}

// Reference: pkg/registry/core/pod/storage/eviction.go (a pod that is not
// ready goes under AlwaysAllow, or under IfHealthyBudget only while the
// budget has its desired healthy pods); policy/v1
// UnhealthyPodEvictionPolicyType.
func TestEvictionOfAnUnhealthyPod(t *testing.T) {
	for _, tc := range []struct {
		policy  string
		allowed bool
	}{{"", false}, {"IfHealthyBudget", false}, {"AlwaysAllow", true}} {
		t.Run("policy "+tc.policy, func(t *testing.T) {
			spec := "  minAvailable: 3\n  selector:\n    matchLabels: {app: web}\n"
			if tc.policy != "" {
				spec += "  unhealthyPodEvictionPolicy: " + tc.policy + "\n"
			}
			c := budgetRun(t, 3, spec)
			// One pod turns unready: the budget (3 of 3) is short.
			p, err := c.Pod("default", webPods(c)[0])
			require.NoError(t, err)
			for i := range p.Status.Conditions {
				if p.Status.Conditions[i].Type == "Ready" {
					p.Status.Conditions[i].Status = "False"
				}
			}
			_, err = c.API().UpdatePodStatus(p.Namespace, p.Name, p.UID, p.Status)
			require.NoError(t, err)
			c.RunFor(0)
			err = c.Evict("default", p.Name, nil)
			if tc.allowed {
				assert.NoError(t, err)
			} else {
				assert.True(t, apierrors.IsTooManyRequests(err), "got %v", err)
			}
		})
	}
}

// Reference: pkg/apis/policy/validation/validation.go
// (ValidatePodDisruptionBudgetSpec).
func TestValidatePodDisruptionBudget(t *testing.T) {
	for _, tc := range []struct{ spec, want string }{
		{"  minAvailable: 1\n  maxUnavailable: 1\n  selector: {}\n", "spec: Invalid value: minAvailable and maxUnavailable cannot be both set"},
		{"  minAvailable: 120%\n  selector: {}\n", `spec.minAvailable: Invalid value: "120%": must not be greater than 100%`},
		{"  maxUnavailable: -1\n  selector: {}\n", "spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"},
		{"  minAvailable: 1\n  unhealthyPodEvictionPolicy: Never\n  selector: {}\n", `spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"`},
	} {
		docs, _, err := manifest.NewDecoder().Decode("pdb.yaml", []byte("apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n"+tc.spec))
		require.NoError(t, err)
		b := docs[0].Object.(*policyv1.PodDisruptionBudget)
		controller.DefaultPodDisruptionBudget(b)
		errs := controller.ValidatePodDisruptionBudget(b)
		require.NotEmpty(t, errs, tc.spec)
		assert.Equal(t, tc.want, errs[0].Error())
	}
}

// Reference: pkg/registry/core/pod/storage/eviction.go (Create with
// dryRun): a dry-run eviction gets the budget's answer and writes
// nothing: no disruption taken, no pod deleted.
func TestEvictionDryRunChangesNothing(t *testing.T) {
	c := budgetRun(t, 3, "  minAvailable: 2\n  selector:\n    matchLabels: {app: web}\n")
	pods := webPods(c)
	require.Len(t, pods, 3)
	require.NoError(t, c.EvictDryRun("default", pods[0]))
	b := budget(t, c)
	assert.Equal(t, int32(1), b.Status.DisruptionsAllowed, "the dry run took no disruption")
	assert.NotContains(t, b.Status.DisruptedPods, pods[0])
	assert.Len(t, webPods(c), 3, "the dry run deleted no pod")

	require.NoError(t, c.Evict("default", pods[0], nil))
	c.RunFor(0)
	err := c.EvictDryRun("default", pods[1])
	assert.True(t, apierrors.IsTooManyRequests(err), "want 429, got %v", err)
}
