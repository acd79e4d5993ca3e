// Package openapitest stands up the smallest API server the real kubectl
// can plan a command against: the discovery documents of a set of
// resources and their OpenAPI documents, nothing else (every object path
// answers 404 Not Found). Tests use it to run kubectl's client-side steps
// (explain, validation, create and apply with --dry-run=client) without a
// simulation behind them; `nucleus serve` is the real server.
package openapitest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/kube-openapi/pkg/handler"
	"k8s.io/kube-openapi/pkg/validation/spec"

	"github.com/nodenucleus/nucleus/server/openapi"
)

// Resources are the kinds nucleus simulates, with the verbs and
// subresources a Kubernetes API server serves for them.
var Resources = []openapi.Resource{
	{Version: "v1", Kind: "Pod", Plural: "pods", Namespaced: true, Verbs: allVerbs, Subresources: []string{"status", "binding", "eviction", "log"}},
	{Version: "v1", Kind: "Service", Plural: "services", Namespaced: true, Verbs: allVerbs, Subresources: []string{"status"}},
	{Version: "v1", Kind: "Node", Plural: "nodes", Verbs: allVerbs, Subresources: []string{"status"}},
	{Version: "v1", Kind: "Event", Plural: "events", Namespaced: true, Verbs: allVerbs},
	{Version: "v1", Kind: "Namespace", Plural: "namespaces", Verbs: []string{"get", "list", "watch", "create", "update", "patch", "delete"}, Subresources: []string{"status"}},
	{Group: "apps", Version: "v1", Kind: "Deployment", Plural: "deployments", Namespaced: true, Verbs: allVerbs, Subresources: []string{"status", "scale"}},
	{Group: "apps", Version: "v1", Kind: "ReplicaSet", Plural: "replicasets", Namespaced: true, Verbs: allVerbs, Subresources: []string{"status", "scale"}},
	{Group: "discovery.k8s.io", Version: "v1", Kind: "EndpointSlice", Plural: "endpointslices", Namespaced: true, Verbs: allVerbs},
	{Group: "coordination.k8s.io", Version: "v1", Kind: "Lease", Plural: "leases", Namespaced: true, Verbs: allVerbs},
}

var allVerbs = []string{"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"}

// NewHandler returns the server's handler: the unaggregated discovery
// documents (/api, /apis, /api/v1, /apis/GROUP/VERSION) of resources,
// openAPI for every path under /openapi/ (nil: openapi.NewHandler of
// resources), and 404 for the rest.
func NewHandler(resources []openapi.Resource, openAPI http.Handler) (http.Handler, error) {
	if openAPI == nil {
		h, err := openapi.NewHandler(resources)
		if err != nil {
			return nil, err
		}
		openAPI = h
	}
	discovery := discoveryDocuments(resources)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/openapi/") {
			openAPI.ServeHTTP(w, r)
			return
		}
		doc, ok := discovery[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(doc)
	}), nil
}

// discoveryDocuments returns /api, /apis and one resource list per group
// version, in the unaggregated form kubectl falls back to.
func discoveryDocuments(resources []openapi.Resource) map[string]any {
	lists := map[string]*metav1.APIResourceList{}
	groups := &metav1.APIGroupList{TypeMeta: metav1.TypeMeta{Kind: "APIGroupList", APIVersion: "v1"}}
	for _, r := range resources {
		gv, root := r.Version, "/api/"+r.Version
		if r.Group != "" {
			gv = r.Group + "/" + r.Version
			root = "/apis/" + gv
		}
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
	docs := map[string]any{
		"/api":  &metav1.APIVersions{TypeMeta: metav1.TypeMeta{Kind: "APIVersions"}, Versions: []string{"v1"}},
		"/apis": groups,
	}
	for root, list := range lists {
		docs[root] = list
	}
	return docs
}

// Kubectl runs the real kubectl against the server at url with stdin, in a
// fresh home (no kubeconfig or discovery cache of the machine takes part),
// and returns its combined output. It skips the test when kubectl is not
// installed.
func Kubectl(t testing.TB, url, stdin string, args ...string) (string, error) {
	t.Helper()
	path := SkipWithoutKubectl(t)
	home := t.TempDir()
	kubeconfig := filepath.Join(home, "config")
	if err := os.WriteFile(kubeconfig, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, append([]string{"--server", url, "--kubeconfig", kubeconfig, "--cache-dir", filepath.Join(home, "cache")}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+home)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// SkipWithoutKubectl skips the test, with one line saying why, when
// kubectl is not on the PATH, and returns kubectl's path otherwise. A test
// with subtests calls it first, so a machine without kubectl prints the
// line once.
func SkipWithoutKubectl(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("kubectl is not installed; skipping the tests that run the real kubectl")
	}
	return path
}

// NewServer starts an httptest server with NewHandler(resources, openAPI)
// and closes it when the test ends.
func NewServer(t testing.TB, resources []openapi.Resource, openAPI http.Handler) *httptest.Server {
	t.Helper()
	h, err := NewHandler(resources, openAPI)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// NewHandlerWithoutFieldValidation returns an OpenAPI handler for resources
// as an API server from before server-side field validation would serve it:
// the v2 document with the fieldValidation parameter taken out, and no v3
// document (404). kubectl's default --validate=strict then validates
// manifests itself, against the v2 definitions. Give it to NewHandler.
func NewHandlerWithoutFieldValidation(resources []openapi.Resource) (http.Handler, error) {
	docs, err := openapi.Build(resources)
	if err != nil {
		return nil, err
	}
	strip := func(ps []spec.Parameter) []spec.Parameter {
		var kept []spec.Parameter
		for _, p := range ps {
			// A shared parameter is a reference to #/parameters/fieldValidation-HASH.
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
	mux := http.NewServeMux()
	handler.NewOpenAPIService(docs.V2).RegisterOpenAPIVersionedService("/openapi/v2", mux)
	return mux, nil
}
