package server

import (
	"encoding/json"
	"net/http"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"

	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/scenario"
)

// isResize reports whether rq is about a pod's resize subresource, which
// GET, PUT and PATCH reach (`kubectl patch pod --subresource resize`).
func isResize(rq request) bool {
	return rq.sub == "resize" && rq.r.group == "" && rq.r.plural == "pods" && rq.name != ""
}

// resize writes o to the resize subresource of its stored namesake as a
// resize action: only the containers' resources and resizePolicy are
// taken, the rest of o is dropped, as the API server's resize strategy
// drops it. A stale resourceVersion is a Conflict, what ValidatePodResize
// refuses is Invalid, and a resize that changes nothing is answered with
// the pod as it is, and not recorded.
// Reference: pkg/registry/core/pod/strategy.go (podResizeStrategy).
func (s *Server) resize(w http.ResponseWriter, r *resource, o *corev1.Pod, warnings []string, ow owner) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.catchUp()
	return s.resizeLocked(w, r, o, warnings, ow)
}

// resizeLocked is resize with the lock held and the chain caught up: a
// server-side apply to the resize subresource comes here with its merge.
func (s *Server) resizeLocked(w http.ResponseWriter, r *resource, o *corev1.Pod, warnings []string, ow owner) error {
	found, err := r.find(o.Namespace, o.Name)
	if err != nil {
		return err
	}
	cur := found.(*corev1.Pod)
	if rv := o.ResourceVersion; rv != "" && rv != cur.ResourceVersion {
		return conflict(r, o.Name)
	}
	errs, err := s.c.ValidateResize(o)
	if err != nil {
		return asStatus(r, o.Name, err)
	}
	if len(errs) > 0 {
		return invalid(r, o.Name, errs)
	}
	next := pod.Resized(o, cur)
	pod.Default(next)
	if equality.Semantic.DeepEqual(next.Spec, cur.Spec) {
		warn(w, warnings)
		writeJSON(w, http.StatusOK, served(r, cur, s.clock.offset(s.c.Now())))
		return nil
	}
	if ow.dryRun {
		// A server dry run answers the pod as it would be, and resizes
		// nothing.
		warn(w, warnings)
		writeJSON(w, http.StatusOK, served(r, next, s.clock.offset(s.c.Now())))
		return nil
	}
	stored, more, err := s.write(r, next, func(raw *json.RawMessage) scenario.Action { return scenario.Action{Resize: raw} })
	if err != nil {
		return err
	}
	ow.sub = "resize"
	s.own(r, cur, o, stored, ow)
	warn(w, append(warnings, more...))
	writeJSON(w, http.StatusOK, served(r, stored, s.clock.offset(s.c.Now())))
	return nil
}
