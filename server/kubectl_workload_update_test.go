package server_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const greeterDaemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: greeter
spec:
  selector:
    matchLabels: {app: greeter}
  template:
    metadata:
      labels: {app: greeter}
    spec:
      containers:
      - name: app
        image: nginx:1.27
`

const workloadsToEdit = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: busybox
        command: ["sh", "-c", "sleep 600"]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: queued
spec:
  suspend: true
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox
        command: ["sh", "-c", "echo done"]
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: hello
            image: busybox
            command: ["sh", "-c", "date"]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 3
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
spec:
  replicas: 1
  selector: {app: legacy}
  template:
    metadata:
      labels: {app: legacy}
    spec:
      containers:
      - name: app
        image: nginx:1.27
`

// TestKubectlEditsWorkloads: DaemonSets, Jobs, CronJobs, autoscalers,
// ReplicationControllers and namespaces take the real kubectl's changes
// (label, set image, patch, scale), each with its kind's update rules: a
// DaemonSet's new template rolls out and its selector is fixed, a Job's
// template is fixed once it has started (parallelism and suspend are
// not), a CronJob's and an autoscaler's spec may change, and so may an
// RC's.
// Reference: pkg/apis/apps/validation/validation.go
// (ValidateDaemonSetUpdate), pkg/apis/batch/validation/validation.go
// (ValidateJobUpdate, ValidateCronJobUpdate),
// pkg/apis/autoscaling/validation/validation.go
// (ValidateHorizontalPodAutoscalerUpdate),
// pkg/apis/core/validation/validation.go
// (ValidateReplicationControllerUpdate, ValidateNamespaceUpdate).
func TestKubectlEditsWorkloads(t *testing.T) {
	s := serve(t, oneStore, 100)
	k := newKubectl(t, s)
	for name, text := range map[string]string{"ds.yaml": greeterDaemonSet, "web.yaml": webDeployment, "more.yaml": workloadsToEdit} {
		require.NoError(t, os.WriteFile(filepath.Join(k.dir, name), []byte(text), 0o600))
	}
	k.ok("apply", "-f", "ds.yaml", "-f", "web.yaml", "-f", "more.yaml")

	t.Run("a DaemonSet's new image rolls out; its selector is fixed", func(t *testing.T) {
		assert.Equal(t, "daemonset.apps/greeter image updated\n", k.ok("set", "image", "ds/greeter", "app=nginx:1.28"))
		assert.Contains(t, k.okWithin(waitLimit, "rollout", "status", "ds/greeter"), "successfully rolled out")
		eventually(t, "the greeter to run nginx:1.28", func() bool {
			out, _, err := k.run(10*time.Second, "get", "pods", "-l", "app=greeter", "-o", "jsonpath={.items[*].spec.containers[0].image}")
			return err == nil && out == "nginx:1.28"
		})
		// Two templates, two revisions; kubectl shows the second from its
		// ControllerRevision.
		// Reference: pkg/controller/history/controller_history.go,
		// pkg/controller/daemon/update.go (constructHistory).
		hist := k.ok("rollout", "history", "ds/greeter")
		assert.Regexp(t, `(?m)^1\s+<none>\n2\s+<none>$`, hist)
		assert.Contains(t, k.ok("rollout", "history", "ds/greeter", "--revision=2"), "nginx:1.28")
		errOut := k.fails("patch", "ds", "greeter", "-p", `{"spec":{"selector":{"matchLabels":{"app":"other"}}}}`)
		assert.Contains(t, errOut, `The DaemonSet "greeter" is invalid`)
		assert.Contains(t, errOut, "spec.selector: Invalid value")
		assert.Contains(t, errOut, "field is immutable")
	})
	t.Run("a running Job takes parallelism and labels, not a new template", func(t *testing.T) {
		assert.Equal(t, "job.batch/pi labeled\n", k.ok("label", "job", "pi", "tier=batch"))
		assert.Equal(t, "job.batch/pi patched\n", k.ok("patch", "job", "pi", "-p", `{"spec":{"parallelism":2,"activeDeadlineSeconds":900}}`))
		assert.Equal(t, "2 900 batch", k.ok("get", "job", "pi", "-o", "jsonpath={.spec.parallelism} {.spec.activeDeadlineSeconds} {.metadata.labels.tier}"))
		errOut := k.fails("set", "image", "job/pi", "pi=busybox:1.36")
		assert.Contains(t, errOut, `Job.batch "pi" is invalid: spec.template: Invalid value`)
		assert.Contains(t, errOut, "field is immutable")
		errOut = k.fails("patch", "job", "pi", "-p", `{"spec":{"completions":3}}`)
		assert.Contains(t, errOut, "spec.completions: Invalid value: 3: field is immutable")
	})
	t.Run("a suspended Job that never started takes a node selector, then resumes", func(t *testing.T) {
		assert.Equal(t, "job.batch/queued patched\n", k.ok("patch", "job", "queued", "-p", `{"spec":{"template":{"spec":{"nodeSelector":{"zone":"front"}}}}}`))
		assert.Equal(t, "job.batch/queued patched\n", k.ok("patch", "job", "queued", "-p", `{"spec":{"suspend":false}}`))
		assert.Equal(t, "front", k.ok("get", "job", "queued", "-o", "jsonpath={.spec.template.spec.nodeSelector.zone}"))
		eventually(t, "the queued Job's pod to wait for a front store", func() bool {
			out, _, err := k.run(10*time.Second, "get", "pods", "-l", "job-name=queued", "-o", "jsonpath={.items[*].status.phase}")
			return err == nil && out == "Pending"
		})
		errOut := k.fails("patch", "job", "queued", "-p", `{"spec":{"template":{"spec":{"nodeSelector":{"zone":"back"}}}}}`)
		assert.Contains(t, errOut, "spec.template: Invalid value")
	})
	t.Run("a CronJob's schedule and suspend change", func(t *testing.T) {
		assert.Equal(t, "cronjob.batch/hello patched\n", k.ok("patch", "cronjob", "hello", "-p", `{"spec":{"schedule":"*/5 * * * *","suspend":true}}`))
		assert.Equal(t, "*/5 * * * * true", k.ok("get", "cronjob", "hello", "-o", "jsonpath={.spec.schedule} {.spec.suspend}"))
		errOut := k.fails("patch", "cronjob", "hello", "-p", `{"spec":{"schedule":"every minute"}}`)
		assert.Contains(t, errOut, `The CronJob "hello" is invalid: spec.schedule: Invalid value: "every minute"`)
	})
	t.Run("an autoscaler's bounds change", func(t *testing.T) {
		assert.Equal(t, "horizontalpodautoscaler.autoscaling/web patched\n", k.ok("patch", "hpa", "web", "-p", `{"spec":{"maxReplicas":5}}`))
		assert.Equal(t, "5", k.ok("get", "hpa", "web", "-o", "jsonpath={.spec.maxReplicas}"))
		errOut := k.fails("patch", "hpa", "web", "-p", `{"spec":{"maxReplicas":0}}`)
		assert.Contains(t, errOut, `The HorizontalPodAutoscaler "web" is invalid: spec.maxReplicas: Invalid value: 0`)
	})
	t.Run("a ReplicationController takes labels, a new image and a scale", func(t *testing.T) {
		assert.Equal(t, "replicationcontroller/legacy labeled\n", k.ok("label", "rc", "legacy", "era=old"))
		assert.Equal(t, "replicationcontroller/legacy image updated\n", k.ok("set", "image", "rc/legacy", "app=nginx:1.28"))
		assert.Equal(t, "replicationcontroller/legacy scaled\n", k.ok("scale", "rc", "legacy", "--replicas=2"))
		assert.Equal(t, "old nginx:1.28 2", k.ok("get", "rc", "legacy", "-o", "jsonpath={.metadata.labels.era} {.spec.template.spec.containers[0].image} {.spec.replicas}"))
	})
	t.Run("a namespace takes labels and keeps its name label", func(t *testing.T) {
		assert.Equal(t, "namespace/default labeled\n", k.ok("label", "ns", "default", "team=shop"))
		assert.Equal(t, "shop default", k.ok("get", "ns", "default", "-o", `jsonpath={.metadata.labels.team} {.metadata.labels.kubernetes\.io/metadata\.name}`))
	})
}
