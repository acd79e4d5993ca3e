package scenario

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A job expectation checks the STATUS column of `kubectl get jobs` and
// status.succeeded/failed; a delete action removes a Job and its pods.
// Reference: printers.go printJob (STATUS); pkg/controller/job (a failing
// Job with backoffLimit 1 fails after 2 pods).
func TestJobExpectationsAndDelete(t *testing.T) {
	yaml := `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: jobs}
spec:
  duration: 3m
  actions:
  - at: 2m
    delete: {kind: Job, name: fails}
  expect:
  - at: 1m
    job: {name: ok, status: Complete, succeeded: {atLeast: 2, atMost: 2}, failed: {atMost: 0}}
  - at: 1m
    job: {name: fails, status: Failed, failed: {atLeast: 2, atMost: 2}}
  - at: 1m
    job: {name: fails, status: Running}
  - at: 3m
    job: {name: fails, status: Failed}
---
apiVersion: batch/v1
kind: Job
metadata: {name: ok}
spec:
  completions: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{name: a, image: busybox:1.36, command: ["true"]}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: fails}
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers: [{name: a, image: busybox:1.36, command: ["false"]}]
`
	s, err := Load("jobs.yaml", []byte(yaml))
	require.NoError(t, err)
	r, err := s.Run()
	require.NoError(t, err)
	assert.Empty(t, r.Errors)
	var out bytes.Buffer
	r.Report(&out)
	assert.Equal(t, `PASS  00:01:00  job ok status is Complete
PASS  00:01:00  job ok succeeded exactly 2
PASS  00:01:00  job ok failed at most 0
PASS  00:01:00  job fails status is Failed
PASS  00:01:00  job fails failed exactly 2
FAIL  00:01:00  job fails status is Running (saw Failed)
FAIL  00:03:00  job fails status is Failed (saw no such job)
5 passed, 2 failed
`, out.String())
	require.NotEmpty(t, r.Cluster.Pods(), "job ok's pods stay")
	for _, p := range r.Cluster.Pods() {
		assert.NotContains(t, p.Name, "fails-", "the deleted Job's pods are gone")
	}

	_, err = Load("bad.yaml", []byte(`apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: bad}
spec:
  duration: 1m
  expect:
  - at: 1m
    job: {name: ok, status: Done}
`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `spec.expect[0].job.status: Unsupported value: "Done"`)
}
