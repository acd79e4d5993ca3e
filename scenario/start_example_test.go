package scenario_test

import (
	"fmt"

	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/sim"
)

// Start builds the chain, applies the objects and schedules the sheet's
// actions, and leaves the clock to the caller. Here the caller walks the
// day one event at a time and notes when the staffing plan opens a new
// ReplicaSet: the apply at 20s changes the Deployment's image, as
// `kubectl apply` of an edited file does, and starts a rollout.
func ExampleScenario_Start() {
	const sheet = `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: rollout}
spec:
  duration: 1m
  actions:
  - at: 20s
    apply:
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: shop}
      spec:
        selector: {matchLabels: {app: shop}}
        template: {metadata: {labels: {app: shop}}, spec: {containers: [{name: web, image: "nginx:1.28"}]}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: shop}
spec:
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec: {containers: [{name: web, image: "nginx:1.27"}]}
`
	s, err := scenario.Load("rollout.yaml", []byte(sheet))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := s.Start()
	if err != nil {
		fmt.Println(err)
		return
	}
	loop, seen := r.Cluster.Loop(), map[string]bool{}
	for next, ok := loop.Next(); ok && next <= sim.Time(s.Spec.Duration); next, ok = loop.Next() {
		loop.Step()
		for _, rs := range r.Cluster.ReplicaSets() {
			if !seen[rs.Name] {
				seen[rs.Name] = true
				fmt.Println(loop.Now(), "ReplicaSet for", rs.Spec.Template.Spec.Containers[0].Image)
			}
		}
	}
	for _, p := range r.Cluster.Pods() {
		fmt.Println(loop.Now(), "pod on", p.Spec.Containers[0].Image, p.Status.Phase)
	}
	// Output:
	// 00:00:00 ReplicaSet for nginx:1.27
	// 00:00:20 ReplicaSet for nginx:1.28
	// 00:01:00 pod on nginx:1.28 Running
}
