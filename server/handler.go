package server

import (
	"net/http"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// request is a resource request, its path taken apart.
type request struct {
	r *resource
	// ns is the namespace of the path ("" for a cluster-scoped resource,
	// or a namespaced one across every namespace).
	ns   string
	name string
	sub  string
}

// ServeHTTP serves the Kubernetes REST API: discovery, the resources and
// their subresources, OpenAPI when configured, and the clock's control
// endpoint under /nucleus/.
func (s *Server) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	path := strings.Trim(req.URL.Path, "/")
	segs := strings.Split(path, "/")
	switch {
	case path == "version":
		s.serveVersion(w)
	case path == "api" || path == "apis":
		s.serveGroups(w, req, path)
	case segs[0] == "openapi":
		if s.openapi == nil {
			writeError(w, notFoundPath(path))
			return
		}
		s.openapi.ServeHTTP(w, req)
	case segs[0] == "nucleus":
		s.serveControl(w, req)
	case path == "apis/authentication.k8s.io/v1/selfsubjectreviews":
		s.serveSelfReview(w, req)
	case strings.HasPrefix(path, "apis/authorization.k8s.io/v1/selfsubject"):
		s.serveAccessReview(w, req, strings.TrimPrefix(path, "apis/authorization.k8s.io/v1/"))
	case segs[0] == "api" && len(segs) >= 2:
		s.serveGroupVersion(w, req, "", segs[1], segs[2:])
	case segs[0] == "apis" && len(segs) >= 3:
		s.serveGroupVersion(w, req, segs[1], segs[2], segs[3:])
	case path == "healthz" || path == "readyz" || path == "livez":
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("ok"))
	default:
		writeError(w, notFoundPath(path))
	}
}

// serveGroupVersion serves /api/v1/... and /apis/GROUP/VERSION/...: the
// version's resource list when rest is empty, a resource otherwise.
func (s *Server) serveGroupVersion(w http.ResponseWriter, req *http.Request, group, version string, rest []string) {
	if len(rest) == 0 {
		s.serveResourceList(w, group, version)
		return
	}
	rq, err := s.parse(group, version, rest)
	if err != nil {
		writeError(w, err)
		return
	}
	if err := s.dispatch(w, req, rq); err != nil {
		writeError(w, err)
	}
}

// parse takes apart the path after the group version:
// [namespaces NS] PLURAL [NAME [SUBRESOURCE]], or namespaces NAME.
func (s *Server) parse(group, version string, rest []string) (request, error) {
	var rq request
	key := group + "/" + version + "/"
	if len(rest) >= 3 && rest[0] == "namespaces" && s.byPath[key+rest[2]] != nil {
		rq.ns, rest = rest[1], rest[2:]
	}
	r := s.byPath[key+rest[0]]
	if r == nil && len(rest) >= 3 && rest[0] == "namespaces" {
		// A resource nucleus does not serve, in a namespace: the API
		// server's 404 for a path it has no handler for.
		return rq, notFoundPath(strings.Join(append([]string{"apis", group, version}, rest...), "/"))
	}
	if r == nil || len(rest) > 3 {
		return rq, apierrors.NewNotFound(schema.GroupResource{Group: group, Resource: rest[0]}, "")
	}
	rq.r = r
	if len(rest) > 1 {
		rq.name = rest[1]
	}
	if len(rest) > 2 {
		rq.sub = rest[2]
	}
	if rq.ns != "" && !r.namespaced {
		return rq, apierrors.NewNotFound(r.groupResource(), rq.name)
	}
	if rq.name != "" && rq.ns == "" && r.namespaced {
		return rq, apierrors.NewNotFound(r.groupResource(), rq.name)
	}
	return rq, nil
}

// dispatch calls the verb the method and the path name.
func (s *Server) dispatch(w http.ResponseWriter, req *http.Request, rq request) error {
	q := req.URL.Query()
	if rq.r.deprecated != "" {
		warn(w, []string{rq.r.deprecated})
	}
	if err := unreachable(rq); err != nil {
		return err
	}
	switch req.Method {
	case http.MethodGet:
		switch {
		case rq.sub == "log":
			return s.serveLog(w, req, rq)
		case rq.sub == "scale":
			return s.getScale(w, req, rq)
		case rq.sub != "" && rq.sub != "status" && !isResize(rq):
			return s.unknownSubresource(rq)
		case rq.name != "":
			return s.get(w, req, rq)
		case q.Get("watch") == "true" || q.Get("watch") == "1":
			return s.serveWatch(w, req, rq)
		}
		return s.list(w, req, rq)
	case http.MethodPost:
		switch {
		case rq.sub == "eviction":
			return s.evict(w, req, rq)
		case rq.sub == "binding":
			return s.bind(w, req, rq)
		case rq.sub != "" || rq.name != "":
			return methodNotAllowed(rq.r, "create", "")
		}
		return s.create(w, req, rq)
	case http.MethodPut:
		return s.update(w, req, rq)
	case http.MethodPatch:
		return s.patch(w, req, rq)
	case http.MethodDelete:
		if rq.name == "" {
			return s.deleteCollection(w, req, rq)
		}
		return s.delete(w, req, rq)
	}
	return methodNotAllowed(rq.r, strings.ToLower(req.Method), "")
}

// unreachable refuses the subresources that reach into a container or
// through to a pod's sockets (exec, attach, portforward, proxy), whatever
// the method (kubectl exec, attach and cp post or upgrade; port-forward
// upgrades), saying why.
func unreachable(rq request) error {
	switch rq.sub {
	case "exec", "attach", "portforward", "proxy":
	default:
		return nil
	}
	return methodNotAllowed(rq.r, rq.sub, "nucleus runs the containers' programs in virtual time, with no live stream for a terminal or a socket to reach; "+
		"read them with kubectl logs, describe and get -o yaml instead (kubectl exec, attach, cp and port-forward are not served)")
}

// unknownSubresource is the NotFound for a subresource the kind does not
// have.
func (s *Server) unknownSubresource(rq request) error {
	for _, sub := range rq.r.subresources {
		if sub == rq.sub {
			return methodNotAllowed(rq.r, "get", rq.sub+" is not served for reading")
		}
	}
	return apierrors.NewNotFound(schema.GroupResource{Group: rq.r.group, Resource: rq.r.plural + "/" + rq.sub}, rq.name)
}
