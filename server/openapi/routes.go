package openapi

import (
	"fmt"
	"net/http"
	"strings"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/kube-openapi/pkg/common"
)

// route is one operation: a method on a path, implementing kube-openapi's
// common.Route so the builders can describe it without go-restful.
type route struct {
	method, path   string
	verb, suffix   string // the operation's name is verb+suffix: "read"+"NamespacedPod"
	group, version string // the group version the path belongs to
	action         string // x-kubernetes-action: get, list, watch, watchlist, post, put, patch, delete, deletecollection
	gvk            schema.GroupVersionKind
	description    string
	params         []common.Parameter
	consumes       []string
	produces       []string
	body           interface{} // a sample of the request body's type, or nil
	responses      []common.StatusCodeResponse
}

func (r *route) Method() string                 { return r.method }
func (r *route) Path() string                   { return r.path }
func (r *route) OperationName() string          { return r.verb + r.suffix }
func (r *route) Parameters() []common.Parameter { return r.params }
func (r *route) Description() string            { return r.description }
func (r *route) Consumes() []string             { return r.consumes }
func (r *route) Produces() []string             { return r.produces }
func (r *route) RequestPayloadSample() interface{} {
	return r.body
}
func (r *route) ResponsePayloadSample() interface{}               { return nil }
func (r *route) StatusCodeResponses() []common.StatusCodeResponse { return r.responses }
func (r *route) Metadata() map[string]interface{} {
	return map[string]interface{}{
		"x-kubernetes-action": r.action,
		extensionGVK:          gvkExtension(r.gvk),
	}
}

// parameter is a path, query or body parameter of an operation.
type parameter struct {
	name, description string
	kind              common.ParameterKind
	dataType          string // string, integer or boolean; ignored for a body
	required          bool
}

func (p parameter) Name() string               { return p.name }
func (p parameter) Description() string        { return p.description }
func (p parameter) Required() bool             { return p.required }
func (p parameter) Kind() common.ParameterKind { return p.kind }
func (p parameter) DataType() string           { return p.dataType }
func (p parameter) AllowMultiple() bool        { return false }

// response is one status code an operation answers with, and its body.
type response struct {
	code    int
	message string
	model   interface{}
}

func (r response) Code() int          { return r.code }
func (r response) Message() string    { return r.message }
func (r response) Model() interface{} { return r.model }

func query(name, dataType, description string) parameter {
	return parameter{name: name, description: description, kind: common.QueryParameterKind, dataType: dataType}
}

