package scenario

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// outcomes runs a scenario and returns each checked field's description
// and what was seen, and whether it passed.
func outcomes(t *testing.T, src string) map[string]Outcome {
	t.Helper()
	s, err := Load("s.yaml", []byte(src))
	require.NoError(t, err)
	res, err := s.Run()
	require.NoError(t, err)
	require.Empty(t, res.Errors)
	out := map[string]Outcome{}
	for _, o := range res.Expectations {
		out[o.Description] = o
	}
	return out
}

// An autoscaler expectation reads status.currentReplicas and
// status.desiredReplicas: a rush of customers to php-apache takes it to
// maxReplicas (4; the CPU asks for 7), and not beyond.
// Reference: pkg/controller/podautoscaler/horizontal.go
// (normalizeDesiredReplicas clamps to maxReplicas; setStatus).
func TestAutoscalerExpectation(t *testing.T) {
	got := outcomes(t, `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: hpa}
spec:
  duration: 3m
  stores: [{name: store-1}, {name: store-2}]
  actions:
  - at: 30s
    customers: {service: php-apache, rate: 100, for: 2m}
  expect:
  - at: 25s
    autoscaler: {name: php-apache, currentReplicas: {atLeast: 1, atMost: 1}, desiredReplicas: {atLeast: 1, atMost: 1}}
  - at: 150s
    autoscaler: {name: php-apache, currentReplicas: {atLeast: 4, atMost: 4}, desiredReplicas: {atLeast: 4, atMost: 4}}
  - at: 150s
    autoscaler: {name: php-apache, desiredReplicas: {atLeast: 5}}
  - at: 150s
    autoscaler: {name: nobody, desiredReplicas: {atLeast: 1}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: php-apache}
spec:
  selector: {matchLabels: {run: php-apache}}
  template:
    metadata: {labels: {run: php-apache}}
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports: [{containerPort: 80}]
        resources: {requests: {cpu: 200m}, limits: {cpu: 500m}}
---
apiVersion: v1
kind: Service
metadata: {name: php-apache}
spec:
  selector: {run: php-apache}
  ports: [{port: 80}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: php-apache}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: php-apache}
  minReplicas: 1
  maxReplicas: 4
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
`)
	assert.True(t, got["horizontalpodautoscaler php-apache currentReplicas exactly 1"].Passed)
	assert.True(t, got["horizontalpodautoscaler php-apache desiredReplicas exactly 4"].Passed)
	assert.True(t, got["horizontalpodautoscaler php-apache currentReplicas exactly 4"].Passed)
	above := got["horizontalpodautoscaler php-apache desiredReplicas at least 5"]
	assert.False(t, above.Passed)
	assert.Equal(t, "4", above.Saw)
	missing := got["horizontalpodautoscaler nobody desiredReplicas at least 1"]
	assert.False(t, missing.Passed)
	assert.Equal(t, "no such horizontalpodautoscaler", missing.Saw)
}

// A daemonSet expectation reads the columns of kubectl get daemonsets:
// DESIRED grows when a store opens.
// Reference: pkg/controller/daemon/daemon_controller.go updateDaemonSetStatus.
func TestDaemonSetExpectation(t *testing.T) {
	got := outcomes(t, `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: ds}
spec:
  duration: 2m
  stores: [{name: store-1}]
  actions:
  - at: 30s
    store: {name: store-2, fault: open}
  expect:
  - at: 20s
    daemonSet: {name: greeter, desired: {atLeast: 2}}
  - at: 90s
    daemonSet: {name: greeter, desired: {atLeast: 2, atMost: 2}, current: {atLeast: 2}, ready: {atLeast: 2}, upToDate: {atLeast: 2}, available: {atLeast: 2}}
---
`+greeterDaemonSet)
	before := got["daemonset greeter desired at least 2"]
	assert.False(t, before.Passed, "one store before store-2 opens")
	assert.Equal(t, "1", before.Saw)
	for _, d := range []string{"desired exactly 2", "current at least 2", "ready at least 2", "upToDate at least 2", "available at least 2"} {
		assert.True(t, got["daemonset greeter "+d].Passed, d)
	}
}

