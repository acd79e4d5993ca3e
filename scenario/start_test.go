package scenario

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/sim"
)

// webDeployment returns a Deployment of two nginx pods on image, as
// YAML, each line after the first indented by indent.
func webDeployment(image, indent string) string {
	return strings.ReplaceAll(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: "`+image+`"}]}
`, "\n", "\n"+indent)
}

// rollout is a scenario that applies a Deployment of nginx 1.27, then
// applies it again at one minute with nginx 1.28, as a learner does with
// `kubectl apply -f web.yaml` after editing the image; at two minutes it
// deletes a pod that is not there.
var rollout = header + `  actions:
  - at: 2m
    delete: {kind: Pod, name: ghost}
  - at: 1m
    apply:
      ` + webDeployment("nginx:1.28", "      ") + `
---
` + webDeployment("nginx:1.27", "")

// lines returns an observer that keeps every record's line, and the
// lines.
func lines() (sim.Observer, *[]string) {
	var out []string
	return sim.ObserverFunc(func(r sim.Record) { out = append(out, r.String()) }), &out
}

// TestStartThenStepMatchesRun: Start leaves the clock at zero with the
// objects applied and the actions scheduled; stepping the loop to
// spec.duration makes the same records as Run, and the same action
// errors.
func TestStartThenStepMatchesRun(t *testing.T) {
	s, err := Load("rollout.yaml", []byte(rollout))
	require.NoError(t, err)
	obs, stepped := lines()
	r, err := s.Start(obs)
	require.NoError(t, err)
	assert.Equal(t, sim.Time(0), r.Cluster.Now(), "Start moved the clock")
	assert.Len(t, r.Cluster.Deployments(), 1, "Deployments after Start")
	loop := r.Cluster.Loop()
	for next, ok := loop.Next(); ok && next <= sim.Time(s.Spec.Duration); next, ok = loop.Next() {
		loop.Step()
	}
	loop.RunUntil(sim.Time(s.Spec.Duration))

	obs, ran := lines()
	want, err := s.Run(obs)
	require.NoError(t, err)
	assert.Equal(t, *ran, *stepped, "Start and stepping made other records than Run")
	assert.Equal(t, len(want.Errors), len(r.Errors), "action errors after Start and stepping")
	require.Len(t, r.Errors, 1, "the delete of a pod that is not there fails")
	assert.Contains(t, r.Errors[0].Error(), "spec.actions[0].delete", "the failed action's path")
}

// TestApplyActionRollsOutADeployment: an apply action of a Deployment
// that exists updates it, as `kubectl apply` does, and the staffing plan
// rolls every employee over to the new training manual.
// Reference: kubernetes.io/docs/concepts/workloads/controllers/deployment
// ("Updating a Deployment": a change to .spec.template starts a rollout).
func TestApplyActionRollsOutADeployment(t *testing.T) {
	s, err := Load("rollout.yaml", []byte(rollout))
	require.NoError(t, err)
	obs, got := lines()
	r, err := s.Run(obs)
	require.NoError(t, err)
	transcript := strings.Join(*got, "\n")
	assert.Contains(t, transcript, "ScenarioAction deployment/web apply: deployment web", "the apply action's record")
	assert.Len(t, r.Cluster.ReplicaSets(), 2, "ReplicaSets after the rollout")
	images := map[string]int{}
	for _, p := range r.Cluster.Pods() {
		if p.DeletionTimestamp == nil {
			images[p.Spec.Containers[0].Image]++
		}
	}
	assert.Equal(t, map[string]int{"nginx:1.28": 2}, images, "pods by image at the end")
}
