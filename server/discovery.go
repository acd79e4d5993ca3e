package server

import (
	"net/http"
	"strings"

	apidiscoveryv2 "k8s.io/api/apidiscovery/v2"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
)

// Version is what /version reports: the Kubernetes release whose API
// nucleus serves, and that it is nucleus.
var Version = apiserver.VersionInfo()

func (s *Server) serveVersion(w http.ResponseWriter) {
	writeJSON(w, http.StatusOK, Version)
}

// aggregatedType is the media type of aggregated discovery, which kubectl
// asks for first.
// Reference: staging/src/k8s.io/client-go/discovery/aggregated_discovery.go.
const aggregatedType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

// wantsAggregated reports whether the client takes aggregated discovery.
func wantsAggregated(req *http.Request) bool {
	a := req.Header.Get("Accept")
	return strings.Contains(a, "g=apidiscovery.k8s.io") && strings.Contains(a, "v=v2;") && strings.Contains(a, "as=APIGroupDiscoveryList")
}

// groups returns the API groups served, in discovery order: the core group
// ("") first.
func (s *Server) groups() []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range s.resources {
		if !seen[r.group] {
			seen[r.group] = true
			out = append(out, r.group)
		}
	}
	return out
}

// groupVersion returns the one version nucleus serves of a group: v1 for
// every group but autoscaling, whose HorizontalPodAutoscalers are v2.
func (s *Server) groupVersion(group string) string {
	for _, r := range s.resources {
		if r.group == group {
			return r.version
		}
	}
	return "v1"
}

// serveGroups serves /api (the core group's versions) and /apis (the
// named groups), as aggregated discovery when the client asks for it.
func (s *Server) serveGroups(w http.ResponseWriter, req *http.Request, path string) {
	core := path == "api"
	if wantsAggregated(req) {
		list := apidiscoveryv2.APIGroupDiscoveryList{TypeMeta: metav1.TypeMeta{Kind: "APIGroupDiscoveryList", APIVersion: "apidiscovery.k8s.io/v2"}}
		for _, g := range s.groups() {
			if (g == "") != core {
				continue
			}
			list.Items = append(list.Items, s.groupDiscovery(g))
		}
		w.Header().Set("Content-Type", aggregatedType)
		writeJSON(w, http.StatusOK, &list)
		return
	}
	if core {
		writeJSON(w, http.StatusOK, &metav1.APIVersions{
			TypeMeta: metav1.TypeMeta{Kind: "APIVersions"}, Versions: []string{"v1"},
			ServerAddressByClientCIDRs: []metav1.ServerAddressByClientCIDR{{ClientCIDR: "0.0.0.0/0", ServerAddress: req.Host}},
		})
		return
	}
	list := metav1.APIGroupList{TypeMeta: metav1.TypeMeta{Kind: "APIGroupList", APIVersion: "v1"}}
	for _, g := range s.groups() {
		if g == "" {
			continue
		}
		v := s.groupVersion(g)
		gv := metav1.GroupVersionForDiscovery{GroupVersion: g + "/" + v, Version: v}
		list.Groups = append(list.Groups, metav1.APIGroup{Name: g, Versions: []metav1.GroupVersionForDiscovery{gv}, PreferredVersion: gv})
	}
	writeJSON(w, http.StatusOK, &list)
}

// groupDiscovery returns one group's aggregated discovery document.
func (s *Server) groupDiscovery(group string) apidiscoveryv2.APIGroupDiscovery {
	v := apidiscoveryv2.APIVersionDiscovery{Version: s.groupVersion(group), Freshness: apidiscoveryv2.DiscoveryFreshnessCurrent}
	for _, r := range s.resources {
		if r.group != group {
			continue
		}
		scope := apidiscoveryv2.ScopeCluster
		if r.namespaced {
			scope = apidiscoveryv2.ScopeNamespace
		}
		rd := apidiscoveryv2.APIResourceDiscovery{
			Resource: r.plural, SingularResource: r.singular, Scope: scope,
			ResponseKind: &metav1.GroupVersionKind{Group: r.group, Version: r.version, Kind: r.kind},
			Verbs:        r.verbs(), ShortNames: r.shortNames, Categories: r.categories,
		}
		for _, sub := range r.subresources {
			kind := subresourceKind(r, sub)
			rd.Subresources = append(rd.Subresources, apidiscoveryv2.APISubresourceDiscovery{
				Subresource: sub, ResponseKind: &kind, Verbs: subresourceVerbs(r, sub),
			})
		}
		v.Resources = append(v.Resources, rd)
	}
	return apidiscoveryv2.APIGroupDiscovery{ObjectMeta: metav1.ObjectMeta{Name: group}, Versions: []apidiscoveryv2.APIVersionDiscovery{v}}
}

// subresourceKind returns the kind a subresource answers with.
func subresourceKind(r *resource, sub string) metav1.GroupVersionKind {
	switch sub {
	case "scale":
		return metav1.GroupVersionKind{Group: "autoscaling", Version: "v1", Kind: "Scale"}
	case "eviction":
		return metav1.GroupVersionKind{Group: "policy", Version: "v1", Kind: "Eviction"}
	case "log":
		return metav1.GroupVersionKind{Version: "v1", Kind: "Pod"}
	}
	return metav1.GroupVersionKind{Group: r.group, Version: r.version, Kind: r.kind}
}

// subresourceVerbs returns the verbs of a subresource.
func subresourceVerbs(r *resource, sub string) []string {
	switch sub {
	case "scale", "resize":
		return []string{"get", "patch", "update"}
	case "eviction":
		return []string{"create"}
	}
	return []string{"get"}
}

// serveResourceList serves /api/v1 and /apis/GROUP/v1: the resources of
// one group version, subresources as "pods/log".
func (s *Server) serveResourceList(w http.ResponseWriter, group, version string) {
	gv := version
	if group != "" {
		gv = group + "/" + version
	}
	list := metav1.APIResourceList{TypeMeta: metav1.TypeMeta{Kind: "APIResourceList", APIVersion: "v1"}, GroupVersion: gv}
	for _, r := range s.resources {
		if r.group != group || r.version != version {
			continue
		}
		list.APIResources = append(list.APIResources, metav1.APIResource{
			Name: r.plural, SingularName: r.singular, Namespaced: r.namespaced, Kind: r.kind,
			Verbs: r.verbs(), ShortNames: r.shortNames, Categories: r.categories,
		})
		for _, sub := range r.subresources {
			k := subresourceKind(r, sub)
			list.APIResources = append(list.APIResources, metav1.APIResource{
				Name: r.plural + "/" + sub, Namespaced: r.namespaced, Group: k.Group, Version: k.Version, Kind: k.Kind,
				Verbs: subresourceVerbs(r, sub),
			})
		}
	}
	if len(list.APIResources) == 0 {
		writeError(w, notFoundPath(gv))
		return
	}
	writeJSON(w, http.StatusOK, &list)
}
