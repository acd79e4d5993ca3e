package scenario

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const nginxPod = `---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /, port: %s}
      initialDelaySeconds: %s
`

func specScenario(port, delay string) string {
	return `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata:
  name: spec-checks
spec:
  duration: 1m
  expect:
  - at: 1m
    pod: web
    image: nginx:1.27
  - at: 1m
    pod: web
    image: nginx:1.28
    liveness: passing
    hint: ask nginx on 80
` + fmt.Sprintf(nginxPod, port, delay)
}

// An image check and a liveness check, and the hint printed once under
// the checks of the expectation that failed.
func TestImageAndLivenessChecks(t *testing.T) {
	for _, tc := range []struct {
		port, delay, liveness string
	}{
		{"80", "3", "PASS  00:01:00  pod web liveness probe is passing\n"},
		{"8080", "3", "FAIL  00:01:00  pod web liveness probe is passing (saw container nginx: failing)\n"},
		{"80", "300", "FAIL  00:01:00  pod web liveness probe is passing (saw container nginx: not asked yet)\n"},
	} {
		s, err := Load("spec.yaml", []byte(specScenario(tc.port, tc.delay)))
		require.NoError(t, err)
		r, err := s.Run()
		require.NoError(t, err)
		var out bytes.Buffer
		r.Report(&out)
		want := "PASS  00:01:00  pod web runs image nginx:1.27\n" +
			"FAIL  00:01:00  pod web runs image nginx:1.28 (saw nginx:1.27)\n" + tc.liveness +
			"      hint: ask nginx on 80\n"
		assert.Contains(t, out.String(), want, "port %s, delay %s", tc.port, tc.delay)
	}
}

func TestImageAndLivenessAreValidated(t *testing.T) {
	head := `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata:
  name: bad
spec:
  duration: 1m
  expect:
`
	for _, tc := range []struct{ expect, want string }{
		{"  - {at: 10s, pod: web, liveness: \"yes\"}\n", `bad.yaml:8: spec.expect[0].liveness: Unsupported value: "yes": supported values: "passing"`},
		{"  - {at: 10s, store: {name: store-1, condition: Ready, status: \"True\"}, image: nginx:1.27}\n",
			"spec.expect[0].image: Forbidden: only a pod expectation checks an image"},
	} {
		_, err := Load("bad.yaml", []byte(head+tc.expect))
		require.Error(t, err, tc.expect)
		assert.Contains(t, err.Error(), tc.want)
	}
}
