package openapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	openapi_v2 "github.com/google/gnostic-models/openapiv2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/openapi3"
	"k8s.io/client-go/rest"
	"k8s.io/kube-openapi/pkg/spec3"
	"k8s.io/kube-openapi/pkg/util/proto"
	"k8s.io/kube-openapi/pkg/validation/spec"
	"sigs.k8s.io/yaml"

	"github.com/nodenucleus/nucleus/server/openapi"
	"github.com/nodenucleus/nucleus/server/openapi/openapitest"
)

// served is the set of resources nucleus serves.
var served = openapitest.Resources

// extensionGVK is the vendor extension kubectl finds kinds by.
const extensionGVK = "x-kubernetes-group-version-kind"

func serve(t *testing.T, resources []openapi.Resource) (*httptest.Server, *discovery.DiscoveryClient) {
	t.Helper()
	h, err := openapi.NewHandler(resources)
	require.NoError(t, err)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	client, err := discovery.NewDiscoveryClientForConfig(&rest.Config{Host: srv.URL})
	require.NoError(t, err)
	return srv, client
}

// TestV2AsClientGoReadsIt fetches /openapi/v2 the way client-go's discovery
// client does (protobuf, decoded into gnostic's document) and reads it the
// way kubectl's client-side validation does (kube-openapi's proto models).
//
// Reference: staging/src/k8s.io/client-go/discovery/discovery_client.go
// (OpenAPISchema asks for application/com.github.proto-openapi.spec.v2@v1.0+protobuf).
func TestV2AsClientGoReadsIt(t *testing.T) {
	_, client := serve(t, served)
	doc, err := client.OpenAPISchema()
	require.NoError(t, err)

	models, err := proto.NewOpenAPIData(doc)
	require.NoError(t, err)
	pod := models.LookupModel("io.k8s.api.core.v1.Pod")
	require.NotNil(t, pod, "no Pod definition")
	kind, ok := pod.(*proto.Kind)
	require.True(t, ok, "Pod is a %T, want an object (*proto.Kind)", pod)
	spec := kind.Fields["spec"]
	require.NotNil(t, spec, "Pod has no spec field")
	podSpec, ok := spec.(proto.Reference).SubSchema().(*proto.Kind)
	require.True(t, ok)
	containers, ok := podSpec.Fields["containers"].(*proto.Array)
	require.True(t, ok, "PodSpec.containers is %T, want an array", podSpec.Fields["containers"])
	// kubectl apply merges containers by name: the patch extensions come
	// from the type's struct tags through openapi-gen.
	assert.Equal(t, "name", containers.GetExtensions()["x-kubernetes-patch-merge-key"])

	for _, r := range served {
		gvk := schema.GroupVersionKind{Group: r.Group, Version: r.Version, Kind: r.Kind}
		assert.True(t, supportsFieldValidationV2(doc, gvk), "v2: PATCH of %s does not take fieldValidation", gvk)
		assert.True(t, hasGVKDefinition(doc, gvk), "v2: no definition tagged %s", gvk)
	}
}

// supportsFieldValidationV2 answers as kubectl's v2 query-parameter
// verifier does: the first path whose PATCH is tagged with gvk decides.
//
// Reference: staging/src/k8s.io/cli-runtime/pkg/resource/query_param_verifier.go.
func supportsFieldValidationV2(doc *openapi_v2.Document, gvk schema.GroupVersionKind) bool {
	global := map[string]*openapi_v2.NamedParameter{}
	for _, p := range doc.GetParameters().GetAdditionalProperties() {
		global["#/parameters/"+p.GetName()] = p
	}
	for _, path := range doc.GetPaths().GetPath() {
		patch := path.GetValue().GetPatch()
		if !extensionsNameGVK(patch.GetVendorExtension(), gvk) {
			continue
		}
		for _, p := range patch.GetParameters() {
			if p.GetParameter().GetNonBodyParameter().GetQueryParameterSubSchema().GetName() == "fieldValidation" {
				return true
			}
			if g := global[p.GetJsonReference().GetXRef()]; g != nil && g.GetValue().GetNonBodyParameter().GetQueryParameterSubSchema().GetName() == "fieldValidation" {
				return true
			}
		}
		return false
	}
	return false
}

