package pod

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	utilvalidation "k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// envFieldPaths are the pod fields the downward API gives env variables,
// besides metadata.labels['k'] and metadata.annotations['k'].
// Reference: pkg/apis/core/validation/validation.go
// (validEnvDownwardAPIFieldPathExpressions).
var envFieldPaths = []string{"metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
	"spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"}

// validateFieldRef checks an env fieldRef as validateObjectFieldSelector
// does: apiVersion v1, a fieldPath the downward API offers to env, and a
// valid label or annotation key in a subscript.
func validateFieldRef(ref *corev1.ObjectFieldSelector, path *field.Path) field.ErrorList {
	if ref.APIVersion == "" {
		return field.ErrorList{field.Required(path.Child("apiVersion"), "")}
	}
	if ref.FieldPath == "" {
		return field.ErrorList{field.Required(path.Child("fieldPath"), "")}
	}
	if ref.APIVersion != "v1" {
		return field.ErrorList{field.Invalid(path.Child("fieldPath"), ref.FieldPath,
			`error converting fieldPath: unsupported pod version: `+ref.APIVersion)}
	}
	if p, key, ok := splitSubscript(ref.FieldPath); ok {
		switch p {
		case "metadata.annotations":
			return qualifiedName(strings.ToLower(key), path)
		case "metadata.labels":
			return qualifiedName(key, path)
		}
		return field.ErrorList{field.NotSupported(path, p, envFieldPaths)}
	}
	for _, p := range envFieldPaths {
		if ref.FieldPath == p {
			return nil
		}
	}
	return field.ErrorList{field.NotSupported(path.Child("fieldPath"), ref.FieldPath, envFieldPaths)}
}

// splitSubscript splits "metadata.labels['k']" into its path and key.
func splitSubscript(s string) (string, string, bool) {
	p, rest, ok := strings.Cut(s, "['")
	if !ok || !strings.HasSuffix(rest, "']") {
		return "", "", false
	}
	return p, strings.TrimSuffix(rest, "']"), true
}

// envResources are the container resources resourceFieldRef may name.
var envResources = []string{"limits.cpu", "limits.ephemeral-storage", "limits.memory",
	"requests.cpu", "requests.ephemeral-storage", "requests.memory"}

// validateResourceFieldRef checks an env resourceFieldRef as
// validateContainerResourceFieldSelector and validateContainerResourceDivisor
// do: a supported resource, and a divisor of 1m or 1 for cpu, a power of
// 1000 or 1024 for memory and ephemeral storage.
func validateResourceFieldRef(ref *corev1.ResourceFieldSelector, path *field.Path) field.ErrorList {
	if ref.Resource == "" {
		return field.ErrorList{field.Required(path.Child("resource"), "")}
	}
	supported := false
	for _, r := range envResources {
		supported = supported || r == ref.Resource
	}
	if !supported {
		return field.ErrorList{field.NotSupported(path.Child("resource"), ref.Resource, envResources)}
	}
	if ref.Divisor.IsZero() {
		return nil
	}
	var allowed []string
	var msg string
	if strings.HasSuffix(ref.Resource, ".cpu") {
		allowed, msg = []string{"1m", "1"}, "only divisor's values 1m and 1 are supported with the cpu resource"
	} else {
		allowed = []string{"1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"}
		msg = "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"
		if strings.HasSuffix(ref.Resource, "ephemeral-storage") {
			msg = strings.Replace(msg, "memory resource", "local ephemeral storage resource", 1)
		}
	}
	for _, a := range allowed {
		if ref.Divisor.Cmp(resource.MustParse(a)) == 0 {
			return nil
		}
	}
	return field.ErrorList{field.Invalid(path.Child("divisor"), ref.Divisor.String(), msg)}
}

// qualifiedName checks a label or annotation key (ValidateQualifiedName).
func qualifiedName(key string, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, msg := range utilvalidation.IsQualifiedName(key) {
		errs = append(errs, field.Invalid(path, key, msg))
	}
	return errs
}
