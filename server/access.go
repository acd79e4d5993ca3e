package server

import (
	"net/http"

	authenticationv1 "k8s.io/api/authentication/v1"
	authorizationv1 "k8s.io/api/authorization/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// allowedReason is why every review is allowed.
const allowedReason = "nucleus serves without authentication or authorization: every request is allowed"

// serveAccessReview answers `kubectl auth can-i`: the server authorizes
// nothing, so every self-review is allowed, as under the API server's
// AlwaysAllow authorization mode.
// Reference: pkg/registry/authorization/selfsubjectaccessreview/rest.go,
// pkg/registry/authorization/selfsubjectrulesreview/rest.go;
// staging/src/k8s.io/apiserver/pkg/authorization/authorizerfactory (AlwaysAllow).
func (s *Server) serveAccessReview(w http.ResponseWriter, req *http.Request, resource string) {
	gr := schema.GroupResource{Group: "authorization.k8s.io", Resource: resource}
	if req.Method != http.MethodPost {
		writeError(w, apierrors.NewMethodNotSupported(gr, req.Method))
		return
	}
	data, err := readBody(w, req)
	if err != nil {
		writeError(w, err)
		return
	}
	switch resource {
	case "selfsubjectaccessreviews":
		var r authorizationv1.SelfSubjectAccessReview
		if err := decodeLoose(mediaType(req), data, &r, "SelfSubjectAccessReview"); err != nil {
			writeError(w, err)
			return
		}
		r.APIVersion, r.Kind = "authorization.k8s.io/v1", "SelfSubjectAccessReview"
		r.Status = authorizationv1.SubjectAccessReviewStatus{Allowed: true, Reason: allowedReason}
		writeJSON(w, http.StatusCreated, &r)
	case "selfsubjectrulesreviews":
		var r authorizationv1.SelfSubjectRulesReview
		if err := decodeLoose(mediaType(req), data, &r, "SelfSubjectRulesReview"); err != nil {
			writeError(w, err)
			return
		}
		r.APIVersion, r.Kind = "authorization.k8s.io/v1", "SelfSubjectRulesReview"
		all := []string{"*"}
		r.Status = authorizationv1.SubjectRulesReviewStatus{
			ResourceRules:    []authorizationv1.ResourceRule{{Verbs: all, APIGroups: all, Resources: all}},
			NonResourceRules: []authorizationv1.NonResourceRule{{Verbs: all, NonResourceURLs: all}},
		}
		writeJSON(w, http.StatusCreated, &r)
	default:
		writeError(w, apierrors.NewNotFound(gr, ""))
	}
}

// serveSelfReview answers `kubectl auth whoami` (a SelfSubjectReview): the
// server authenticates nobody, so every client is the anonymous user, as
// an API server with anonymous requests enabled and no other
// authenticator sees it.
// Reference: pkg/registry/authentication/selfsubjectreview/rest.go;
// staging/src/k8s.io/apiserver/pkg/authentication/request/anonymous
// (system:anonymous in the group system:unauthenticated).
func (s *Server) serveSelfReview(w http.ResponseWriter, req *http.Request) {
	gr := schema.GroupResource{Group: "authentication.k8s.io", Resource: "selfsubjectreviews"}
	if req.Method != http.MethodPost {
		writeError(w, apierrors.NewMethodNotSupported(gr, req.Method))
		return
	}
	data, err := readBody(w, req)
	if err != nil {
		writeError(w, err)
		return
	}
	var r authenticationv1.SelfSubjectReview
	if err := decodeLoose(mediaType(req), data, &r, "SelfSubjectReview"); err != nil {
		writeError(w, err)
		return
	}
	r.APIVersion, r.Kind = "authentication.k8s.io/v1", "SelfSubjectReview"
	r.Status.UserInfo = authenticationv1.UserInfo{Username: "system:anonymous", Groups: []string{"system:unauthenticated"}}
	writeJSON(w, http.StatusCreated, &r)
}