func hasGVKDefinition(doc *openapi_v2.Document, gvk schema.GroupVersionKind) bool {
	for _, d := range doc.GetDefinitions().GetAdditionalProperties() {
		if extensionsNameGVK(d.GetValue().GetVendorExtension(), gvk) {
			return true
		}
	}
	return false
}

func extensionsNameGVK(extensions []*openapi_v2.NamedAny, gvk schema.GroupVersionKind) bool {
	for _, e := range extensions {
		if e.GetName() != extensionGVK {
			continue
		}
		var one map[string]string
		var many []map[string]string
		text := e.GetValue().GetYaml()
		if err := yamlUnmarshal(text, &many); err != nil {
			if err := yamlUnmarshal(text, &one); err != nil {
				return false
			}
			many = append(many, one)
		}
		for _, v := range many {
			if v["group"] == gvk.Group && v["version"] == gvk.Version && v["kind"] == gvk.Kind {
				return true
			}
		}
	}
	return false
}

// TestV3AsKubectlReadsIt fetches /openapi/v3 and one document per group
// version through client-go's openapi3 root, and asks it what kubectl apply
// asks: does the PATCH of this kind take fieldValidation?
//
// Reference: staging/src/k8s.io/cli-runtime/pkg/resource/query_param_verifier_v3.go.
func TestV3AsKubectlReadsIt(t *testing.T) {
	_, client := serve(t, served)
	root := openapi3.NewRoot(client.OpenAPIV3())
	gvs, err := root.GroupVersions()
	require.NoError(t, err)
	assert.ElementsMatch(t, []schema.GroupVersion{
		{Version: "v1"}, {Group: "apps", Version: "v1"}, {Group: "discovery.k8s.io", Version: "v1"}, {Group: "coordination.k8s.io", Version: "v1"},
	}, gvs)

	for _, r := range served {
		gvk := schema.GroupVersionKind{Group: r.Group, Version: r.Version, Kind: r.Kind}
		doc, err := root.GVSpec(gvk.GroupVersion())
		require.NoError(t, err)
		assert.True(t, supportsFieldValidationV3(doc, gvk), "v3: PATCH of %s does not take fieldValidation", gvk)
	}

	apps, err := root.GVSpec(schema.GroupVersion{Group: "apps", Version: "v1"})
	require.NoError(t, err)
	deployment := apps.Components.Schemas["io.k8s.api.apps.v1.Deployment"]
	require.NotNil(t, deployment, "apps/v1 has no Deployment schema")
	assert.True(t, schemaHasGVK(deployment, schema.GroupVersionKind{Group: "apps", Version: "v1", Kind: "Deployment"}),
		"Deployment's extensions: %v", deployment.Extensions)

	core, err := root.GVSpec(schema.GroupVersion{Version: "v1"})
	require.NoError(t, err)
	podSpec := core.Components.Schemas["io.k8s.api.core.v1.PodSpec"]
	require.NotNil(t, podSpec)
	assert.Contains(t, podSpec.Properties, "containers")
	assert.Contains(t, podSpec.Required, "containers")
}

func supportsFieldValidationV3(doc *spec3.OpenAPI, gvk schema.GroupVersionKind) bool {
	for _, path := range doc.Paths.Paths {
		op := path.Patch
		if op == nil || !extensionHasGVK(op.Extensions, gvk) {
			continue
		}
		for _, p := range op.Parameters {
			if p.Name == "fieldValidation" {
				return true
			}
		}
		return false
	}
	return false
}

func extensionHasGVK(ext spec.Extensions, gvk schema.GroupVersionKind) bool {
	var one map[string]string
	if err := ext.GetObject(extensionGVK, &one); err != nil {
		return false
	}
	return one["group"] == gvk.Group && one["version"] == gvk.Version && one["kind"] == gvk.Kind
}

