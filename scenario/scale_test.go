package scenario

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// deployment returns a Deployment document named name with replicas.
func deployment(name string, replicas int64) string {
	return fmt.Sprintf(`---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: %s
spec:
  replicas: %d
  selector:
    matchLabels: {app: %s}
  template:
    metadata:
      labels: {app: %s}
    spec:
      containers:
      - name: app
        image: nginx
`, name, replicas, name, name)
}

// stores returns a spec.stores of n stores, each holding pods pods ("" for
// the default).
func stores(n int, pods string) string {
	var b strings.Builder
	b.WriteString("  stores:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: store-%d\n", i+1)
		if pods != "" {
			fmt.Fprintf(&b, "    capacity: {pods: %q}\n", pods)
		}
	}
	return b.String()
}

// TestScaleCeiling checks the pods a run may ask for: 10,000, or what the
// stores hold when more, never over 150,000 (Kubernetes' largest
// supported cluster, kubernetes.io/docs/setup/best-practices/cluster-large);
// beyond it the run is refused before it starts, naming the field of the
// largest workload, the limit and why.
func TestScaleCeiling(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       string // "" when the run is accepted
	}{
		{"a million replicas", header + deployment("web", 1000000),
			"scenario.yaml:13: spec.replicas: Invalid value: 1000000: the run asks for 1000000 pods in all, more than the 10000 nucleus simulates for this chain"},
		{"MaxInt32 replicas", header + deployment("web", 2147483647),
			"spec.replicas: Invalid value: 2147483647: the run asks for 2147483647 pods in all"},
		{"the ceiling itself", header + deployment("web", 10000), ""},
		{"two workloads over it, the larger named", header + deployment("a", 4000) + deployment("b", 6001),
			"scenario.yaml:29: spec.replicas: Invalid value: 6001: the run asks for 10001 pods in all"},
		{"a big chain holds more", header + stores(200, "") + deployment("web", 22000), ""},
		{"a bigger chain is still bounded", header + stores(3, "1000000") + deployment("web", 150001),
			"more than the 150000 nucleus simulates for this chain (10000, or what the stores hold when more, here 450000; never over 150000"},
		{"a scale action", header + "  actions:\n  - at: 1m\n    scale: {deployment: web, replicas: 1000000}\n" + deployment("web", 3),
			"scenario.yaml:9: spec.actions[0].scale.replicas: Invalid value: 1000000: the run asks for 1000000 pods in all"},
		{"an apply action", header + "  actions:\n  - at: 1m\n    apply:\n      apiVersion: apps/v1\n      kind: ReplicaSet\n      metadata: {name: rs}\n      spec:\n        replicas: 20000\n        selector: {matchLabels: {app: rs}}\n        template:\n          metadata: {labels: {app: rs}}\n          spec: {containers: [{name: app, image: nginx}]}\n",
			"scenario.yaml:14: spec.actions[0].apply.spec.replicas: Invalid value: 20000: the run asks for 20000 pods in all"},
		{"a scale down is not counted twice", header + "  actions:\n  - at: 1m\n    scale: {deployment: web, replicas: 1}\n" + deployment("web", 10000), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load("scenario.yaml", []byte(tt.yaml))
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "would outgrow one machine", "the error says why")
		})
	}
}

// Reference: pkg/scheduler/framework/plugins/noderesources/fit.go (Too
// many pods) and schedule_one.go (FailedScheduling, "0/N nodes are
// available"): a Deployment larger than its chain is not refused; the
// pods the stores cannot hold wait Pending with the scheduler's message.
func TestMoreReplicasThanTheChainHoldsWaitPending(t *testing.T) {
	s, err := Load("scenario.yaml", []byte(strings.Replace(header, "5m", "30s", 1)+deployment("web", 300)))
	require.NoError(t, err)
	var failed []string
	r, err := s.Run(sim.ObserverFunc(func(rec sim.Record) {
		if rec.Reason == "FailedScheduling" {
			failed = append(failed, rec.Message)
		}
	}))
	require.NoError(t, err)
	phases := map[corev1.PodPhase]int{}
	for _, p := range r.Cluster.Pods() {
		phases[p.Status.Phase]++
	}
	assert.Equal(t, 300, phases[corev1.PodRunning]+phases[corev1.PodPending], "every replica has a pod")
	assert.Equal(t, 190, phases[corev1.PodPending], "the store holds 110 pods; the rest wait")
	require.NotEmpty(t, failed)
	assert.Contains(t, failed[0], "0/1 nodes are available: 1 Too many pods.")
}

// TestActRefusesPastTheCeiling: a scale done while the run goes (kubectl
// scale against nucleus serve, the playground's command box) is held to
// the same ceiling as the scenario's own actions: a scale to two billion
// replicas is refused before it is done, naming the field, and is not
// kept; the run, its Deployment and its recording stay as they were, and
// a scale within the ceiling still works.
func TestActRefusesPastTheCeiling(t *testing.T) {
	s, err := Load("web.yaml", []byte(header+deployment("web", 2)))
	require.NoError(t, err)
	obs, _ := lines()
	r, err := s.Start(obs)
	require.NoError(t, err)
	r.Cluster.RunFor(30 * time.Second)

	_, err = s.Act(r, Action{Scale: &ScaleAction{Deployment: "web", Replicas: 2_000_000_000}})
	require.Error(t, err, "a scale to two billion replicas was done")
	assert.Contains(t, err.Error(), "spec.actions[0].scale.replicas: Invalid value: 2000000000", "the refusal names the field")
	assert.Contains(t, err.Error(), "more than the 10000 nucleus simulates", "the refusal says why")
	assert.Empty(t, s.Spec.Actions, "the refused scale was kept for the recording")
	require.Len(t, r.Cluster.Deployments(), 1)
	assert.Equal(t, int32(2), *r.Cluster.Deployments()[0].Spec.Replicas, "the Deployment's replicas after a refused scale")

	_, err = s.Act(r, Action{Scale: &ScaleAction{Deployment: "web", Replicas: 3}})
	require.NoError(t, err, "a scale within the ceiling")
	assert.Len(t, s.Spec.Actions, 1, "the scale within the ceiling is kept")
	assert.Equal(t, int32(3), *r.Cluster.Deployments()[0].Spec.Replicas, "the Deployment's replicas after a scale to 3")
}
