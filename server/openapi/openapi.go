package openapi

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/kube-openapi/pkg/builder"
	"k8s.io/kube-openapi/pkg/builder3"
	"k8s.io/kube-openapi/pkg/common"
	"k8s.io/kube-openapi/pkg/handler"
	"k8s.io/kube-openapi/pkg/handler3"
	"k8s.io/kube-openapi/pkg/spec3"
	"k8s.io/kube-openapi/pkg/validation/spec"
)

// Resource is one resource the server serves, as its discovery document
// describes it: pods in the core group, deployments in apps/v1, and so on.
type Resource struct {
	// Group is the API group ("" for the core group), Version its version
	// ("v1"), Kind the kind of one object ("Pod") and Plural the resource
	// name in paths ("pods").
	Group, Version, Kind, Plural string
	// Namespaced says whether objects live in a namespace.
	Namespaced bool
	// Verbs are the Kubernetes verbs served on the resource: get, list,
	// watch, create, update, patch, delete, deletecollection.
	Verbs []string
	// Subresources are the served subresources: status, scale, binding,
	// eviction, log ("pods/log", as discovery names it, works too).
	Subresources []string
}

// Documents are the OpenAPI documents of a set of resources.
type Documents struct {
	// V2 is the one OpenAPI v2 document, served at /openapi/v2.
	V2 *spec.Swagger
	// V3 holds one OpenAPI v3 document per group version, keyed by the path
	// after /openapi/v3/: "api/v1", "apis/apps/v1", ...
	V3 map[string]*spec3.OpenAPI
}

// NewHandler builds the OpenAPI documents of resources and returns a handler
// that serves /openapi/v2 (JSON or protobuf, with an ETag), /openapi/v3 (the
// index of group versions) and /openapi/v3/{api/v1, apis/apps/v1, ...}. Any
// other path gets 404. The documents are built here, once; an error names
// the resource and field that could not be described.
func NewHandler(resources []Resource) (http.Handler, error) {
	docs, err := Build(resources)
	if err != nil {
		return nil, err
	}
	return docs.Handler()
}

// Handler returns a handler that serves the documents, as NewHandler's.
func (docs *Documents) Handler() (http.Handler, error) {
	mux := http.NewServeMux()
	handler.NewOpenAPIService(docs.V2).RegisterOpenAPIVersionedService("/openapi/v2", mux)
	v3 := handler3.NewOpenAPIService()
	for _, gv := range sortedKeys(docs.V3) {
		v3.UpdateGroupVersion(gv, docs.V3[gv])
	}
	if err := v3.RegisterOpenAPIV3VersionedService("/openapi/v3", prefixMux{mux, docs.V3}); err != nil {
		return nil, err
	}
	return mux, nil
}

// prefixMux gives an http.ServeMux the HandlePrefix method kube-openapi's v3
// handler registers its per-group-version documents with (a pattern that
// ends in a slash already matches every path below it), and answers 404 Not
// Found for a group version it has no document of, where kube-openapi's
// handler would answer 200 with an empty body.
type prefixMux struct {
	*http.ServeMux
	known map[string]*spec3.OpenAPI
}

func (m prefixMux) HandlePrefix(prefix string, h http.Handler) {
	m.Handle(prefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := m.known[strings.TrimPrefix(r.URL.Path, prefix)]; !ok {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	}))
}