// What an autoscaler, daemonSet or replicationController expectation must
// name and check.
func TestValidateKindExpectations(t *testing.T) {
	for _, tc := range []struct{ expect, want string }{
		{`autoscaler: {name: php}`, "spec.expect[0].autoscaler: Required value: an autoscaler expectation checks currentReplicas or desiredReplicas"},
		{`autoscaler: {desiredReplicas: {atLeast: 1}}`, "spec.expect[0].autoscaler.name: Required value"},
		{`daemonSet: {name: greeter}`, "spec.expect[0].daemonSet: Required value: a daemonSet expectation checks desired, current, ready, upToDate or available"},
		{`daemonSet: {name: greeter, ready: {atLeast: 3, atMost: 1}}`, "spec.expect[0].daemonSet.ready"},
		{`replicationController: {name: nginx}`, "spec.expect[0].replicationController: Required value: a replicationController expectation checks replicas or ready"},
		{`replicationController: {ready: {atLeast: 1}}`, "spec.expect[0].replicationController.name: Required value"},
		{`replicationController: {name: nginx, replicas: {atLeast: 3, atMost: 1}}`, "spec.expect[0].replicationController.replicas"},
		{"replicationController: {name: nginx, ready: {atLeast: 1}}\n    deployment: {name: web, ready: {atLeast: 1}}", "Forbidden: an expectation is about exactly one of"},
	} {
		_, err := Load("s.yaml", []byte(`apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: v}
spec:
  duration: 1m
  expect:
  - at: 10s
    `+tc.expect+"\n"))
		if assert.Error(t, err, tc.expect) {
			assert.Contains(t, err.Error(), tc.want)
		}
	}
}

// A statefulSet expectation reads spec.replicas and the status counts:
// with OrderedReady, web-1 is made only once web-0 is Running and Ready,
// so one moment in, one pod of three is ready.
// Reference: pkg/controller/statefulset/stateful_set_control.go
// (updateStatefulSet: monotonic creation under OrderedReady) and
// stateful_set_status_updater.go.
func TestStatefulSetExpectation(t *testing.T) {
	got := outcomes(t, `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: sts}
spec:
  duration: 2m
  stores: [{name: store-1}]
  expect:
  - at: 1s
    statefulSet: {name: web, replicas: {atLeast: 3, atMost: 3}, ready: {atLeast: 3}}
  - at: 90s
    statefulSet: {name: web, ready: {atLeast: 3, atMost: 3}, current: {atLeast: 3}, updated: {atLeast: 3}}
  - at: 90s
    statefulSet: {name: db, ready: {atLeast: 1}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`)
	early := got["statefulset web ready at least 3"]
	assert.False(t, early.Passed, "ordinals start one at a time")
	assert.True(t, got["statefulset web replicas exactly 3"].Passed)
	for _, d := range []string{"ready exactly 3", "current at least 3", "updated at least 3"} {
		assert.True(t, got["statefulset web "+d].Passed, d)
	}
	missing := got["statefulset db ready at least 1"]
	assert.False(t, missing.Passed)
	assert.Equal(t, "no such statefulset", missing.Saw)
}

// A cronJob expectation reads the ACTIVE column: the Job made at the
// first minute is still running at 90s, and none had been made at 30s.
// Reference: pkg/controller/cronjob/cronjob_controllerv2.go (status.active
// holds the running Jobs the controller made).
func TestCronJobExpectation(t *testing.T) {
	got := outcomes(t, `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: cj}
spec:
  duration: 2m
  stores: [{name: store-1}]
  expect:
  - at: 30s
    cronJob: {name: tick, active: {atLeast: 1}}
  - at: 90s
    cronJob: {name: tick, active: {atLeast: 1, atMost: 1}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: tick}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: tick
            image: busybox:1.36
            command: ["sleep", "300"]
`)
	before := got["cronjob tick active at least 1"]
	assert.False(t, before.Passed, "nothing is scheduled before the first minute")
	assert.Equal(t, "0", before.Saw)
	assert.True(t, got["cronjob tick active exactly 1"].Passed)
}

// What a statefulSet or cronJob expectation must name and check.
func TestValidateStatefulSetAndCronJobExpectations(t *testing.T) {
	for _, tc := range []struct{ expect, want string }{
		{`statefulSet: {name: web}`, "spec.expect[0].statefulSet: Required value: a statefulSet expectation checks replicas, ready, current or updated"},
		{`statefulSet: {ready: {atLeast: 1}}`, "spec.expect[0].statefulSet.name: Required value"},
		{`cronJob: {name: tick}`, "spec.expect[0].cronJob: Required value: a cronJob expectation checks active"},
		{`cronJob: {name: tick, active: {atLeast: 2, atMost: 1}}`, "spec.expect[0].cronJob.active"},
	} {
		_, err := Load("s.yaml", []byte(`apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: v}
spec:
  duration: 1m
  stores: [{name: store-1}]
  expect:
  - at: 10s
    `+tc.expect+"\n"))
		require.Error(t, err, tc.expect)
		assert.Contains(t, err.Error(), tc.want, tc.expect)
	}
}
