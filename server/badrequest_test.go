package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/server"
	"github.com/nodenucleus/nucleus/sim"
)

// send makes a request with a JSON body and returns the response and its
// body.
func send(t *testing.T, method, url, contentType string, body []byte) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, out
}

// status decodes a Status body.
func status(t *testing.T, body []byte) metav1.Status {
	t.Helper()
	var st metav1.Status
	require.NoError(t, json.Unmarshal(body, &st), string(body))
	return st
}

const typoPod = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"typo"},"spec":{"containers":[{"name":"app","imagee":"busybox","image":"busybox"}]}}`

// TestFieldValidation checks the three fieldValidation levels with the
// API server's words.
// Reference: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go
// (strict decoding error), rest.go fieldValidation.
func TestFieldValidation(t *testing.T) {
	s := serve(t, oneStore, 100)
	url := s.addr + "/api/v1/namespaces/default/pods"
	resp, body := send(t, http.MethodPost, url+"?fieldValidation=Strict", "application/json", []byte(typoPod))
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	st := status(t, body)
	assert.Equal(t, metav1.StatusReasonBadRequest, st.Reason)
	assert.Equal(t, `Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"`, st.Message)

	resp, _ = send(t, http.MethodPost, url+"?fieldValidation=Warn", "application/json", []byte(typoPod))
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Equal(t, []string{`299 - "unknown field \"spec.containers[0].imagee\""`}, resp.Header.Values("Warning"))

	resp, _ = send(t, http.MethodPost, url+"?fieldValidation=Ignore", "application/json", []byte(strings.Replace(typoPod, `"typo"`, `"typo2"`, 1)))
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	assert.Empty(t, resp.Header.Values("Warning"))

	resp, _ = send(t, http.MethodPost, url+"?fieldValidation=Loud", "application/json", []byte(typoPod))
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
}

func TestBadRequestsGetKubernetesErrors(t *testing.T) {
	s := serve(t, oneStore, 100)
	pods := s.addr + "/api/v1/namespaces/default/pods"
	tests := []struct {
		name, method, url, contentType string
		body                           []byte
		code                           int
		reason                         metav1.StatusReason
		message                        string
	}{
		{"unknown kind", http.MethodGet, s.addr + "/api/v1/namespaces/default/widgets", "", nil,
			http.StatusNotFound, metav1.StatusReasonNotFound, ""},
		{"unknown path", http.MethodGet, s.addr + "/nothing/here", "", nil,
			http.StatusNotFound, metav1.StatusReasonNotFound, "the server could not find the requested resource"},
		{"malformed JSON", http.MethodPost, pods, "application/json", []byte(`{"kind":`),
			http.StatusBadRequest, metav1.StatusReasonBadRequest, ""},
		{"wrong kind", http.MethodPost, pods, "application/json", []byte(`{"apiVersion":"v1","kind":"Service","metadata":{"name":"x"}}`),
			http.StatusBadRequest, metav1.StatusReasonBadRequest, ""},
		// Reference: staging/src/k8s.io/apiserver/pkg/server/config.go MaxRequestBodyBytes (3 MiB).
		{"huge body", http.MethodPost, pods, "application/json", bytes.Repeat([]byte(" "), server.MaxBodyBytes+1),
			http.StatusRequestEntityTooLarge, metav1.StatusReasonRequestEntityTooLarge, "Request entity too large: limit is 3145728"},
		{"YAML body", http.MethodPost, pods, "application/yaml", []byte("kind: Pod"),
			http.StatusUnsupportedMediaType, metav1.StatusReasonUnsupportedMediaType, ""},
		{"delete the collection of nodes", http.MethodDelete, s.addr + "/api/v1/nodes", "", nil,
			http.StatusMethodNotAllowed, metav1.StatusReasonMethodNotAllowed, ""},
		// Reference: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
		// (Orphan and Foreground keep dependents or the owner; nucleus
		// refuses them rather than delete in the background silently).
		{"orphan a deployment's dependents", http.MethodDelete, s.addr + "/apis/apps/v1/namespaces/default/deployments/web?propagationPolicy=Orphan", "", nil,
			http.StatusBadRequest, metav1.StatusReasonBadRequest, "propagationPolicy Orphan is not simulated by nucleus: a Deployment's dependents always go after it, as with Background (kubectl delete --cascade=background, the default)"},
		{"create a node", http.MethodPost, s.addr + "/api/v1/nodes", "application/json", []byte(`{"metadata":{"name":"n"}}`),
			http.StatusMethodNotAllowed, metav1.StatusReasonMethodNotAllowed, ""},
		{"too old", http.MethodGet, pods + "?watch=true&resourceVersion=1", "", nil,
			http.StatusGone, metav1.StatusReasonExpired, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := send(t, tt.method, tt.url, tt.contentType, tt.body)
			assert.Equal(t, tt.code, resp.StatusCode, string(body))
			st := status(t, body)
			assert.Equal(t, "Status", st.Kind)
			assert.Equal(t, tt.reason, st.Reason, st.Message)
			if tt.message != "" {
				assert.Equal(t, tt.message, st.Message)
			}
		})
	}
	// None of it stalled the chain: it still answers, and still moves.
	_, err := s.client.CoreV1().Nodes().Get(context.Background(), "store-1", metav1.GetOptions{})
	assert.NoError(t, err)
	var t0 sim.Time
	s.srv.Do(func() { t0 = s.srv.Now() })
	eventually(t, "virtual time to move on", func() bool {
		var t1 sim.Time
		s.srv.Do(func() { t1 = s.srv.Now() })
		return t1 > t0
	})
}
