package scenario

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// header is the start of a Scenario document; tests append spec fields.
const header = `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata:
  name: t
spec:
  duration: 5m
`

const webPod = `---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
`

// TestLoadErrors checks that every problem in a scenario is refused with
// the file, the line and the field path, as manifest decoding does.
// Reference: DESIGN.md "Errors" (bad input returns an error naming the
// field path and the reason).
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"misspelt field", header + "  actions:\n  - at: 1s\n    delete: {kind: Pod, name: web}\n  - at: 2s\n    delete: {kind: Pod, name: web}\n  - at: 3s\n    kil: {pod: web}\n",
			"scenario.yaml:13: spec.actions[2].kil: unknown field"},
		{"bind without a store", header + "  actions:\n  - at: 1s\n    bind: {pod: web}\n",
			"scenario.yaml:9: spec.actions[0].bind.store: Required value"},
		{"unknown spec field", header + "  seeds: 3\n",
			"scenario.yaml:7: spec.seeds: unknown field; did you mean \"seed\"?"},
		{"bad duration", strings.Replace(header, "5m", "5mins", 1),
			`scenario.yaml:6: spec.duration: invalid duration "5mins"`},
		{"bad action instant", header + "  actions:\n  - at: soon\n    delete: {kind: Pod, name: web}\n",
			`scenario.yaml:8: spec.actions[0].at: invalid duration "soon"`},
		{"no duration", strings.Replace(header, "  duration: 5m\n", "  seed: 2\n", 1),
			"scenario.yaml:5: spec.duration: Required value: how long to run, e.g. 5m"},
		{"duration over a day", strings.Replace(header, "5m", "25h", 1),
			`scenario.yaml:6: spec.duration: Invalid value: "25h0m0s": must be greater than 0 and at most 24h`},
		{"action without a verb", header + "  actions:\n  - at: 1s\n",
			"scenario.yaml:8: spec.actions[0]: Required value: an action needs one verb: one of apply, applyFile, update, resize, delete, bind, scale, killContainer, useMemory, store, customers, evict, drain"},
		{"action with two verbs", header + "  actions:\n  - at: 1s\n    delete: {kind: Pod, name: web}\n    scale: {deployment: web, replicas: 2}\n",
			"scenario.yaml:8: spec.actions[0]: Forbidden: an action has exactly one verb, this one has delete and scale"},
		{"action after the end", header + "  actions:\n  - at: 6m\n    delete: {kind: Pod, name: web}\n",
			`scenario.yaml:8: spec.actions[0].at: Invalid value: "6m0s": must be between 0 and spec.duration (5m0s)`},
		{"bad delete kind", header + "  actions:\n  - at: 1s\n    delete: {kind: Node, name: web}\n",
			`scenario.yaml:9: spec.actions[0].delete.kind: Unsupported value: "Node": supported values: "Pod", "Service", "Deployment", "ReplicaSet", "Job", "CronJob", "StatefulSet", "DaemonSet", "ReplicationController", "PersistentVolumeClaim", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Namespace", "ConfigMap", "Secret", "Endpoints", "EndpointSlice", "PersistentVolume", "StorageClass"`},
		{"bad fault", header + "  actions:\n  - at: 1s\n    store: {name: store-1, fault: flood}\n",
			`scenario.yaml:9: spec.actions[0].store.fault: Unsupported value: "flood": supported values: "powerOff", "powerOn", "cutOff", "reconnect", "cordon", "uncordon", "open"`},
		{"bad behaviour", header + "  images:\n  - repository: shop/tired\n    behaviour:\n      exitAfter: 10s\n      exitCode: 300\n",
			"scenario.yaml:11: spec.images[0].behaviour.exitCode: Invalid value: 300: must be between 0 and 255, inclusive"},
		{"bad behaviour duration", header + "  images:\n  - repository: shop/tired\n    behaviour:\n      startupTime: 10 seconds\n",
			`scenario.yaml:10: spec.images[0].behaviour.startupTime: invalid duration "10 seconds"`},
		{"misspelt behaviour field", header + "  images:\n  - repository: shop/tired\n    behaviour:\n      prots: []\n",
			"scenario.yaml:10: spec.images[0].behaviour.prots: unknown field; did you mean \"ports\"?"},
		{"expectation without a subject", header + "  expect:\n  - at: 1s\n    phase: Running\n",
			"scenario.yaml:8: spec.expect[0]: Required value: an expectation is about one pod, customers, store, job, deployment, budget, autoscaler, daemonSet, replicationController, statefulSet or cronJob"},
		{"upside-down memory limit", header + "  expect:\n  - at: 1s\n    pod: web\n    memoryLimit: {atLeast: 1Gi, atMost: 100Mi}\n",
			`scenario.yaml:10: spec.expect[0].memoryLimit.atMost: Invalid value: "100Mi": must be greater than or equal to atLeast`},
		{"memory limit without a bound", header + "  expect:\n  - at: 1s\n    pod: web\n    memoryLimit: {}\n",
			"scenario.yaml:10: spec.expect[0].memoryLimit: Required value: atLeast or atMost"},
		{"memory limit that is not a quantity", header + "  expect:\n  - at: 1s\n    pod: web\n    memoryLimit: {atLeast: lots}\n",
			"scenario.yaml:10: spec.expect[0].memoryLimit.atLeast: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"},
		{"event on a store", header + "  expect:\n  - at: 1s\n    store: {name: a, condition: Ready, status: \"True\"}\n    event: Scheduled\n",
			"scenario.yaml:10: spec.expect[0].event: Forbidden: only a pod expectation checks an event"},
		{"deployment without a check", header + "  expect:\n  - at: 1s\n    deployment: {name: web}\n",
			"scenario.yaml:9: spec.expect[0].deployment: Required value: a deployment expectation checks replicas or ready"},
		{"deployment and pod", header + "  expect:\n  - at: 1s\n    pod: web\n    phase: Running\n    deployment: {name: web, ready: {atLeast: 1}}\n",
			"scenario.yaml:8: spec.expect[0]: Forbidden: an expectation is about exactly one of pod, customers, store, job, deployment, budget, autoscaler, daemonSet, replicationController, statefulSet and cronJob"},
		{"bad phase", header + "  expect:\n  - at: 1s\n    pod: web\n    phase: Runing\n",
			`scenario.yaml:10: spec.expect[0].phase: Unsupported value: "Runing": supported values: "Pending", "Running", "Succeeded", "Failed", "Unknown"`},
		{"upside-down range", header + "  expect:\n  - at: 1s\n    pod: web\n    restarts: {atLeast: 3, atMost: 1}\n",
			"scenario.yaml:10: spec.expect[0].restarts.atMost: Invalid value: 1: must be greater than or equal to atLeast"},
		{"typo in an inline object", header + "  actions:\n  - at: 1s\n    apply:\n      apiVersion: v1\n      kind: Service\n      metadata: {name: shop}\n      spec:\n        prots: []\n",
			"scenario.yaml:14: spec.actions[0].apply.spec.prots: unknown field; did you mean \"ports\"?"},
		{"two Scenarios", header + "---\n" + header,
			"scenario.yaml:8: kind: Duplicate value: a run has at most one Scenario document, and scenario.yaml:1 holds one"},
		{"typo in a pod", header + strings.Replace(webPod, "image:", "imgae:", 1),
			"scenario.yaml:15: spec.containers[0].imgae: unknown field; did you mean \"image\"?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load("scenario.yaml", []byte(tt.yaml))
			require.Error(t, err, "Load(%s) = nil error", tt.name)
			assert.Equal(t, tt.want, err.Error(), "Load(%s)", tt.name)
		})
	}
}