var (
	paramName      = parameter{name: "name", description: "name of the object", kind: common.PathParameterKind, dataType: "string", required: true}
	paramNamespace = parameter{name: "namespace", description: "namespace of the object; the namespace is also the scope of the request", kind: common.PathParameterKind, dataType: "string", required: true}
	paramBody      = parameter{name: "body", kind: common.BodyParameterKind, required: true}
	paramPretty    = query("pretty", "string", "if 'true', the output is indented")

	// listParams narrow and page a list, or turn it into a watch.
	listParams = []common.Parameter{
		query("allowWatchBookmarks", "boolean", "ask a watch for BOOKMARK events that carry only a resourceVersion"),
		query("continue", "string", "the token from the previous page's metadata.continue, to read the next page"),
		query("fieldSelector", "string", "keep only objects whose fields match, e.g. spec.nodeName=store-1"),
		query("labelSelector", "string", "keep only objects whose labels match, e.g. app=web"),
		query("limit", "integer", "the most objects to return in one page"),
		query("resourceVersion", "string", "how fresh the answer must be; a watch starts after this version"),
		query("resourceVersionMatch", "string", "how resourceVersion applies to a list: Exact or NotOlderThan"),
		query("sendInitialEvents", "boolean", "start a watch with ADDED events for the objects that exist"),
		query("timeoutSeconds", "integer", "end a list or watch after this many seconds"),
		query("watch", "boolean", "stream changes (ADDED, MODIFIED, DELETED) instead of returning a list"),
	}
	// writeParams come with every create, update and patch.
	writeParams = []common.Parameter{
		query("dryRun", "string", "'All' checks and answers as if the change were made, without storing it"),
		query("fieldManager", "string", "the name of the actor making the change, for managed fields"),
		query("fieldValidation", "string", "what the server does with unknown or duplicate fields: Ignore, Warn or Strict"),
	}
	paramForce = query("force", "boolean", "for apply patches: take over fields that other managers own")
	// deleteParams come with every delete.
	deleteParams = []common.Parameter{
		query("dryRun", "string", "'All' checks and answers as if the object were deleted, without deleting it"),
		query("gracePeriodSeconds", "integer", "seconds the object has to finish before it is deleted; 0 deletes at once"),
		query("ignoreStoreReadErrorWithClusterBreakingPotential", "boolean", "delete an object that cannot be read back from storage"),
		query("orphanDependents", "boolean", "deprecated: use propagationPolicy"),
		query("propagationPolicy", "string", "what happens to dependents: Orphan, Background or Foreground"),
	}
	// logParams choose which log lines a pod's log subresource returns.
	logParams = []common.Parameter{
		query("container", "string", "the container whose log to read; may be left out when the pod has one"),
		query("follow", "boolean", "keep the stream open and send lines as they are written"),
		query("insecureSkipTLSVerifyBackend", "boolean", "skip verifying the kubelet's serving certificate"),
		query("limitBytes", "integer", "stop after this many bytes"),
		query("previous", "boolean", "read the log of the container's previous, terminated instance"),
		query("sinceSeconds", "integer", "only lines written in the last this many seconds"),
		query("stream", "string", "which stream to read: All, Stdout or Stderr"),
		query("tailLines", "integer", "only the last this many lines"),
		query("timestamps", "boolean", "start each line with its RFC3339 timestamp"),
	}
)

// Content types the routes declare. nucleus speaks JSON; a watch streams
// JSON events; a log is plain text.
var (
	consumesAny   = []string{"*/*"}
	consumesPatch = []string{
		string("application/json-patch+json"),
		string("application/merge-patch+json"),
		string("application/strategic-merge-patch+json"),
		string("application/apply-patch+yaml"),
	}
	producesObject = []string{"application/json", "application/yaml"}
	producesList   = []string{"application/json", "application/yaml", "application/json;stream=watch"}
	producesWatch  = []string{"application/json", "application/json;stream=watch"}
	producesLog    = []string{"text/plain", "application/json"}
)

