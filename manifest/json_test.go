package manifest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDocumentJSONIsTheObjectAsWritten: JSON hands back the fields the
// author set, and nothing the Go types would add (creationTimestamp: null,
// resources: {}, status: {}); a List's items each get their own.
func TestDocumentJSONIsTheObjectAsWritten(t *testing.T) {
	const file = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
  volumes:
  - name: scratch
    emptyDir: {}
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: web}
  spec: {ports: [{port: 80}]}
`
	docs, _, err := NewDecoder().Decode("f.yaml", []byte(file))
	require.NoError(t, err)
	require.Len(t, docs, 2)
	assert.JSONEq(t, `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},"spec":{"containers":[{"name":"app","image":"nginx:1.27"}],"volumes":[{"name":"scratch","emptyDir":{}}]}}`, string(docs[0].JSON()))
	assert.JSONEq(t, `{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"port":80}]}}`, string(docs[1].JSON()))
}
