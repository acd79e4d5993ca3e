package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// writeError writes err as a Kubernetes Status, the body every client
// turns into its usual message ("Error from server (NotFound): pods
// \"web\" not found"). An error that is not already an API status is an
// internal error.
func writeError(w http.ResponseWriter, err error) {
	var st apierrors.APIStatus
	if !errors.As(err, &st) {
		st = apierrors.NewInternalError(err)
	}
	status := st.Status()
	status.Kind, status.APIVersion = "Status", "v1"
	status.Status = metav1.StatusFailure
	if status.Code == 0 {
		status.Code = http.StatusInternalServerError
	}
	writeJSON(w, int(status.Code), &status)
}

// writeJSON writes v as JSON with the status code.
func writeJSON(w http.ResponseWriter, code int, v any) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	_ = enc.Encode(v) // a client gone away is not the server's problem
}

// badRequest returns a BadRequest status with the message.
func badRequest(format string, args ...any) error {
	return apierrors.NewBadRequest(fmt.Sprintf(format, args...))
}

// methodNotAllowed returns the MethodNotAllowed status the API server
// gives for a verb a resource does not have, saying why.
func methodNotAllowed(r *resource, verb, why string) error {
	err := apierrors.NewMethodNotSupported(r.groupResource(), verb)
	if why != "" {
		err.ErrStatus.Message += ": " + why
	}
	return err
}

// unsupportedMediaType returns the UnsupportedMediaType status for a
// patch type or a body the server does not take.
func unsupportedMediaType(contentType string, supported []string) error {
	return &apierrors.StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusUnsupportedMediaType, Reason: metav1.StatusReasonUnsupportedMediaType,
		Message: fmt.Sprintf("the body of the request was in an unknown format - accepted media types include: %s", strings.Join(supported, ", ")),
		Details: &metav1.StatusDetails{Causes: []metav1.StatusCause{{Type: metav1.CauseTypeFieldValueNotSupported, Message: contentType}}},
	}}
}

// invalid returns the Invalid status for a kind's field errors, with one
// cause per field, as the API server's validation returns it.
func invalid(r *resource, name string, errs field.ErrorList) error {
	return apierrors.NewInvalid(schema.GroupKind{Group: r.group, Kind: r.kind}, name, errs)
}

// tooLarge returns the RequestEntityTooLarge status for a body over
// limit bytes.
func tooLarge(limit int64) error {
	return apierrors.NewRequestEntityTooLargeError(fmt.Sprintf("limit is %d", limit))
}

// notFoundPath is the API server's answer for a path it does not serve.
func notFoundPath(path string) error {
	return &apierrors.StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusNotFound, Reason: metav1.StatusReasonNotFound,
		Message: "the server could not find the requested resource",
		Details: &metav1.StatusDetails{Causes: []metav1.StatusCause{{Type: metav1.CauseTypeUnexpectedServerResponse, Message: "404 page not found: /" + path}}},
	}}
}
