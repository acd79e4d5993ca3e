package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const webService = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
`

// kubectl get endpoints lists the Endpoints the chain keeps: the
// "kubernetes" Service's, at the API server's address and secure port,
// and one per Service with a selector, filled from its ready pods; every
// request for them carries the API server's deprecation warning, and a
// client's write is refused, naming the kind.
// Reference: pkg/controller/endpoint/endpoints_controller.go;
// pkg/controlplane/reconcilers/lease.go;
// https://kubernetes.io/docs/reference/using-api/deprecation-guide/
func TestKubectlGetEndpoints(t *testing.T) {
	s := serve(t, oneStore, 1000)
	k := newKubectl(t, s)
	out, errOut, err := k.run(30*time.Second, "get", "endpoints", "kubernetes")
	require.NoError(t, err, errOut)
	assert.Contains(t, errOut, "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2, out)
	assert.Equal(t, []string{"NAME", "ENDPOINTS", "AGE"}, strings.Fields(lines[0]))
	assert.Equal(t, []string{"kubernetes", "192.168.0.10:6443"}, strings.Fields(lines[1])[:2])

	k.write("web.yaml", webDeployment+"---\n"+webService)
	k.ok("apply", "-f", "web.yaml")
	eventually(t, "the web Endpoints list both ready pods", func() bool {
		out, _, err := k.run(30*time.Second, "get", "ep", "web", "-o", "jsonpath={.subsets[*].addresses[*].ip}")
		return err == nil && len(strings.Fields(out)) == 2
	})
	out = k.ok("get", "ep", "web", "--no-headers")
	assert.Regexp(t, `^web\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\s`, out)

	_, errOut, err = k.run(30*time.Second, "delete", "endpoints", "web")
	require.Error(t, err, "a client's delete of Endpoints is refused")
	assert.Contains(t, errOut, "MethodNotAllowed")
}