func schemaHasGVK(s *spec.Schema, gvk schema.GroupVersionKind) bool {
	var many []map[string]string
	if err := s.Extensions.GetObject(extensionGVK, &many); err != nil {
		return false
	}
	for _, v := range many {
		if v["group"] == gvk.Group && v["version"] == gvk.Version && v["kind"] == gvk.Kind {
			return true
		}
	}
	return false
}

// TestEveryWriteTakesFieldValidation checks every PATCH, PUT and POST, the
// subresources' too: kubectl's verifiers stop at the first PATCH tagged
// with the kind, and map order decides which one that is. A parameter that
// every operation of a path shares sits on the path (a subresource with one
// POST), as in the real API server's document.
func TestEveryWriteTakesFieldValidation(t *testing.T) {
	docs, err := openapi.Build(served)
	require.NoError(t, err)
	writes := 0
	for gv, doc := range docs.V3 {
		for path, item := range doc.Paths.Paths {
			for method, op := range map[string]*spec3.Operation{"PATCH": item.Patch, "POST": item.Post, "PUT": item.Put} {
				if op == nil {
					continue
				}
				writes++
				names := []string{}
				for _, p := range append(op.Parameters, item.Parameters...) {
					names = append(names, p.Name)
				}
				assert.Contains(t, names, "fieldValidation", "%s %s %s", gv, method, path)
			}
		}
	}
	assert.Greater(t, writes, 30)
}

// TestOperationsAreNamedAsTheAPIServerNamesThem spot-checks operation IDs,
// actions and the group-version-kind of subresources against the real
// API server's document.
//
// Reference: api/openapi-spec/swagger.json in kubernetes/kubernetes.
func TestOperationsAreNamedAsTheAPIServerNamesThem(t *testing.T) {
	docs, err := openapi.Build(served)
	require.NoError(t, err)
	paths := docs.V2.Paths.Paths
	cases := []struct {
		path, method, id, action string
		gvk                      schema.GroupVersionKind
	}{
		{"/api/v1/namespaces/{namespace}/pods/{name}", "GET", "readCoreV1NamespacedPod", "get", schema.GroupVersionKind{Version: "v1", Kind: "Pod"}},
		{"/api/v1/namespaces/{namespace}/pods", "DELETE", "deleteCoreV1CollectionNamespacedPod", "deletecollection", schema.GroupVersionKind{Version: "v1", Kind: "Pod"}},
		{"/api/v1/pods", "GET", "listCoreV1PodForAllNamespaces", "list", schema.GroupVersionKind{Version: "v1", Kind: "Pod"}},
		{"/api/v1/watch/namespaces/{namespace}/pods", "GET", "watchCoreV1NamespacedPodList", "watchlist", schema.GroupVersionKind{Version: "v1", Kind: "Pod"}},
		{"/api/v1/namespaces/{namespace}/pods/{name}/log", "GET", "readCoreV1NamespacedPodLog", "get", schema.GroupVersionKind{Version: "v1", Kind: "Pod"}},
		{"/api/v1/namespaces/{namespace}/pods/{name}/binding", "POST", "createCoreV1NamespacedPodBinding", "post", schema.GroupVersionKind{Version: "v1", Kind: "Binding"}},
		{"/api/v1/namespaces/{namespace}/pods/{name}/eviction", "POST", "createCoreV1NamespacedPodEviction", "post", schema.GroupVersionKind{Group: "policy", Version: "v1", Kind: "Eviction"}},
		{"/api/v1/nodes/{name}/status", "PATCH", "patchCoreV1NodeStatus", "patch", schema.GroupVersionKind{Version: "v1", Kind: "Node"}},
		{"/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale", "PUT", "replaceAppsV1NamespacedDeploymentScale", "put", schema.GroupVersionKind{Group: "autoscaling", Version: "v1", Kind: "Scale"}},
		{"/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases", "POST", "createCoordinationV1NamespacedLease", "post", schema.GroupVersionKind{Group: "coordination.k8s.io", Version: "v1", Kind: "Lease"}},
	}
	for _, c := range cases {
		item, ok := paths[c.path]
		if !assert.True(t, ok, "no path %s", c.path) {
			continue
		}
		op := map[string]*spec.Operation{"GET": item.Get, "POST": item.Post, "PUT": item.Put, "PATCH": item.Patch, "DELETE": item.Delete}[c.method]
		if !assert.NotNil(t, op, "%s %s", c.method, c.path) {
			continue
		}
		assert.Equal(t, c.id, op.ID, "%s %s", c.method, c.path)
		assert.Equal(t, c.action, op.Extensions["x-kubernetes-action"], "%s %s", c.method, c.path)
		assert.True(t, extensionHasGVK(op.Extensions, c.gvk), "%s %s: extensions %v, want %s", c.method, c.path, op.Extensions, c.gvk)
	}
}

