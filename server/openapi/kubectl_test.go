package openapi

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/kube-openapi/pkg/handler"
	"k8s.io/kube-openapi/pkg/validation/spec"
)

// kubectlServer is the smallest API server kubectl can plan a command
// against: the legacy discovery documents of the served resources, and the
// OpenAPI handler. It records the paths kubectl asked for.
type kubectlServer struct {
	*httptest.Server
	mu    sync.Mutex
	paths []string
}

func (s *kubectlServer) record(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.paths = append(s.paths, path)
}

// asked returns the paths kubectl asked for, in order.
func (s *kubectlServer) asked() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.paths...)
}

func newKubectlServer(t *testing.T, resources []Resource) *kubectlServer {
	t.Helper()
	api, err := NewHandler(resources)
	require.NoError(t, err)
	discovery := discoveryDocuments(resources)
	s := &kubectlServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.record(r.URL.Path)
		if strings.HasPrefix(r.URL.Path, "/openapi/") {
			api.ServeHTTP(w, r)
			return
		}
		doc, ok := discovery[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(doc)
	}))
	t.Cleanup(s.Close)
	return s
}

// discoveryDocuments returns /api, /apis and one resource list per group
// version, in the unaggregated form kubectl falls back to.
func discoveryDocuments(resources []Resource) map[string]interface{} {
	lists := map[string]*metav1.APIResourceList{}
	groups := &metav1.APIGroupList{TypeMeta: metav1.TypeMeta{Kind: "APIGroupList", APIVersion: "v1"}}
	for _, r := range resources {
		gv := r.Version
		if r.Group != "" {
			gv = r.Group + "/" + r.Version
		}
		root := rootPath(r.Group, r.Version)
		list := lists[root]
		if list == nil {
			list = &metav1.APIResourceList{TypeMeta: metav1.TypeMeta{Kind: "APIResourceList", APIVersion: "v1"}, GroupVersion: gv}
			lists[root] = list
			if r.Group != "" {
				v := metav1.GroupVersionForDiscovery{GroupVersion: gv, Version: r.Version}
				groups.Groups = append(groups.Groups, metav1.APIGroup{Name: r.Group, Versions: []metav1.GroupVersionForDiscovery{v}, PreferredVersion: v})
			}
		}
		list.APIResources = append(list.APIResources, metav1.APIResource{Name: r.Plural, Namespaced: r.Namespaced, Kind: r.Kind, Verbs: r.Verbs})
	}
	sort.Slice(groups.Groups, func(i, j int) bool { return groups.Groups[i].Name < groups.Groups[j].Name })
	docs := map[string]interface{}{
		"/api":  &metav1.APIVersions{TypeMeta: metav1.TypeMeta{Kind: "APIVersions"}, Versions: []string{"v1"}},
		"/apis": groups,
	}
	for root, list := range lists {
		docs[root] = list
	}
	return docs
}

// kubectl runs the real kubectl against server, with a fresh home so no
// kubeconfig or discovery cache of the machine takes part.
func kubectl(t *testing.T, server string, stdin string, args ...string) (string, error) {
	t.Helper()
	path, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("kubectl is not installed; skipping the tests that run the real kubectl")
	}
	home := t.TempDir()
	kubeconfig := filepath.Join(home, "config")
	require.NoError(t, os.WriteFile(kubeconfig, nil, 0o600))
	cmd := exec.Command(path, append([]string{"--server", server, "--kubeconfig", kubeconfig, "--cache-dir", filepath.Join(home, "cache")}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+home)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestKubectlExplainReadsTheV3Document: kubectl explain prints field
// documentation from the OpenAPI v3 document of the kind's group version.
func TestKubectlExplainReadsTheV3Document(t *testing.T) {
	s := newKubectlServer(t, served)
	out, err := kubectl(t, s.URL, "", "explain", "deployments.spec.template.spec.containers.ports")
	require.NoError(t, err, out)
	assert.Contains(t, out, "KIND:       Deployment")
	assert.Contains(t, out, "containerPort\t<integer> -required-")
	assert.Contains(t, s.asked(), "/openapi/v3/apis/apps/v1")
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
	s := newKubectlServer(t, served)
	out, err := kubectl(t, s.URL, typoPod, "create", "--dry-run=client", "-o", "name", "-f", "-")
	require.NoError(t, err, out)
	assert.Equal(t, "pod/web\n", out)
	assert.Contains(t, s.asked(), "/openapi/v3/api/v1")
	// kubectl 1.32 fetches the v2 document only when it validates itself.
	assert.NotContains(t, s.asked(), "/openapi/v2")
}

// TestKubectlValidatesOnItsOwnWithoutServerSupport serves the v2 document
// with fieldValidation taken out, and no v3 document: kubectl then checks
// the manifest against the v2 definitions itself and names the unknown
// field, which shows that kubectl can read those definitions.
func TestKubectlValidatesOnItsOwnWithoutServerSupport(t *testing.T) {
	docs, err := Build(served)
	require.NoError(t, err)
	strip := func(ps []spec.Parameter) []spec.Parameter {
		var kept []spec.Parameter
		for _, p := range ps {
			if p.Name != "fieldValidation" && !strings.Contains(p.Ref.String(), "fieldValidation") {
				kept = append(kept, p)
			}
		}
		return kept
	}
	for path, item := range docs.V2.Paths.Paths {
		item.Parameters = strip(item.Parameters)
		for _, op := range []*spec.Operation{item.Get, item.Put, item.Post, item.Patch, item.Delete} {
			if op != nil {
				op.Parameters = strip(op.Parameters)
			}
		}
		docs.V2.Paths.Paths[path] = item
	}
	oldV2 := http.NewServeMux()
	handler.NewOpenAPIService(docs.V2).RegisterOpenAPIVersionedService("/openapi/v2", oldV2)

	s := newKubectlServer(t, served)
	old := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/openapi/") {
			s.record(r.URL.Path)
			oldV2.ServeHTTP(w, r) // 404 for /openapi/v3
			return
		}
		s.Config.Handler.ServeHTTP(w, r)
	}))
	defer old.Close()
	out, err := kubectl(t, old.URL, typoPod, "create", "--dry-run=client", "-o", "name", "-f", "-")
	require.Error(t, err, out)
	assert.Contains(t, out, `ValidationError(Pod.spec.containers[0]): unknown field "imagePullPolicyy" in io.k8s.api.core.v1.Container`)
	assert.Contains(t, s.asked(), "/openapi/v2")
}