func params(groups ...[]common.Parameter) []common.Parameter {
	var out []common.Parameter
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

func one(p ...common.Parameter) []common.Parameter { return p }

// resourceRoutes returns the operations of r and the group versions of
// every kind they mention (so those kinds' definitions carry their
// group-version-kind). The layout follows the real API server's installer.
//
// Reference: staging/src/k8s.io/apiserver/pkg/endpoints/installer.go
// (registerResourceHandlers).
func resourceRoutes(scheme *runtime.Scheme, r Resource) ([]common.Route, []schema.GroupVersion, error) {
	switch {
	case r.Version == "":
		return nil, nil, fmt.Errorf("version: must not be empty")
	case r.Kind == "":
		return nil, nil, fmt.Errorf("kind: must not be empty")
	case r.Plural == "":
		return nil, nil, fmt.Errorf("plural: must not be empty")
	}
	gv := schema.GroupVersion{Group: r.Group, Version: r.Version}
	gvk := gv.WithKind(r.Kind)
	obj, err := scheme.New(gvk)
	if err != nil {
		return nil, nil, fmt.Errorf("kind: %s has no OpenAPI definition here (add its package to generate.sh)", gvk)
	}
	list, err := scheme.New(gv.WithKind(r.Kind + "List"))
	if err != nil {
		return nil, nil, fmt.Errorf("kind: %sList has no OpenAPI definition here", r.Kind)
	}

	b := routeBuilder{r: r, gvk: gvk, root: rootPath(r.Group, r.Version)}
	ns := ""
	scope := []common.Parameter{}
	collection := b.root + "/" + r.Plural
	watchCollection := b.root + "/watch/" + r.Plural
	if r.Namespaced {
		ns = "Namespaced"
		scope = one(paramNamespace)
		collection = b.root + "/namespaces/{namespace}/" + r.Plural
		watchCollection = b.root + "/watch/namespaces/{namespace}/" + r.Plural
	}
	item := collection + "/{name}"
	itemScope := params(one(paramName), scope)
	kind := r.Kind
	gvs := []schema.GroupVersion{gv}

	for _, verb := range r.Verbs {
		switch verb {
		case "get":
			b.add(http.MethodGet, item, "read", ns+kind, "get", "read the specified "+kind,
				params(itemScope, one(paramPretty)), nil, producesObject, nil, ok(obj))
		case "list":
			b.add(http.MethodGet, collection, "list", ns+kind, "list", "list or watch objects of kind "+kind,
				params(scope, one(paramPretty), listParams), nil, producesList, nil, ok(list))
			if r.Namespaced {
				b.add(http.MethodGet, b.root+"/"+r.Plural, "list", kind+"ForAllNamespaces", "list", "list or watch objects of kind "+kind+" in every namespace",
					params(one(paramPretty), listParams), nil, producesList, nil, ok(list))
			}
		case "watch":
			event := &metav1.WatchEvent{}
			b.add(http.MethodGet, watchCollection+"/{name}", "watch", ns+kind, "watch", "watch changes to an object of kind "+kind+"; deprecated: use the 'watch' parameter with a list operation, filtered to a single item with 'fieldSelector'",
				params(itemScope, one(paramPretty), listParams), nil, producesWatch, nil, ok(event))
			b.add(http.MethodGet, watchCollection, "watch", ns+kind+"List", "watchlist", "watch changes to a list of "+kind+"; deprecated: use the 'watch' parameter with a list operation",
				params(scope, one(paramPretty), listParams), nil, producesWatch, nil, ok(event))
			if r.Namespaced {
				b.add(http.MethodGet, b.root+"/watch/"+r.Plural, "watch", kind+"ListForAllNamespaces", "watchlist", "watch changes to a list of "+kind+" in every namespace; deprecated: use the 'watch' parameter with a list operation",
					params(one(paramPretty), listParams), nil, producesWatch, nil, ok(event))
			}
		case "create":
			b.add(http.MethodPost, collection, "create", ns+kind, "post", "create "+article(kind)+" "+kind,
				params(scope, one(paramPretty), writeParams, one(paramBody)), consumesAny, producesObject, obj, created(obj))
		case "update":
			b.add(http.MethodPut, item, "replace", ns+kind, "put", "replace the specified "+kind,
				params(itemScope, one(paramPretty), writeParams, one(paramBody)), consumesAny, producesObject, obj, replaced(obj))
		case "patch":
			b.add(http.MethodPatch, item, "patch", ns+kind, "patch", "partially update the specified "+kind,
				params(itemScope, one(paramPretty), writeParams, one(paramForce, paramBody)), consumesPatch, producesObject, &metav1.Patch{}, replaced(obj))
		case "delete":
			b.add(http.MethodDelete, item, "delete", ns+kind, "delete", "delete "+article(kind)+" "+kind,
				params(itemScope, one(paramPretty), deleteParams, one(paramBody)), consumesAny, producesObject, &metav1.DeleteOptions{}, deleted())
		case "deletecollection":
			b.add(http.MethodDelete, collection, "delete", "Collection"+ns+kind, "deletecollection", "delete a collection of "+kind,
				params(scope, one(paramPretty), deleteParams, listParams, one(paramBody)), consumesAny, producesObject, &metav1.DeleteOptions{}, ok(&metav1.Status{}))
		default:
			return nil, nil, fmt.Errorf("verbs: unknown verb %q (known: get, list, watch, create, update, patch, delete, deletecollection)", verb)
		}
	}

	for _, sub := range r.Subresources {
		sub = strings.TrimPrefix(sub, r.Plural+"/")
		path := item + "/" + sub
		switch sub {
		case "status", "scale", "resize":
			model, subGVK := obj, gvk
			if sub == "scale" {
				model = &autoscalingv1.Scale{}
				subGVK = autoscalingv1.SchemeGroupVersion.WithKind("Scale")
				gvs = append(gvs, autoscalingv1.SchemeGroupVersion)
			}
			name := ns + kind + upperFirst(sub)
			s := b.with(subGVK)
			s.add(http.MethodGet, path, "read", name, "get", "read "+sub+" of the specified "+kind,
				params(itemScope, one(paramPretty)), nil, producesObject, nil, ok(model))
			s.add(http.MethodPut, path, "replace", name, "put", "replace "+sub+" of the specified "+kind,
				params(itemScope, one(paramPretty), writeParams, one(paramBody)), consumesAny, producesObject, model, replaced(model))
			s.add(http.MethodPatch, path, "patch", name, "patch", "partially update "+sub+" of the specified "+kind,
				params(itemScope, one(paramPretty), writeParams, one(paramForce, paramBody)), consumesPatch, producesObject, &metav1.Patch{}, replaced(model))
			b.routes = append(b.routes, s.routes...)
		case "binding", "eviction":
			var model runtime.Object = &corev1.Binding{}
			subGV := corev1.SchemeGroupVersion
			subKind := "Binding"
			if sub == "eviction" {
				model, subGV, subKind = &policyv1.Eviction{}, policyv1.SchemeGroupVersion, "Eviction"
			}
			gvs = append(gvs, subGV)
			s := b.with(subGV.WithKind(subKind))
			s.add(http.MethodPost, path, "create", ns+kind+subKind, "post", "create "+sub+" of "+article(kind)+" "+kind,
				params(itemScope, one(paramPretty), writeParams, one(paramBody)), consumesAny, producesObject, model, created(model))
			b.routes = append(b.routes, s.routes...)
		case "log":
			b.add(http.MethodGet, path, "read", ns+kind+"Log", "get", "read the log of the specified "+kind,
				params(itemScope, one(paramPretty), logParams), nil, producesLog, nil, ok(""))
		default:
			return nil, nil, fmt.Errorf("subresources: unknown subresource %q (known: status, scale, resize, binding, eviction, log)", sub)
		}
	}
	return b.routes, gvs, nil
}

// routeBuilder collects the routes of one resource, all tagged with one
// group-version-kind.
type routeBuilder struct {
	r      Resource
	gvk    schema.GroupVersionKind
	root   string
	routes []common.Route
}

func (b *routeBuilder) with(gvk schema.GroupVersionKind) *routeBuilder {
	return &routeBuilder{r: b.r, gvk: gvk, root: b.root}
}

func (b *routeBuilder) add(method, path, verb, suffix, action, description string, ps []common.Parameter, consumes, produces []string, body interface{}, responses []common.StatusCodeResponse) {
	b.routes = append(b.routes, &route{
		method: method, path: path, verb: verb, suffix: suffix,
		group: b.r.Group, version: b.r.Version, action: action, gvk: b.gvk,
		description: description, params: ps, consumes: consumes, produces: produces,
		body: body, responses: responses,
	})
}

func ok(model interface{}) []common.StatusCodeResponse {
	return []common.StatusCodeResponse{response{http.StatusOK, "OK", model}}
}

func created(model interface{}) []common.StatusCodeResponse {
	return []common.StatusCodeResponse{
		response{http.StatusOK, "OK", model},
		response{http.StatusCreated, "Created", model},
		response{http.StatusAccepted, "Accepted", model},
	}
}

func replaced(model interface{}) []common.StatusCodeResponse {
	return []common.StatusCodeResponse{
		response{http.StatusOK, "OK", model},
		response{http.StatusCreated, "Created", model},
	}
}

func deleted() []common.StatusCodeResponse {
	return []common.StatusCodeResponse{
		response{http.StatusOK, "OK", &metav1.Status{}},
		response{http.StatusAccepted, "Accepted", &metav1.Status{}},
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

func article(kind string) string {
	switch kind[0] {
	case 'A', 'E', 'I', 'O', 'U':
		return "an"
	}
	return "a"
}
