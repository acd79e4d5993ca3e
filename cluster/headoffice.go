package cluster

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/node"
	"github.com/nodenucleus/nucleus/runtime"
)

// Head office's API server, as the programs on the stores
// reach it: at node.HeadOfficeIP:6443 (through the "kubernetes" Service,
// 10.96.0.1:443, or directly), over TLS with a certificate of the
// cluster's own CA. It answers as a kubeadm (or kind) cluster's API server
// answers a client that shows no credentials: anonymous requests are
// allowed in, as system:anonymous, and RBAC lets that user read only the
// health and version paths (the system:public-info-viewer role);
// everything else is 403 Forbidden, as a Status in pretty JSON (curl and
// wget get it indented).
// Reference: pkg/kubeapiserver/options/authentication.go (anonymous
// requests enabled by default); plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go
// (system:public-info-viewer: /healthz, /livez, /readyz, /version,
// /version/); staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go
// (Forbidden, forbiddenMessage); .../responsewriters/writers.go
// (isPrettyPrint for curl and Wget user agents).
//
// dialHeadOffice returns that listener when ip:port is head office's
// secure port.
func dialHeadOffice(ip string, port int) (runtime.Listener, bool) {
	if ip == node.HeadOfficeIP && port == apiserver.KubernetesServiceTargetPort {
		return &runtime.Port{Speaks: runtime.ProtocolHTTPS, Answer: anonymousAnswer}, true
	}
	return nil, false
}

// anonymousAnswer is the API server's answer to an anonymous GET of path.
func anonymousAnswer(path string) (int, string) {
	path, _, _ = strings.Cut(path, "?")
	switch path {
	case "/healthz", "/livez", "/readyz":
		return 200, "ok"
	case "/version", "/version/":
		return 200, prettyJSON(apiserver.VersionInfo())
	}
	err := anonymousForbidden(path)
	st := err.Status()
	st.TypeMeta = metav1.TypeMeta{Kind: "Status", APIVersion: "v1"}
	return 403, prettyJSON(st)
}

// anonymousForbidden is RBAC's refusal of a GET of path by
// system:anonymous: for a path under /api/v1 or /apis/GROUP/VERSION, of
// the resource it names (get with a name, list without); for any other
// path, of the path.
func anonymousForbidden(path string) *apierrors.StatusError {
	const user = `User "system:anonymous"`
	parts := strings.Split(strings.Trim(path, "/"), "/")
	var group string
	switch {
	case len(parts) >= 3 && parts[0] == "api":
		parts = parts[2:]
	case len(parts) >= 4 && parts[0] == "apis":
		group, parts = parts[1], parts[3:]
	default:
		return apierrors.NewForbidden(schema.GroupResource{}, "", fmt.Errorf("%s cannot get path %q", user, path))
	}
	var ns string
	if len(parts) >= 3 && parts[0] == "namespaces" {
		ns, parts = parts[1], parts[2:]
	} else if len(parts) == 2 && parts[0] == "namespaces" {
		ns = parts[1] // a namespace is read in its own namespace
	}
	resource, name, verb := parts[0], "", "list"
	if len(parts) > 1 {
		name, verb = parts[1], "get"
	}
	if len(parts) > 2 {
		resource += "/" + parts[2]
	}
	scope := "at the cluster scope"
	if ns != "" {
		scope = fmt.Sprintf("in the namespace %q", ns)
	}
	msg := fmt.Sprintf("%s cannot %s resource %q in API group %q %s", user, verb, resource, group, scope)
	return apierrors.NewForbidden(schema.GroupResource{Group: group, Resource: parts[0]}, name, errors.New(msg))
}

// prettyJSON is v indented by two spaces, as the API server writes JSON
// for curl and wget, with no newline after it.
func prettyJSON(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic("cluster.prettyJSON: " + err.Error()) // only our own types come here
	}
	return string(b)
}
