package cluster

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/node"
)

// The "kubernetes" Service has its EndpointSlice from the start, as the
// API server's endpoint reconciler writes it: named like the Service,
// labelled with the service name and no managing controller, one ready
// endpoint at head office's advertised address, port https 6443.
// Reference: pkg/controlplane/reconcilers/endpointsadapter.go
// (updateEndpointSlice, convertEndpointPorts).
func TestKubernetesServiceHasItsEndpointSlice(t *testing.T) {
	c, err := New(Config{})
	require.NoError(t, err)
	s, err := c.API().EndpointSlices.Get("default", "kubernetes")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{discoveryv1.LabelServiceName: "kubernetes"}, s.Labels)
	assert.Equal(t, discoveryv1.AddressTypeIPv4, s.AddressType)
	require.Len(t, s.Endpoints, 1)
	assert.Equal(t, []string{node.HeadOfficeIP}, s.Endpoints[0].Addresses)
	require.NotNil(t, s.Endpoints[0].Conditions.Ready)
	assert.True(t, *s.Endpoints[0].Conditions.Ready)
	require.Len(t, s.Ports, 1)
	assert.Equal(t, "https", *s.Ports[0].Name)
	assert.EqualValues(t, 6443, *s.Ports[0].Port)
	assert.Equal(t, corev1.ProtocolTCP, *s.Ports[0].Protocol)

	c.RunFor(time.Minute)
	s2, err := c.API().EndpointSlices.Get("default", "kubernetes")
	require.NoError(t, err)
	assert.Equal(t, s.ResourceVersion, s2.ResourceVersion, "the EndpointSlice controller leaves a Service without a selector alone")
}

// runOnce runs image with args in a pod that does not restart, for a
// minute, and returns its exit code and log (stdout and stderr together,
// in order).
func runOnce(t *testing.T, image string, command, args []string) (int32, string) {
	t.Helper()
	c, err := New(Config{})
	require.NoError(t, err)
	p := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "client"},
		Spec: corev1.PodSpec{
			RestartPolicy: corev1.RestartPolicyNever,
			Containers:    []corev1.Container{{Name: "c", Image: image, Command: command, Args: args}},
		},
	}
	require.NoError(t, c.Apply(p))
	c.RunFor(time.Minute)
	got, err := c.Pod("default", "client")
	require.NoError(t, err)
	require.Len(t, got.Status.ContainerStatuses, 1)
	cs := got.Status.ContainerStatuses[0]
	require.NotNil(t, cs.State.Terminated, "state: %+v", cs.State)
	store, ok := c.Store(got.Spec.NodeName)
	require.True(t, ok)
	lines, err := store.Runtime.Logs(strings.TrimPrefix(cs.ContainerID, "containerd://"))
	require.NoError(t, err)
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Text + "\n")
	}
	return cs.State.Terminated.ExitCode, b.String()
}

const forbiddenRoot = `{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": "forbidden: User \"system:anonymous\" cannot get path \"/\"",
  "reason": "Forbidden",
  "details": {},
  "code": 403
}
`

// A pod reaches head office through the "kubernetes" Service, by name or
// by its address: with the certificate check off, an anonymous request is
// refused by RBAC as a kubeadm or kind cluster refuses it (403, a Status
// the API server pretty-prints for curl); the health paths answer; with
// the check on, curl fails as the cluster's CA is not among the image's.
// Reference: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go
// (forbiddenMessage); plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go
// (system:public-info-viewer); curl src/tool_operate.c
// (CURLE_PEER_FAILED_VERIFICATION, 60, and CURL_CA_CERT_ERRORMSG);
// https://kubernetes.io/docs/tasks/run-application/access-api-from-pod/.
func TestPodReachesHeadOfficeThroughTheKubernetesService(t *testing.T) {
	code, out := runOnce(t, "curlimages/curl:8.11.1", nil, []string{"-sk", "https://kubernetes.default.svc"})
	assert.EqualValues(t, 0, code)
	assert.Equal(t, forbiddenRoot, out)

	code, out = runOnce(t, "curlimages/curl:8.11.1", nil, []string{"-sk", "https://10.96.0.1/healthz"})
	assert.EqualValues(t, 0, code)
	assert.Equal(t, "ok\n", out)

	code, out = runOnce(t, "curlimages/curl:8.11.1", nil, []string{"-sk", "https://kubernetes/api/v1/namespaces/default/pods"})
	assert.EqualValues(t, 0, code)
	assert.Contains(t, out, `"message": "pods is forbidden: User \"system:anonymous\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\""`)
	assert.Contains(t, out, "\"details\": {\n    \"kind\": \"pods\"\n  },")

	code, out = runOnce(t, "curlimages/curl:8.11.1", nil, []string{"-sk", "https://kubernetes/apis/apps/v1/namespaces/default/deployments/web"})
	assert.EqualValues(t, 0, code)
	assert.Contains(t, out, `"message": "deployments.apps \"web\" is forbidden: User \"system:anonymous\" cannot get resource \"deployments\" in API group \"apps\" in the namespace \"default\""`)

	code, out = runOnce(t, "curlimages/curl:8.11.1", nil, []string{"https://kubernetes.default.svc"})
	assert.EqualValues(t, 60, code)
	assert.Equal(t, "curl: (60) SSL certificate problem: unable to get local issuer certificate\n"+
		"More details here: https://curl.se/docs/sslcerts.html\n\n"+
		"curl failed to verify the legitimacy of the server and therefore could not\n"+
		"establish a secure connection to it. To learn more about this situation and\n"+
		"how to fix it, please visit the webpage mentioned above.\n", out)

	code, out = runOnce(t, "curlimages/curl:8.11.1", nil, []string{"-s", "http://kubernetes:443/"})
	assert.EqualValues(t, 0, code)
	assert.Equal(t, "Client sent an HTTP request to an HTTPS server.\n", out, "plain HTTP to the secure port")
}

// busybox's wget speaks TLS itself and checks no certificate, saying so;
// alpine's hands TLS to ssl_client, which checks it and fails.
// Reference: busybox networking/wget.c (spawn_ssl_client);
// alpinelinux/aports main/busybox/ssl_client.c.
func TestWgetToHeadOffice(t *testing.T) {
	sh := func(s string) []string { return []string{"sh", "-c", s} }
	code, out := runOnce(t, "busybox:1.36", sh("wget -qO- https://kubernetes"), nil)
	assert.EqualValues(t, 1, code)
	assert.Equal(t, "wget: note: TLS certificate validation not implemented\nwget: server returned error: HTTP/1.1 403 Forbidden\n", out)

	code, out = runOnce(t, "busybox:1.36", sh("wget -qO- https://kubernetes/livez"), nil)
	assert.EqualValues(t, 0, code)
	assert.Equal(t, "wget: note: TLS certificate validation not implemented\nok\n", out)

	code, out = runOnce(t, "alpine:3.20", sh("wget -O- https://kubernetes.default.svc"), nil)
	assert.EqualValues(t, 1, code)
	assert.Equal(t, "Connecting to kubernetes.default.svc (10.96.0.1:443)\n"+
		"ssl_client: kubernetes.default.svc: certificate verification failed: unable to get local issuer certificate\n"+
		"wget: error getting response: Connection reset by peer\n", out)

	code, out = runOnce(t, "alpine:3.20", sh("wget -qO- --no-check-certificate https://kubernetes/readyz"), nil)
	assert.EqualValues(t, 0, code)
	assert.Equal(t, "ok\n", out)
}