// TestV2ServesJSONWithETag checks the plain JSON form and the cache headers
// kube-openapi's handler adds.
func TestV2ServesJSONWithETag(t *testing.T) {
	srv, _ := serve(t, served)
	resp, err := http.Get(srv.URL + "/openapi/v2")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	etag := resp.Header.Get("Etag")
	require.NotEmpty(t, etag)
	var doc map[string]interface{}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&doc))
	assert.Equal(t, "2.0", doc["swagger"])

	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/openapi/v2", nil)
	req.Header.Set("If-None-Match", etag)
	again, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	again.Body.Close()
	assert.Equal(t, http.StatusNotModified, again.StatusCode)
}

func TestUnknownPathsAreNotFound(t *testing.T) {
	srv, _ := serve(t, served)
	for _, p := range []string{"/openapi", "/openapi/v4", "/api/v1", "/openapi/v3/apis/batch/v1", "/openapi/v3/"} {
		resp, err := http.Get(srv.URL + p)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, p)
	}
}

func TestBadResourcesNameTheField(t *testing.T) {
	cases := []struct {
		r    openapi.Resource
		want string
	}{
		{openapi.Resource{Version: "v1", Kind: "Widget", Plural: "widgets"}, "resources[0] (v1 widgets): kind: /v1, Kind=Widget has no OpenAPI definition"},
		{openapi.Resource{Version: "v1", Kind: "Pod", Plural: "pods", Verbs: []string{"fetch"}}, `verbs: unknown verb "fetch"`},
		{openapi.Resource{Version: "v1", Kind: "Pod", Plural: "pods", Subresources: []string{"exec"}}, `subresources: unknown subresource "exec"`},
		{openapi.Resource{Version: "v1", Kind: "Pod"}, "plural: must not be empty"},
	}
	for _, c := range cases {
		_, err := openapi.NewHandler([]openapi.Resource{c.r})
		if assert.Error(t, err, "%+v", c.r) {
			assert.True(t, strings.Contains(err.Error(), c.want), "error %q, want it to contain %q", err, c.want)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := openapi.Build(served); err != nil {
			b.Fatal(err)
		}
	}
}

func yamlUnmarshal(text string, v interface{}) error { return yaml.Unmarshal([]byte(text), v) }

// BenchmarkServe measures a request once the documents are built and
// encoded: the handler serves cached bytes, it builds nothing per request.
func BenchmarkServe(b *testing.B) {
	h, err := openapi.NewHandler(served)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, path, accept string }{
		{"v2-protobuf", "/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"},
		{"v2-json", "/openapi/v2", "application/json"},
		{"v3-core", "/openapi/v3/api/v1", "application/json"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, c.path, nil)
				req.Header.Set("Accept", c.accept)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: status %d", c.path, rec.Code)
				}
				b.ReportMetric(float64(rec.Body.Len()), "doc-bytes")
			}
		})
	}
}

// TestSubresourcesAsDiscoveryNamesThem: "pods/status" (discovery's name)
// and "status" describe the same subresource.
func TestSubresourcesAsDiscoveryNamesThem(t *testing.T) {
	for _, sub := range []string{"status", "pods/status"} {
		docs, err := openapi.Build([]openapi.Resource{{Version: "v1", Kind: "Pod", Plural: "pods", Namespaced: true, Subresources: []string{sub}}})
		require.NoError(t, err, sub)
		assert.Contains(t, docs.V2.Paths.Paths, "/api/v1/namespaces/{namespace}/pods/{name}/status", sub)
	}
}
