//lint:file-ignore SA1019 v1 Endpoints is served on purpose

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

	uid := k.ok("get", "ep", "web", "-o", "jsonpath={.metadata.uid}")
	k.ok("delete", "endpoints", "web")
	eventually(t, "the Endpoints controller makes the web Endpoints again", func() bool {
		out, _, err := k.run(30*time.Second, "get", "ep", "web", "-o", "jsonpath={.metadata.uid} {.subsets[*].addresses[*].ip}")
		f := strings.Fields(out)
		return err == nil && len(f) == 3 && f[0] != uid
	})
}

const myService = `apiVersion: v1
kind: Service
metadata:
  name: my-service
spec:
  ports:
  - name: http
    protocol: TCP
    port: 80
    targetPort: 9376
`

const myEndpoints = `apiVersion: v1
kind: Endpoints
metadata:
  name: my-service
subsets:
- addresses:
  - ip: 192.0.2.42
  ports:
  - name: http
    port: 9376
`

// kubectl writes the Endpoints of a Service without a selector (apply,
// patch, delete); the mirroring controller copies them into an
// EndpointSlice labelled managed-by
// endpointslicemirroring-controller.k8s.io; an Endpoints the API server
// refuses is answered 422 naming the field.
// Reference: pkg/controller/endpointslicemirroring;
// pkg/apis/core/validation/validation.go (ValidateEndpoints).
func TestKubectlEndpointsWithoutSelector(t *testing.T) {
	s := serve(t, oneStore, 1000)
	k := newKubectl(t, s)
	k.write("my.yaml", myService+"---\n"+myEndpoints)
	out := k.ok("apply", "-f", "my.yaml")
	assert.Contains(t, out, "endpoints/my-service created")
	sliceIPs := func() string {
		out, _, _ := k.run(30*time.Second, "get", "endpointslices", "-l",
			"kubernetes.io/service-name=my-service,endpointslice.kubernetes.io/managed-by=endpointslicemirroring-controller.k8s.io",
			"-o", "jsonpath={.items[*].endpoints[*].addresses[*]}")
		return out
	}
	eventually(t, "the mirrored slice lists 192.0.2.42", func() bool { return sliceIPs() == "192.0.2.42" })

	k.ok("patch", "endpoints", "my-service", "--type=json",
		"-p", `[{"op":"add","path":"/subsets/0/addresses/-","value":{"ip":"192.0.2.43"}}]`)
	eventually(t, "the mirrored slice follows the patch", func() bool { return sliceIPs() == "192.0.2.42 192.0.2.43" })

	_, errOut, err := k.run(30*time.Second, "patch", "endpoints", "my-service", "--type=json",
		"-p", `[{"op":"replace","path":"/subsets/0/addresses/0/ip","value":"127.0.0.1"}]`)
	require.Error(t, err)
	assert.Contains(t, errOut, `subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range`)

	k.ok("delete", "endpoints", "my-service")
	eventually(t, "the mirrored slice goes with the Endpoints", func() bool { return sliceIPs() == "" })
}

const mySlice = `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: my-service-1
  labels:
    kubernetes.io/service-name: my-service
addressType: IPv4
ports:
  - name: http
    appProtocol: http
    protocol: TCP
    port: 9376
endpoints:
  - addresses:
      - "10.4.5.6"
  - addresses:
      - "10.1.2.3"
`

// kubectl writes an EndpointSlice by hand, as the Services page does for
// a Service without a selector, and deletes it; a slice the API server
// refuses is answered 422 naming the field.
// Reference: https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors;
// pkg/apis/discovery/validation/validation.go (ValidateEndpointSlice).
func TestKubectlEndpointSliceByHand(t *testing.T) {
	s := serve(t, oneStore, 1000)
	k := newKubectl(t, s)
	k.write("my.yaml", myService+"---\n"+mySlice)
	out := k.ok("apply", "-f", "my.yaml")
	assert.Contains(t, out, "endpointslice.discovery.k8s.io/my-service-1 created")
	out = k.ok("get", "endpointslice", "my-service-1", "--no-headers")
	assert.Regexp(t, `^my-service-1\s+IPv4\s+9376\s+10\.4\.5\.6,10\.1\.2\.3\s`, out)

	k.write("bad.yaml", strings.Replace(mySlice, `"10.1.2.3"`, `"fe80::1"`, 1))
	_, errOut, err := k.run(30*time.Second, "apply", "-f", "bad.yaml")
	require.Error(t, err)
	assert.Contains(t, errOut, `endpoints[1].addresses[0]: Invalid value: "fe80::1": must be a valid IPv4 address`)

	k.ok("delete", "endpointslice", "my-service-1")
	_, _, err = k.run(30*time.Second, "get", "endpointslice", "my-service-1")
	assert.Error(t, err, "deleted")
}