// Build returns the OpenAPI documents of resources: every path and operation
// of each resource and subresource, and the definitions they reference.
func Build(resources []Resource) (*Documents, error) {
	scheme, err := NewScheme()
	if err != nil {
		return nil, err
	}
	byRoot := map[string]*routeContainer{}
	served := map[schema.GroupVersion]bool{}
	for i, r := range resources {
		routes, gvs, err := resourceRoutes(scheme, r)
		if err != nil {
			return nil, fmt.Errorf("resources[%d] (%s): %w", i, r.describe(), err)
		}
		root := rootPath(r.Group, r.Version)
		c := byRoot[root]
		if c == nil {
			c = &routeContainer{root: root}
			byRoot[root] = c
		}
		c.routes = append(c.routes, routes...)
		for _, gv := range gvs {
			served[gv] = true
		}
	}
	namer := newDefinitionNamer(scheme, served)
	definitions := GetOpenAPIDefinitions

	v2Config := &common.Config{
		Info:                           &spec.Info{InfoProps: spec.InfoProps{Title: "Kubernetes", Version: "nucleus"}},
		GetDefinitions:                 definitions,
		GetDefinitionName:              namer.name,
		GetOperationIDAndTagsFromRoute: operationIDAndTags,
	}
	var all []common.RouteContainer
	for _, root := range sortedKeys(byRoot) {
		all = append(all, byRoot[root])
	}
	v2, err := builder.BuildOpenAPISpecFromRoutes(all, v2Config)
	if err != nil {
		return nil, fmt.Errorf("openapi v2: %w", err)
	}

	// The v3 documents share one set of definitions, made once: each group
	// version's document copies the ones its paths reference.
	v3Definitions := definitions(func(name string) spec.Ref {
		defName, _ := namer.name(name)
		return spec.MustCreateRef("#/components/schemas/" + common.EscapeJsonPointer(defName))
	})
	docs := &Documents{V2: v2, V3: map[string]*spec3.OpenAPI{}}
	for _, root := range sortedKeys(byRoot) {
		v3Config := &common.OpenAPIV3Config{
			Info:                           &spec.Info{InfoProps: spec.InfoProps{Title: "Kubernetes", Version: "nucleus"}},
			Definitions:                    v3Definitions,
			GetDefinitionName:              namer.name,
			GetOperationIDAndTagsFromRoute: operationIDAndTags,
		}
		doc, err := builder3.BuildOpenAPISpecFromRoutes([]common.RouteContainer{byRoot[root]}, v3Config)
		if err != nil {
			return nil, fmt.Errorf("openapi v3 %s: %w", root, err)
		}
		docs.V3[strings.TrimPrefix(root, "/")] = doc
	}
	return docs, nil
}

func (r Resource) describe() string {
	gv := schema.GroupVersion{Group: r.Group, Version: r.Version}.String()
	return gv + " " + r.Plural
}

// rootPath is where a group version's resources live: /api/v1 for the core
// group, /apis/GROUP/VERSION for the others.
func rootPath(group, version string) string {
	if group == "" {
		return "/api/" + version
	}
	return "/apis/" + group + "/" + version
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// routeContainer is one group version's routes, under its root path.
type routeContainer struct {
	root   string
	routes []common.Route
}

func (c *routeContainer) RootPath() string                   { return c.root }
func (c *routeContainer) PathParameters() []common.Parameter { return nil }
func (c *routeContainer) Routes() []common.Route             { return c.routes }

// NewScheme returns a scheme that knows the Go type of every kind the
// generated definitions describe, so a resource's kind can be turned into
// a sample object for the builders (which name definitions after the
// sample's type), and server-side apply can make and convert objects.
func NewScheme() (*runtime.Scheme, error) {
	scheme := runtime.NewScheme()
	for _, add := range schemeBuilders {
		if err := add(scheme); err != nil {
			return nil, err
		}
	}
	return scheme, nil
}

// Schemas returns the definitions of the documents as one map, keyed by
// definition name, each as the v3 documents give it (its references point
// at #/components/schemas/, the definition of each served kind carries its
// x-kubernetes-group-version-kind). It is what
// managedfields.NewTypeConverter takes: the schema server-side apply
// merges by and tracks field ownership with.
// Reference: staging/src/k8s.io/apiserver/pkg/server/config.go (the
// generic API server builds its TypeConverter from the definitions it
// serves).
func (docs *Documents) Schemas() map[string]*spec.Schema {
	out := map[string]*spec.Schema{}
	for _, gv := range sortedKeys(docs.V3) {
		if c := docs.V3[gv].Components; c != nil {
			for name, s := range c.Schemas {
				out[name] = s
			}
		}
	}
	return out
}