// TestLoadDefaults: plain manifests run with seed 1, five minutes and one
// store.
func TestLoadDefaults(t *testing.T) {
	s, err := Load("pods/web.yaml", []byte(webPod))
	require.NoError(t, err)
	assert.Equal(t, "web", s.Name, "name comes from the file")
	assert.Equal(t, uint64(1), s.Seed(), "Seed()")
	assert.Equal(t, "5m0s", s.Spec.Duration.String(), "spec.duration")
	assert.Len(t, s.Objects, 1, "objects")
	r, err := s.Run()
	require.NoError(t, err)
	assert.Len(t, r.Cluster.Stores(), 1, "stores")
	assert.Equal(t, "store-1", r.Cluster.Stores()[0].Name)
}

// TestLoadFilesOneScenario: the objects of every file run together, and
// the Scenario may sit in any of them, but only one.
func TestLoadFilesOneScenario(t *testing.T) {
	s, err := LoadFiles(File{Name: "pod.yaml", Data: []byte(webPod)}, File{Name: "run.yaml", Data: []byte(header)})
	require.NoError(t, err)
	assert.Equal(t, "run.yaml", s.File)
	assert.Len(t, s.Objects, 1)

	_, err = LoadFiles(File{Name: "a.yaml", Data: []byte(header)}, File{Name: "b.yaml", Data: []byte(header)})
	require.Error(t, err)
	assert.Equal(t, "b.yaml:1: kind: Duplicate value: a run has at most one Scenario document, and a.yaml:1 holds one", err.Error())
}

// TestLoadWarnsAboutUnsimulatedFields: a real field nucleus ignores is a
// warning, also inside an inline object.
func TestLoadWarnsAboutUnsimulatedFields(t *testing.T) {
	yaml := header + `  actions:
  - at: 1s
    apply:
      apiVersion: v1
      kind: Pod
      metadata: {name: late}
      spec:
        containers:
        - {name: app, image: busybox:1.36}
        securityContext: {runAsUser: 1000}
`
	s, err := Load("scenario.yaml", []byte(yaml))
	require.NoError(t, err)
	require.Len(t, s.Warnings, 1)
	assert.Equal(t, "scenario.yaml:16: spec.actions[0].apply.spec.securityContext: not simulated by nucleus; ignored", s.Warnings[0].String())
}

func TestDurationAcceptsZero(t *testing.T) {
	s, err := Load("scenario.yaml", []byte(header+"  actions:\n  - at: 0\n    delete: {kind: Pod, name: web}\n"+webPod))
	require.NoError(t, err)
	assert.Equal(t, Duration(0), s.Spec.Actions[0].At, "at: 0")
}
