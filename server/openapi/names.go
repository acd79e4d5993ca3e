package openapi

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	eventsv1 "k8s.io/api/events/v1"
	policyv1 "k8s.io/api/policy/v1"
	storagev1 "k8s.io/api/storage/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/kube-openapi/pkg/common"
	"k8s.io/kube-openapi/pkg/util"
	"k8s.io/kube-openapi/pkg/validation/spec"
)

// schemeBuilders register the API groups whose packages generate.sh hands
// to openapi-gen; the two lists change together.
var schemeBuilders = []func(*runtime.Scheme) error{
	corev1.AddToScheme,
	appsv1.AddToScheme,
	discoveryv1.AddToScheme,
	coordinationv1.AddToScheme,
	eventsv1.AddToScheme,
	policyv1.AddToScheme,
	autoscalingv1.AddToScheme,
	autoscalingv2.AddToScheme,
	batchv1.AddToScheme,
	storagev1.AddToScheme,
}

// extensionGVK is the vendor extension that names the group, version and
// kind of a definition or of the object an operation works on. kubectl
// finds a kind's definition, and the PATCH operation of a kind, by it.
const extensionGVK = "x-kubernetes-group-version-kind"

// definitionNamer names definitions as the generated code does (the
// reverse-domain model name, "io.k8s.api.core.v1.Pod") and tags each
// definition of a kind with the group-version-kinds it is served as.
type definitionNamer struct {
	kinds map[string][]schema.GroupVersionKind // model name -> kinds, sorted
}

// newDefinitionNamer collects, for each Go type in scheme, the kinds it is
// registered as in the served group versions.
func newDefinitionNamer(scheme *runtime.Scheme, served map[schema.GroupVersion]bool) *definitionNamer {
	n := &definitionNamer{kinds: map[string][]schema.GroupVersionKind{}}
	for gvk, t := range scheme.AllKnownTypes() {
		if !served[gvk.GroupVersion()] {
			continue
		}
		namer, ok := reflect.New(t).Interface().(util.OpenAPIModelNamer)
		if !ok {
			continue
		}
		name := namer.OpenAPIModelName()
		n.kinds[name] = append(n.kinds[name], gvk)
	}
	for _, kinds := range n.kinds {
		sort.Slice(kinds, func(i, j int) bool {
			a, b := kinds[i], kinds[j]
			if a.Group != b.Group {
				return a.Group < b.Group
			}
			if a.Version != b.Version {
				return a.Version < b.Version
			}
			return a.Kind < b.Kind
		})
	}
	return n
}

// name is the builders' GetDefinitionName.
func (n *definitionNamer) name(model string) (string, spec.Extensions) {
	kinds := n.kinds[model]
	if len(kinds) == 0 {
		return model, nil
	}
	list := make([]interface{}, len(kinds))
	for i, gvk := range kinds {
		list[i] = gvkExtension(gvk)
	}
	return model, spec.Extensions{extensionGVK: list}
}

func gvkExtension(gvk schema.GroupVersionKind) map[string]interface{} {
	return map[string]interface{}{"group": gvk.Group, "version": gvk.Version, "kind": gvk.Kind}
}

// operationIDAndTags names an operation as the real API server does: the
// verb, then the group and version, then the rest of the route's name
// ("read" + "CoreV1" + "NamespacedPod"), tagged "core_v1".
//
// Reference: staging/src/k8s.io/apiserver/pkg/endpoints/openapi/openapi.go
// (GetOperationIDAndTags).
func operationIDAndTags(r common.Route) (string, []string, error) {
	rt, ok := r.(*route)
	if !ok {
		return "", nil, fmt.Errorf("operation %q was not built by this package", r.OperationName())
	}
	group := strings.TrimSuffix(rt.group, ".k8s.io")
	if group == "" {
		group = "core"
	}
	id := rt.verb + operationWord(group, true) + operationWord(rt.version, true) + rt.suffix
	tag := operationWord(group, false) + "_" + operationWord(rt.version, false)
	return id, []string{tag}, nil
}

// operationWord keeps the letters and digits of s, upper-casing the first
// (when capitalize is set) and each one that follows a dropped character:
// "flowcontrol.apiserver" becomes "FlowcontrolApiserver".
func operationWord(s string, capitalize bool) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsLetter(r) || r == '_' || (i != 0 && unicode.IsDigit(r)) {
			if capitalize {
				r = unicode.ToUpper(r)
				capitalize = false
			}
			b.WriteRune(r)
			continue
		}
		capitalize = true
	}
	return b.String()
}
