package server

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	sigsjson "sigs.k8s.io/json"

	"github.com/nodenucleus/nucleus/apiserver"
)

// MaxBodyBytes is the largest request body the server reads: the API
// server's limit of 3 MiB. A bigger one is refused with 413.
// Reference: staging/src/k8s.io/apiserver/pkg/server/config.go
// MaxRequestBodyBytes.
const MaxBodyBytes = 3 << 20

// fieldValidation is what a write asks of unknown and duplicate fields
// (the fieldValidation parameter): Strict refuses them with BadRequest,
// Warn accepts them with a warning each, Ignore drops them silently. The
// default is Warn, as the API server's.
// Reference: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go
// fieldValidation.
type fieldValidation string

const (
	validationStrict fieldValidation = "Strict"
	validationWarn   fieldValidation = "Warn"
	validationIgnore fieldValidation = "Ignore"
)

// validationOf reads the fieldValidation parameter.
func validationOf(req *http.Request) (fieldValidation, error) {
	switch v := fieldValidation(req.URL.Query().Get("fieldValidation")); v {
	case "":
		return validationWarn, nil
	case validationStrict, validationWarn, validationIgnore:
		return v, nil
	default:
		return "", badRequest(`fieldValidation: Invalid value: %q: must be one of "Ignore", "Warn", or "Strict"`, string(v))
	}
}

// readBody reads a request body of at most MaxBodyBytes.
func readBody(w http.ResponseWriter, req *http.Request) ([]byte, error) {
	data, err := io.ReadAll(http.MaxBytesReader(w, req.Body, MaxBodyBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, tooLarge(MaxBodyBytes)
	}
	if err != nil {
		return nil, badRequest("reading the request body: %v", err)
	}
	return data, nil
}

// mediaType returns the request's media type without parameters.
func mediaType(req *http.Request) string {
	mt, _, err := mime.ParseMediaType(req.Header.Get("Content-Type"))
	if err != nil {
		return strings.TrimSpace(req.Header.Get("Content-Type"))
	}
	return mt
}

// decodeInto decodes data into o strictly and applies the request's
// fieldValidation: it returns the warnings to send, or a BadRequest worded
// as the API server words it ("Pod in version \"v1\" cannot be handled as
// a Pod: strict decoding error: unknown field \"spec.foo\"").
func decodeInto(r *resource, data []byte, o apiserver.Object, v fieldValidation) ([]string, error) {
	cannot := fmt.Sprintf("%s in version %q cannot be handled as a %s", r.kind, r.version, r.kind)
	strict, err := sigsjson.UnmarshalStrict(data, o)
	if err != nil {
		return nil, badRequest("%s: %v", cannot, err)
	}
	gvk := o.GetObjectKind().GroupVersionKind()
	switch {
	case gvk.Kind == "" && gvk.Version == "":
		o.GetObjectKind().SetGroupVersionKind(r.gvk())
	case gvk != r.gvk():
		return nil, badRequest("%s: the kind %q in version %q does not match the resource's %s", cannot, gvk.Kind, gvk.GroupVersion().String(), r.groupVersion()+", Kind="+r.kind)
	}
	if len(strict) == 0 || v == validationIgnore {
		return nil, nil
	}
	msgs := make([]string, len(strict))
	for i, e := range strict {
		msgs[i] = e.Error()
	}
	if v == validationStrict {
		return nil, badRequest("%s: strict decoding error: %s", cannot, strings.Join(msgs, ", "))
	}
	return msgs, nil
}

// warn adds a Warning header per message, as kubectl prints them
// ("Warning: unknown field \"spec.foo\"").
func warn(w http.ResponseWriter, msgs []string) {
	for _, m := range msgs {
		w.Header().Add("Warning", fmt.Sprintf("299 - %q", m))
	}
}
