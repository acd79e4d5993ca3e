package openapi_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/server/openapi/openapitest"
)

// recorder records the paths of the requests it passes on.
type recorder struct {
	next  http.Handler
	mu    sync.Mutex
	paths []string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.paths = append(r.paths, req.URL.Path)
	r.mu.Unlock()
	r.next.ServeHTTP(w, req)
}

// asked returns the paths asked for, in order.
func (r *recorder) asked() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.paths...)
}

// newKubectlServer serves openapitest's handler with openAPI (nil: this
// package's handler) and records what kubectl asks for.
func newKubectlServer(t *testing.T, openAPI http.Handler) (*httptest.Server, *recorder) {
	t.Helper()
	h, err := openapitest.NewHandler(served, openAPI)
	require.NoError(t, err)
	rec := &recorder{next: h}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	return srv, rec
}

// TestKubectlExplainReadsTheV3Document: kubectl explain prints field
// documentation from the OpenAPI v3 document of the kind's group version,
// and, with --output=plaintext-openapiv2, from the v2 document.
func TestKubectlExplainReadsTheV3Document(t *testing.T) {
	s, rec := newKubectlServer(t, nil)
	out, err := openapitest.Kubectl(t, s.URL, "", "explain", "deployments.spec.template.spec.containers.ports")
	require.NoError(t, err, out)
	assert.Contains(t, out, "KIND:       Deployment")
	assert.Contains(t, out, "containerPort\t<integer> -required-")
	assert.Contains(t, rec.asked(), "/openapi/v3/apis/apps/v1")

	// The old explain reads the v2 document.
	out, err = openapitest.Kubectl(t, s.URL, "", "explain", "pods.spec.restartPolicy", "--output=plaintext-openapiv2")
	require.NoError(t, err, out)
	assert.Contains(t, out, "FIELD:    restartPolicy <string>")
	assert.Contains(t, rec.asked(), "/openapi/v2")
}

const typoPod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    imagePullPolicyy: Always
`

// TestKubectlLeavesStrictValidationToTheServer: with its default
// --validate=strict, kubectl asks the v3 document whether a Pod's PATCH takes fieldValidation. It does, so kubectl leaves the
// check of the typo'd field to the server (which a client-side dry run never
// reaches) instead of refusing the manifest itself.
//
// Reference: staging/src/k8s.io/kubectl/pkg/cmd/util/factory_client_access.go
// (Validator) and staging/src/k8s.io/kubectl/pkg/validation/schema.go
// (paramVerifyingSchema).
func TestKubectlLeavesStrictValidationToTheServer(t *testing.T) {
	s, rec := newKubectlServer(t, nil)
	out, err := openapitest.Kubectl(t, s.URL, typoPod, "create", "--dry-run=client", "-o", "name", "-f", "-")
	require.NoError(t, err, out)
	assert.Equal(t, "pod/web\n", out)
	assert.Contains(t, rec.asked(), "/openapi/v3/api/v1")
	// kubectl 1.32 fetches the v2 document only when it validates itself.
	assert.NotContains(t, rec.asked(), "/openapi/v2")
}

// TestKubectlValidatesOnItsOwnWithoutServerSupport serves the v2 document
// with fieldValidation taken out, and no v3 document (an API server from
// before server-side field validation): kubectl then checks
// the manifest against the v2 definitions itself and names the unknown
// field, which shows that kubectl can read those definitions.
func TestKubectlValidatesOnItsOwnWithoutServerSupport(t *testing.T) {
	oldV2, err := openapitest.NewHandlerWithoutFieldValidation(served)
	require.NoError(t, err)
	old, rec := newKubectlServer(t, oldV2) // 404 for /openapi/v3
	out, err := openapitest.Kubectl(t, old.URL, typoPod, "create", "--dry-run=client", "-o", "name", "-f", "-")
	require.Error(t, err, out)
	assert.Contains(t, out, `ValidationError(Pod.spec.containers[0]): unknown field "imagePullPolicyy" in io.k8s.api.core.v1.Container`)
	assert.Contains(t, rec.asked(), "/openapi/v2")
}
